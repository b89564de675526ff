-- The embedded default's token signing key (RSA, PKCS#8 and X.509 in Base64). Kept next to the events because both
-- services already share this database: the first service to start creates the row, every later start of either
-- service reads it, so tokens minted by one are trusted by the other. Unused when a real issuer is configured.
CREATE TABLE local_signing_key (
    key_id      VARCHAR(64)   NOT NULL,
    private_key VARCHAR(4096) NOT NULL,
    public_key  VARCHAR(2048) NOT NULL,
    created_at  BIGINT        NOT NULL,
    CONSTRAINT local_signing_key_pk PRIMARY KEY (key_id)
);
