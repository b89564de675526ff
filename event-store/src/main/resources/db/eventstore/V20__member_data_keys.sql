-- One data key per member, encrypting the personal fields of that member's events (see event-store's
-- personal/PersonalDataSerializer). Kept apart from the events so that destroying a key (erasure) shreds that
-- member's personal data while every event row, and so the chain hash, stays as stored.
-- wrapped_key: the member's AES-256 key sealed with the master key (AES-GCM: nonce, ciphertext, tag); NULL once the
-- member's personal data was erased. The row stays as a tombstone, so a key is never created again for that member.
CREATE TABLE member_data_key (
    member_id   VARCHAR(255)             NOT NULL,
    wrapped_key BYTEA,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    erased_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT member_data_key_pk PRIMARY KEY (member_id),
    CONSTRAINT member_data_key_erased_ck CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);
