-- Issue 11: the Ed25519 public keys a MINISTRY client signs its batches with (RFC 9421). Only public keys: the
-- service holds no secret of the ministry. A key id is never reused by its client, even after revocation, so a
-- signature can never be attributed to another key later.
CREATE TABLE signing_key (
    client_id   uuid         NOT NULL REFERENCES api_client (id),
    key_id      varchar(64)  NOT NULL,
    public_key  bytea        NOT NULL,
    fingerprint varchar(80)  NOT NULL,
    created_at  timestamptz  NOT NULL,
    created_by  varchar(200) NOT NULL,
    revoked_at  timestamptz,
    CONSTRAINT pk_signing_key PRIMARY KEY (client_id, key_id),
    CONSTRAINT ck_signing_key_id CHECK (key_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
    CONSTRAINT ck_signing_key_length CHECK (octet_length(public_key) = 44)
);
