-- Issue 11: lump-sum settlements, and staff's resolution of unapplied funds.

-- 1. A settlement staff recorded: a payer's single transfer (transferReference, unique whatever its letters' case,
-- so that one transfer typed twice is never settled twice: a repeat of it is answered with the first result, kept
-- whole in result) applied to obligations chosen by id or by debtor.
-- request_sha256 is the SHA-256 of the request in its canonical form, to tell a repeat from another request.
CREATE TABLE settlement (
    id                 uuid          PRIMARY KEY,
    transfer_reference varchar(64)   NOT NULL CHECK (length(transfer_reference) > 0),
    payer_id           varchar(20)   NOT NULL,
    amount             numeric(15,2) NOT NULL CHECK (amount > 0),
    value_date         date          NOT NULL,
    request_sha256     bytea         NOT NULL CHECK (octet_length(request_sha256) = 32),
    applied_amount     numeric(15,2) NOT NULL CHECK (applied_amount >= 0),
    unapplied_amount   numeric(15,2) NOT NULL CHECK (unapplied_amount >= 0),
    result             jsonb         NOT NULL,
    created_at         timestamptz   NOT NULL,
    created_by         varchar(200)  NOT NULL,
    CONSTRAINT ck_settlement_total CHECK (applied_amount + unapplied_amount = amount)
);
CREATE UNIQUE INDEX uq_settlement_transfer ON settlement (upper(transfer_reference));
CREATE INDEX ix_settlement_payer ON settlement (payer_id, created_at);

-- 2. Unapplied money now comes from a batch line or from a settlement, and keeps its value date: applied later, it
-- pays as of the day the money arrived. A fund is resolved once and whole; applied to less debt than it holds, the
-- rest is a new OPEN fund of the same source (origin_fund_id), so a fund's row never changes its amount.
ALTER TABLE unapplied_fund ADD COLUMN settlement_id uuid REFERENCES settlement (id),
                           ADD COLUMN origin_fund_id uuid REFERENCES unapplied_fund (id),
                           ADD COLUMN value_date date,
                           ADD COLUMN version bigint NOT NULL DEFAULT 0;
UPDATE unapplied_fund f SET value_date = b.value_date FROM ministry_batch b WHERE b.batch_id = f.batch_id;
ALTER TABLE unapplied_fund ALTER COLUMN value_date SET NOT NULL,
                           ALTER COLUMN batch_id DROP NOT NULL,
                           ALTER COLUMN line_no DROP NOT NULL,
                           ALTER COLUMN employer_id DROP NOT NULL,
                           DROP CONSTRAINT uq_unapplied_fund_line,
                           DROP CONSTRAINT ck_unapplied_fund_resolved,
                           ADD CONSTRAINT ck_unapplied_fund_source CHECK (
                               (batch_id IS NOT NULL AND line_no IS NOT NULL AND settlement_id IS NULL)
                               OR (batch_id IS NULL AND line_no IS NULL AND settlement_id IS NOT NULL)),
                           ADD CONSTRAINT ck_unapplied_fund_resolved CHECK ((status = 'OPEN') = (resolved_at IS NULL)
                               AND (status = 'OPEN') = (resolved_by IS NULL)
                               AND (status = 'OPEN') = (resolution IS NULL));
-- One first fund per line and per settlement; the remainders of an application hang from it.
CREATE UNIQUE INDEX uq_unapplied_fund_line ON unapplied_fund (batch_id, line_no) WHERE origin_fund_id IS NULL;
CREATE UNIQUE INDEX uq_unapplied_fund_settlement ON unapplied_fund (settlement_id) WHERE origin_fund_id IS NULL;
CREATE UNIQUE INDEX uq_unapplied_fund_origin ON unapplied_fund (origin_fund_id);
CREATE INDEX ix_unapplied_fund_all ON unapplied_fund (created_at, id);

-- 3. A payment names its settlement (channel SETTLEMENT), and the unapplied fund whose application it is: such a
-- payment keeps the channel and source of the money (the batch line, or the settlement). The line's own payment
-- stays one per line, the settlement's own one per settlement, and each fund is applied at most once.
ALTER TABLE payment ADD COLUMN settlement_id uuid REFERENCES settlement (id),
                    ADD COLUMN unapplied_fund_id uuid REFERENCES unapplied_fund (id);
ALTER TABLE payment DROP CONSTRAINT ck_payment_source;
ALTER TABLE payment ADD CONSTRAINT ck_payment_source CHECK (CASE channel
    WHEN 'BANK' THEN entity_code IS NOT NULL AND bank_transaction_id IS NOT NULL AND voucher_reference IS NOT NULL
                     AND batch_id IS NULL AND line_no IS NULL AND settlement_id IS NULL AND unapplied_fund_id IS NULL
    WHEN 'MINISTRY_BATCH' THEN entity_code IS NULL AND bank_transaction_id IS NULL AND batch_id IS NOT NULL
                     AND line_no IS NOT NULL AND settlement_id IS NULL
    WHEN 'SETTLEMENT' THEN entity_code IS NULL AND bank_transaction_id IS NULL AND voucher_reference IS NULL
                     AND batch_id IS NULL AND line_no IS NULL AND settlement_id IS NOT NULL
    ELSE false END);
ALTER TABLE payment DROP CONSTRAINT uq_payment_batch_line;
-- Each index holds only the payments it is about (a bank's payment is in none of them).
CREATE UNIQUE INDEX uq_payment_batch_line ON payment (batch_id, line_no)
    WHERE batch_id IS NOT NULL AND unapplied_fund_id IS NULL;
CREATE UNIQUE INDEX uq_payment_settlement ON payment (settlement_id)
    WHERE settlement_id IS NOT NULL AND unapplied_fund_id IS NULL;
CREATE UNIQUE INDEX uq_payment_unapplied_fund ON payment (unapplied_fund_id) WHERE unapplied_fund_id IS NOT NULL;
