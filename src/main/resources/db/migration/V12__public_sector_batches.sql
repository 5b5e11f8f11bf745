-- Issue 11: the Ministry of Finance's signed batches of payments, processed line by line.

-- 1. A payment now says through which channel it came. A partner entity's payment (BANK) keeps its entity,
-- transaction id and voucher; a ministry's batch line (MINISTRY_BATCH) is named by its batch and line number, and
-- pays a voucher only when the line names one. One payment per batch line at most: the database refuses a second,
-- whatever the processing does (two service instances, a chunk run again after a crash).
ALTER TABLE payment ADD COLUMN channel varchar(16) NOT NULL DEFAULT 'BANK'
    CONSTRAINT ck_payment_channel CHECK (channel IN ('BANK', 'MINISTRY_BATCH', 'SETTLEMENT'));
ALTER TABLE payment ALTER COLUMN channel DROP DEFAULT;
ALTER TABLE payment ALTER COLUMN entity_code DROP NOT NULL,
                    ALTER COLUMN bank_transaction_id DROP NOT NULL,
                    ALTER COLUMN voucher_reference DROP NOT NULL;
ALTER TABLE payment ADD COLUMN batch_id varchar(40), ADD COLUMN line_no integer;
ALTER TABLE payment ADD CONSTRAINT ck_payment_source CHECK (CASE channel
    WHEN 'BANK' THEN entity_code IS NOT NULL AND bank_transaction_id IS NOT NULL AND voucher_reference IS NOT NULL
                     AND batch_id IS NULL AND line_no IS NULL
    WHEN 'MINISTRY_BATCH' THEN entity_code IS NULL AND bank_transaction_id IS NULL AND batch_id IS NOT NULL
                     AND line_no IS NOT NULL
    ELSE entity_code IS NULL AND bank_transaction_id IS NULL AND batch_id IS NULL AND line_no IS NULL END);
ALTER TABLE payment ADD CONSTRAINT uq_payment_batch_line UNIQUE (batch_id, line_no);

-- 2. A batch as it was accepted: who sent it (the client and the payer it acts for, the client's scope), the
-- SHA-256 of the exact body (a repeat of the batch id is answered by comparing it) and the key that signed it. Its
-- state is not stored: it is counted from its lines (RECEIVED, PROCESSING, COMPLETED), so it can never disagree
-- with them.
CREATE TABLE ministry_batch (
    batch_id           varchar(40)   PRIMARY KEY CHECK (batch_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
    client_id          uuid          NOT NULL REFERENCES api_client (id),
    payer_id           varchar(20)   NOT NULL,
    body_sha256        bytea         NOT NULL CHECK (octet_length(body_sha256) = 32),
    key_id             varchar(64)   NOT NULL,
    transfer_reference varchar(64)   NOT NULL CHECK (length(transfer_reference) > 0),
    value_date         date          NOT NULL,
    control_total      numeric(15,2) NOT NULL CHECK (control_total > 0),
    line_count         integer       NOT NULL CHECK (line_count BETWEEN 1 AND 100000),
    received_at        timestamptz   NOT NULL
);
CREATE INDEX ix_ministry_batch_payer ON ministry_batch (payer_id, received_at);

-- 3. Its lines, each PENDING until a chunk settles it: APPLIED (the payment, and any surplus unapplied), PARTIAL
-- (all of it applied, and debt of the period left pending) or REJECTED (all of it unapplied, with the reason).
-- Always applied + unapplied = amount once settled.
CREATE TABLE ministry_batch_line (
    batch_id         varchar(40)   NOT NULL REFERENCES ministry_batch (batch_id),
    line_no          integer       NOT NULL CHECK (line_no BETWEEN 1 AND 999999),
    employer_id      varchar(20)   NOT NULL,
    reference        varchar(16),
    period           varchar(7),
    amount           numeric(15,2) NOT NULL CHECK (amount > 0),
    status           varchar(10)   NOT NULL CHECK (status IN ('PENDING', 'APPLIED', 'PARTIAL', 'REJECTED')),
    reason           varchar(40),
    detail           varchar(300),
    applied_amount   numeric(15,2) CHECK (applied_amount >= 0),
    unapplied_amount numeric(15,2) CHECK (unapplied_amount >= 0),
    payment_id       uuid          UNIQUE REFERENCES payment (id),
    processed_at     timestamptz,
    CONSTRAINT pk_ministry_batch_line PRIMARY KEY (batch_id, line_no),
    CONSTRAINT ck_ministry_batch_line_target CHECK ((reference IS NULL) <> (period IS NULL)),
    CONSTRAINT ck_ministry_batch_line_settled CHECK (CASE status
        WHEN 'PENDING' THEN applied_amount IS NULL AND unapplied_amount IS NULL AND payment_id IS NULL
                            AND processed_at IS NULL AND reason IS NULL
        WHEN 'REJECTED' THEN applied_amount = 0 AND unapplied_amount = amount AND payment_id IS NULL
                             AND reason IS NOT NULL AND processed_at IS NOT NULL
        ELSE applied_amount > 0 AND applied_amount + unapplied_amount = amount AND payment_id IS NOT NULL
             AND processed_at IS NOT NULL END)
);
-- The work still to do, claimed a chunk at a time (FOR UPDATE SKIP LOCKED), in batch and line order.
CREATE INDEX ix_ministry_batch_line_pending ON ministry_batch_line (batch_id, line_no) WHERE status = 'PENDING';

-- 4. Money of a batch that paid nothing yet: a rejected line's amount, or what a line paid beyond the debt of its
-- period. Staff apply it to obligations or refund it (issue 11); until then it is OPEN.
CREATE TABLE unapplied_fund (
    id          uuid          PRIMARY KEY,
    batch_id    varchar(40)   NOT NULL,
    line_no     integer       NOT NULL,
    payer_id    varchar(20)   NOT NULL,
    employer_id varchar(20)   NOT NULL,
    amount      numeric(15,2) NOT NULL CHECK (amount > 0),
    reason      varchar(40)   NOT NULL,
    status      varchar(10)   NOT NULL CHECK (status IN ('OPEN', 'APPLIED', 'REFUNDED')),
    created_at  timestamptz   NOT NULL,
    resolved_at timestamptz,
    resolved_by varchar(200),
    resolution  jsonb,
    CONSTRAINT fk_unapplied_fund_line FOREIGN KEY (batch_id, line_no) REFERENCES ministry_batch_line (batch_id, line_no),
    CONSTRAINT uq_unapplied_fund_line UNIQUE (batch_id, line_no),
    CONSTRAINT ck_unapplied_fund_resolved CHECK ((status = 'OPEN') = (resolved_at IS NULL))
);
CREATE INDEX ix_unapplied_fund_open ON unapplied_fund (created_at, id) WHERE status = 'OPEN';

-- 5. Signatures already accepted, kept for the window in which a signature is valid (and a little more), so that
-- the same signed request presented twice is refused. Keyed by the SHA-256 of the signature bytes.
CREATE TABLE seen_signature (
    signature_sha256 bytea       PRIMARY KEY CHECK (octet_length(signature_sha256) = 32),
    client_id        uuid        NOT NULL,
    created          timestamptz NOT NULL,
    seen_at          timestamptz NOT NULL
);
CREATE INDEX ix_seen_signature_created ON seen_signature (created);
