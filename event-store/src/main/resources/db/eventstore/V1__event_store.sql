-- Axon's JdbcEventStorageEngine tables. Unquoted names: PostgreSQL folds them to lower case, H2 to upper case,
-- and Axon's own unquoted statements find them either way.
CREATE TABLE DomainEventEntry (
    globalIndex         BIGSERIAL    NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    CONSTRAINT domainevententry_pk PRIMARY KEY (globalIndex),
    -- Optimistic locking of streams: two writers can never append the same sequence number to one stream.
    CONSTRAINT domainevententry_stream_uq UNIQUE (aggregateIdentifier, sequenceNumber),
    CONSTRAINT domainevententry_event_uq UNIQUE (eventIdentifier)
);

-- Token creation at a point in time (processor reset to a date) scans by timestamp.
CREATE INDEX domainevententry_timestamp_ix ON DomainEventEntry (timeStamp);

CREATE TABLE SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    CONSTRAINT snapshotevententry_pk PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    CONSTRAINT snapshotevententry_event_uq UNIQUE (eventIdentifier)
);
