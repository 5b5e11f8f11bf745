-- Foundation schema: API clients, interest rates, obligations and the append-only audit log.
-- Money is numeric(15,2); what must never happen twice is a constraint here, not only a check in Java.

CREATE TABLE api_client (
    id          uuid         PRIMARY KEY,
    name        varchar(100) NOT NULL CHECK (length(btrim(name)) > 0),
    role        varchar(16)  NOT NULL CHECK (role IN ('STAFF', 'BANK', 'EMPLOYER', 'MINISTRY')),
    scope       varchar(20),
    key_hash    varchar(64)  NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    key_prefix  varchar(16)  NOT NULL,
    created_at  timestamptz  NOT NULL,
    created_by  varchar(64)  NOT NULL,
    revoked_at  timestamptz,
    CONSTRAINT uq_api_client_key_hash UNIQUE (key_hash),
    CONSTRAINT ck_api_client_scope CHECK ((role = 'STAFF') = (scope IS NULL))
);

CREATE TABLE interest_rate (
    effective_from date         PRIMARY KEY,
    annual_rate    numeric(9,6) NOT NULL CHECK (annual_rate >= 0 AND annual_rate <= 1),
    updated_at     timestamptz  NOT NULL,
    updated_by     varchar(64)  NOT NULL
);

CREATE TABLE obligation (
    id                  uuid          PRIMARY KEY,
    debtor_id           varchar(20)   NOT NULL,
    debtor_name         varchar(200)  NOT NULL,
    type                varchar(24)   NOT NULL CHECK (type IN ('CONTRIBUTION', 'RESERVE_FUND', 'EMPLOYER_LIABILITY',
                                          'FINE', 'GLOSA', 'CREDIT_TITLE', 'MISC_CONCEPT', 'AGREEMENT_INSTALLMENT')),
    stage               varchar(16)   NOT NULL CHECK (stage IN ('REGULAR', 'GLOSA', 'CREDIT_TITLE', 'ENFORCEMENT')),
    status              varchar(16)   NOT NULL CHECK (status IN ('PENDING', 'PAID', 'IN_AGREEMENT', 'CANCELLED')),
    principal           numeric(15,2) NOT NULL CHECK (principal > 0),
    principal_paid      numeric(15,2) NOT NULL CHECK (principal_paid >= 0),
    interest_paid       numeric(15,2) NOT NULL CHECK (interest_paid >= 0),
    due_date            date          NOT NULL,
    period              varchar(7)    CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    description         varchar(500),
    source_system       varchar(32),
    external_reference  varchar(64),
    cancellation_reason varchar(500),
    version             bigint        NOT NULL,
    created_at          timestamptz   NOT NULL,
    updated_at          timestamptz   NOT NULL,
    CONSTRAINT ck_obligation_paid_le_principal CHECK (principal_paid <= principal),
    CONSTRAINT ck_obligation_reference_pair CHECK ((source_system IS NULL) = (external_reference IS NULL)),
    CONSTRAINT ck_obligation_cancel_reason CHECK (status <> 'CANCELLED' OR cancellation_reason IS NOT NULL),
    CONSTRAINT uq_obligation_external_reference UNIQUE (source_system, external_reference)
);

-- A debtor's obligations, newest due date first (list and statement).
CREATE INDEX ix_obligation_debtor_due ON obligation (debtor_id, due_date DESC, id);

CREATE TABLE audit_log (
    id             bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz  NOT NULL,
    actor          varchar(64)  NOT NULL,
    action         varchar(64)  NOT NULL,
    entity_type    varchar(32)  NOT NULL,
    entity_id      varchar(64)  NOT NULL,
    correlation_id varchar(128) NOT NULL,
    details        jsonb
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id);

-- The audit log is append-only: the database refuses to change or remove a row, whoever asks.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER tr_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER tr_audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
