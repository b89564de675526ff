-- Tamper evidence against whoever can write this database (see event-store's audit/ and the query side's audit/).
-- audit_leaf: the events a checkpoint commits to, in the order of the Merkle tree (global order), each with the
-- chain hash it had when it was taken in. Losing or editing this table cannot hide a change: checkpoints signed
-- before, kept by outsiders, no longer match whatever is computed from it.
CREATE TABLE audit_leaf (
    leaf_index   BIGINT       NOT NULL,
    global_index BIGINT       NOT NULL,
    aggregate_id VARCHAR(255) NOT NULL,
    sequence_no  BIGINT       NOT NULL,
    chain_hash   VARCHAR(64),
    CONSTRAINT audit_leaf_pk PRIMARY KEY (leaf_index),
    CONSTRAINT audit_leaf_event_uq UNIQUE (global_index),
    CONSTRAINT audit_leaf_stream_uq UNIQUE (aggregate_id, sequence_no)
);

-- Signed checkpoints (Ed25519 over the text form documented in audit/Checkpoint; the key is never stored here).
-- published: whether the AMQP exchange confirmed it.
CREATE TABLE audit_checkpoint (
    checkpoint_no   BIGINT       NOT NULL,
    tree_size       BIGINT       NOT NULL,
    root_hash       VARCHAR(64)  NOT NULL,
    heads_count     BIGINT       NOT NULL,
    heads_root      VARCHAR(64)  NOT NULL,
    covered_through BIGINT       NOT NULL,
    created_at      VARCHAR(40)  NOT NULL,
    key_id          VARCHAR(16)  NOT NULL,
    signature       VARCHAR(128) NOT NULL,
    published       BOOLEAN      NOT NULL DEFAULT FALSE,
    CONSTRAINT audit_checkpoint_pk PRIMARY KEY (checkpoint_no)
);
