-- Issue 12: recurring card debit. Mandates, charges (one per mandate and date: the claim two runners divide the work
-- by), runs, vouchers that only a card charge collects, and payments of channel CARD.

-- 1. The processor's financial entity: card payments are recorded under it (payment.entity_code), with the charge's
-- id as the transaction id. It is registered inactive, so no API key can post bank payments as it; staff may rename
-- it. recauda.card-debit.entity-code names it (another code must be registered by staff first).
INSERT INTO financial_entity (code, name, type, cutoff_time, active, created_at, updated_at)
VALUES ('CARD-PROCESSOR', 'Procesador de tarjetas (débito recurrente)', 'PAYMENT_NETWORK', '23:59', false, now(), now())
ON CONFLICT (code) DO NOTHING;

-- 2. A mandate: the processor's token (never a card number), what the debtor needs to recognise the card, the debit
-- day, and the soft-decline retry in progress. One ACTIVE mandate per debtor.
CREATE TABLE card_mandate (
    id              uuid         PRIMARY KEY,
    debtor_id       varchar(20)  NOT NULL,
    processor_token varchar(128) NOT NULL CHECK (processor_token ~ '^[A-Za-z0-9_.:-]{1,128}$'),
    brand           varchar(12)  NOT NULL CHECK (brand IN ('VISA', 'MASTERCARD', 'AMEX', 'DINERS', 'DISCOVER')),
    last4           char(4)      NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
    expiry_month    smallint     NOT NULL CHECK (expiry_month BETWEEN 1 AND 12),
    expiry_year     smallint     NOT NULL CHECK (expiry_year BETWEEN 2000 AND 2099),
    holder_name     varchar(100) NOT NULL,
    debit_day       smallint     NOT NULL CHECK (debit_day BETWEEN 1 AND 28),
    status          varchar(10)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CANCELLED')),
    status_reason   varchar(200),
    retry_on        date,
    retries_left    smallint     NOT NULL DEFAULT 0 CHECK (retries_left >= 0),
    created_at      timestamptz  NOT NULL,
    created_by      varchar(200) NOT NULL,
    updated_at      timestamptz  NOT NULL,
    version         bigint       NOT NULL DEFAULT 0,
    CONSTRAINT ck_card_mandate_retry CHECK (retry_on IS NULL OR status = 'ACTIVE')
);
CREATE UNIQUE INDEX uq_card_mandate_active ON card_mandate (debtor_id) WHERE status = 'ACTIVE';
CREATE INDEX ix_card_mandate_debtor ON card_mandate (debtor_id, created_at);
-- A run's candidates: ACTIVE mandates of a debit day, and those whose retry is due.
CREATE INDEX ix_card_mandate_day ON card_mandate (debit_day, id) WHERE status = 'ACTIVE';
CREATE INDEX ix_card_mandate_retry ON card_mandate (retry_on) WHERE retry_on IS NOT NULL;

-- 3. A voucher that only a card charge collects: no bank, batch line or person can pay or cancel it.
ALTER TABLE voucher ADD COLUMN card_charge boolean NOT NULL DEFAULT false;

