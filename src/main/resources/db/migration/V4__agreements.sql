-- Payment-facilities agreements (convenios de pago). What must never happen twice is refused here: one open
-- agreement per debtor, one obligation per installment of an agreement, and an obligation is IN_AGREEMENT only
-- while an agreement covers it.

CREATE TABLE agreement (
    id                      uuid          PRIMARY KEY,
    debtor_id               varchar(20)   NOT NULL,
    debtor_name             varchar(200)  NOT NULL,
    debtor_kind             varchar(8)    NOT NULL CHECK (debtor_kind IN ('PERSON', 'COMPANY')),
    status                  varchar(24)   NOT NULL CHECK (status IN ('PENDING_APPROVAL', 'AWAITING_DOWN_PAYMENT',
                                              'ACTIVE', 'COMPLETED', 'DEFAULTED', 'REJECTED', 'LAPSED', 'CANCELLED')),
    signed_on               date          NOT NULL,
    term_months             smallint      NOT NULL CHECK (term_months BETWEEN 1 AND 120),
    annual_rate             numeric(9,6)  NOT NULL CHECK (annual_rate >= 0 AND annual_rate <= 1),
    debt                    numeric(15,2) NOT NULL CHECK (debt > 0),
    down_payment            numeric(15,2) NOT NULL CHECK (down_payment > 0),
    financed_amount         numeric(15,2) NOT NULL CHECK (financed_amount > 0),
    requires_approval       boolean       NOT NULL,
    -- The covered obligations as they stood on the signing day, and the amortization table: fixed at signing
    -- (the table is dated again when the agreement activates).
    covered                 jsonb         NOT NULL,
    schedule                jsonb         NOT NULL,
    down_payment_voucher    varchar(16)   REFERENCES voucher (reference),
    down_payment_expires_on date,
    activated_on            date,
    decision_approved       boolean,
    decision_note           varchar(500),
    decided_by              varchar(64),
    decided_at              timestamptz,
    closed_on               date,
    close_reason            varchar(500),
    created_by              varchar(64)   NOT NULL,
    created_at              timestamptz   NOT NULL,
    updated_at              timestamptz   NOT NULL,
    version                 bigint        NOT NULL,
    CONSTRAINT ck_agreement_amounts CHECK (down_payment + financed_amount = debt),
    CONSTRAINT ck_agreement_voucher CHECK ((down_payment_voucher IS NULL) = (down_payment_expires_on IS NULL)),
    CONSTRAINT ck_agreement_activated CHECK ((status IN ('ACTIVE', 'COMPLETED', 'DEFAULTED')) = (activated_on IS NOT NULL)),
    CONSTRAINT ck_agreement_closed CHECK ((status IN ('PENDING_APPROVAL', 'AWAITING_DOWN_PAYMENT', 'ACTIVE'))
                                          = (closed_on IS NULL))
);
-- One open agreement per debtor.
CREATE UNIQUE INDEX uq_agreement_open_per_debtor ON agreement (debtor_id)
    WHERE status IN ('PENDING_APPROVAL', 'AWAITING_DOWN_PAYMENT', 'ACTIVE');
CREATE INDEX ix_agreement_debtor ON agreement (debtor_id, created_at);
-- The daily lapse check: agreements whose down-payment voucher expired.
CREATE INDEX ix_agreement_awaiting ON agreement (down_payment_expires_on) WHERE status = 'AWAITING_DOWN_PAYMENT';

ALTER TABLE obligation
    -- An original obligation: the open agreement that reserves (PENDING) or covers (IN_AGREEMENT) it.
    ADD COLUMN reserved_by        uuid REFERENCES agreement (id),
    -- An installment: its agreement and number (0 is the down payment).
    ADD COLUMN agreement_id       uuid REFERENCES agreement (id),
    ADD COLUMN installment_number smallint CHECK (installment_number >= 0),
    -- Principal paid through a defaulted agreement, counted from a day (exact interest afterwards).
    ADD COLUMN reduction_amount   numeric(15,2) CHECK (reduction_amount > 0),
    ADD COLUMN reduced_on         date,
    ADD CONSTRAINT ck_obligation_installment CHECK ((agreement_id IS NULL) = (installment_number IS NULL)),
    ADD CONSTRAINT ck_obligation_installment_type CHECK (agreement_id IS NULL OR type = 'AGREEMENT_INSTALLMENT'),
    ADD CONSTRAINT ck_obligation_reduction CHECK ((reduction_amount IS NULL) = (reduced_on IS NULL)),
    ADD CONSTRAINT ck_obligation_in_agreement CHECK (status <> 'IN_AGREEMENT' OR reserved_by IS NOT NULL),
    ADD CONSTRAINT ck_obligation_reserved_pending CHECK (reserved_by IS NULL OR status IN ('PENDING', 'IN_AGREEMENT'));

-- One obligation per installment of an agreement: an activation cannot create its installments twice. (Those of
-- an activation undone by a reversed down payment are cancelled and detached.) No index here names the status, so
-- paying an obligation stays a heap-only update.
CREATE UNIQUE INDEX uq_obligation_installment ON obligation (agreement_id, installment_number)
    WHERE agreement_id IS NOT NULL;
CREATE INDEX ix_obligation_reserved_by ON obligation (reserved_by) WHERE reserved_by IS NOT NULL;
-- The daily default check reads installments due before its date (the status is checked on the row).
CREATE INDEX ix_obligation_installment_due ON obligation (due_date) INCLUDE (agreement_id)
    WHERE installment_number > 0;
