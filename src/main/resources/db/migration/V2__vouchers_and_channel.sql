-- Vouchers, miscellaneous concepts, partner financial entities and the collection channel.
-- What must never happen twice is refused here: one payment per (entity, bank transaction id), one APPLIED
-- payment per voucher, one hold per obligation at a time (row locks plus the hold columns).

CREATE TABLE financial_entity (
    code        varchar(20)  PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
    name        varchar(120) NOT NULL CHECK (length(btrim(name)) > 0),
    type        varchar(16)  NOT NULL CHECK (type IN ('BANK', 'COOPERATIVE', 'PAYMENT_NETWORK')),
    cutoff_time time         NOT NULL,
    active      boolean      NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL
);

CREATE TABLE concept (
    code         varchar(20)   PRIMARY KEY CHECK (code ~ '^[A-Z0-9_-]{2,20}$'),
    name         varchar(200)  NOT NULL CHECK (length(btrim(name)) > 0),
    fixed_amount numeric(15,2) CHECK (fixed_amount > 0),
    created_at   timestamptz   NOT NULL,
    created_by   varchar(64)   NOT NULL
);

CREATE TABLE voucher (
    reference   varchar(16)   PRIMARY KEY CHECK (reference ~ '^[1-9][0-9]{15}$'),
    debtor_id   varchar(20)   NOT NULL,
    debtor_name varchar(200)  NOT NULL,
    amount      numeric(15,2) NOT NULL CHECK (amount > 0),
    issued_on   date          NOT NULL,
    expires_on  date          NOT NULL,
    status      varchar(10)   NOT NULL CHECK (status IN ('ISSUED', 'PAID', 'CANCELLED')),
    description varchar(300)  NOT NULL,
    lines       jsonb         NOT NULL,
    issued_by   varchar(64)   NOT NULL,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    version     bigint        NOT NULL,
    CONSTRAINT ck_voucher_dates CHECK (expires_on >= issued_on)
);
CREATE INDEX ix_voucher_debtor ON voucher (debtor_id, expires_on) WHERE status = 'ISSUED';

-- The voucher that holds an obligation, through the last day of the hold (its expiry date).
ALTER TABLE obligation
    ADD COLUMN held_by    varchar(16) REFERENCES voucher (reference),
    ADD COLUMN held_until date,
    ADD CONSTRAINT ck_obligation_hold CHECK ((held_by IS NULL) = (held_until IS NULL));

CREATE TABLE payment (
    id                  uuid          PRIMARY KEY,
    entity_code         varchar(20)   NOT NULL REFERENCES financial_entity (code),
    bank_transaction_id varchar(64)   NOT NULL CHECK (length(bank_transaction_id) > 0),
    voucher_reference   varchar(16)   NOT NULL REFERENCES voucher (reference),
    amount              numeric(15,2) NOT NULL CHECK (amount > 0),
    paid_at             timestamptz   NOT NULL,
    business_date       date          NOT NULL,
    status              varchar(10)   NOT NULL CHECK (status IN ('APPLIED', 'REVERSED')),
    created_at          timestamptz   NOT NULL,
    reversed_at         timestamptz,
    reversal_reason     varchar(500),
    CONSTRAINT uq_payment_bank_transaction UNIQUE (entity_code, bank_transaction_id),
    CONSTRAINT ck_payment_reversal CHECK ((status = 'REVERSED') = (reversed_at IS NOT NULL))
);
-- A voucher is paid at most once at a time: a second APPLIED payment of one voucher cannot exist.
CREATE UNIQUE INDEX uq_payment_applied_voucher ON payment (voucher_reference) WHERE status = 'APPLIED';
CREATE INDEX ix_payment_entity_date ON payment (entity_code, business_date);

CREATE TABLE payment_allocation (
    payment_id    uuid          NOT NULL REFERENCES payment (id),
    obligation_id uuid          NOT NULL REFERENCES obligation (id),
    interest      numeric(15,2) NOT NULL CHECK (interest >= 0),
    principal     numeric(15,2) NOT NULL CHECK (principal >= 0),
    PRIMARY KEY (payment_id, obligation_id)
);
CREATE INDEX ix_payment_allocation_obligation ON payment_allocation (obligation_id);

CREATE TABLE reconciliation (
    id            uuid          PRIMARY KEY,
    entity_code   varchar(20)   NOT NULL REFERENCES financial_entity (code),
    business_date date          NOT NULL,
    submitted_at  timestamptz   NOT NULL,
    submitted_by  varchar(64)   NOT NULL,
    result        jsonb         NOT NULL
);
CREATE INDEX ix_reconciliation_date ON reconciliation (business_date, entity_code);