-- 4. A charge, or the record that a due mandate was not charged on a date (SKIPPED). Unique per mandate and date:
-- the claim. Written PENDING_CONFIRMATION before the processor is called; its idempotency key names the charge.
CREATE TABLE card_charge (
    id                  uuid          PRIMARY KEY,
    mandate_id          uuid          NOT NULL REFERENCES card_mandate (id),
    debtor_id           varchar(20)   NOT NULL,
    charge_date         date          NOT NULL,
    idempotency_key     varchar(64)   NOT NULL,
    voucher_reference   varchar(16)   REFERENCES voucher (reference),
    amount              numeric(15,2) CHECK (amount > 0),
    retry               boolean       NOT NULL,
    status              varchar(20)   NOT NULL CHECK (status IN ('PENDING_CONFIRMATION', 'APPROVED', 'SOFT_DECLINED',
                                                                 'HARD_DECLINED', 'NOT_CHARGED', 'SKIPPED')),
    skip_reason         varchar(24)   CHECK (skip_reason IN ('NOTHING_DUE', 'CARD_EXPIRED', 'AWAITING_CONFIRMATION')),
    processor_charge_id varchar(64),
    decline_code        varchar(64),
    payment_id          uuid          REFERENCES payment (id),
    created_at          timestamptz   NOT NULL,
    -- When the processor last gave no answer for it (a charge still PENDING_CONFIRMATION with none is in flight).
    unknown_since       timestamptz,
    -- A runner asking the processor about it holds it until then (a lease: two runners do not ask at once).
    ask_after           timestamptz,
    resolved_at         timestamptz,
    CONSTRAINT uq_card_charge_claim UNIQUE (mandate_id, charge_date),
    CONSTRAINT uq_card_charge_key UNIQUE (idempotency_key),
    CONSTRAINT ck_card_charge_skip CHECK ((status = 'SKIPPED') = (skip_reason IS NOT NULL)
                                         AND (status = 'SKIPPED') = (amount IS NULL)
                                         AND (amount IS NULL) = (voucher_reference IS NULL)),
    CONSTRAINT ck_card_charge_resolved CHECK ((status = 'PENDING_CONFIRMATION') = (resolved_at IS NULL)),
    CONSTRAINT ck_card_charge_payment CHECK (payment_id IS NULL OR status = 'APPROVED')
);
CREATE INDEX ix_card_charge_debtor ON card_charge (debtor_id, charge_date DESC, id);
CREATE INDEX ix_card_charge_date ON card_charge (charge_date, status);
CREATE INDEX ix_card_charge_pending ON card_charge (mandate_id) WHERE status = 'PENDING_CONFIRMATION';
CREATE INDEX ix_card_charge_to_ask ON card_charge (charge_date, created_at, id) WHERE status = 'PENDING_CONFIRMATION';

-- 5. A run of a date: one per date, whoever starts it (the schedule on each instance, or staff); its counts are the
-- date's charges.
CREATE TABLE card_debit_run (
    id           uuid         PRIMARY KEY,
    run_date     date         NOT NULL UNIQUE,
    status       varchar(10)  NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED')),
    started_at   timestamptz  NOT NULL,
    started_by   varchar(200) NOT NULL,
    completed_at timestamptz,
    CONSTRAINT ck_card_debit_run_completed CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL))
);

-- 6. Payments of channel CARD: under the processor's entity, the charge's id as transaction id, paying its voucher.
ALTER TABLE payment DROP CONSTRAINT ck_payment_channel;
ALTER TABLE payment ADD CONSTRAINT ck_payment_channel
    CHECK (channel IN ('BANK', 'MINISTRY_BATCH', 'SETTLEMENT', 'CARD'));
ALTER TABLE payment DROP CONSTRAINT ck_payment_source;
ALTER TABLE payment ADD CONSTRAINT ck_payment_source CHECK (CASE channel
    WHEN 'BANK' THEN entity_code IS NOT NULL AND bank_transaction_id IS NOT NULL AND voucher_reference IS NOT NULL
                     AND batch_id IS NULL AND line_no IS NULL AND settlement_id IS NULL AND unapplied_fund_id IS NULL
    WHEN 'CARD' THEN entity_code IS NOT NULL AND bank_transaction_id IS NOT NULL AND voucher_reference IS NOT NULL
                     AND batch_id IS NULL AND line_no IS NULL AND settlement_id IS NULL AND unapplied_fund_id IS NULL
    WHEN 'MINISTRY_BATCH' THEN entity_code IS NULL AND bank_transaction_id IS NULL AND batch_id IS NOT NULL
                     AND line_no IS NOT NULL AND settlement_id IS NULL
    WHEN 'SETTLEMENT' THEN entity_code IS NULL AND bank_transaction_id IS NULL AND voucher_reference IS NULL
                     AND batch_id IS NULL AND line_no IS NULL AND settlement_id IS NOT NULL
    ELSE false END);
