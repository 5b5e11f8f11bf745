-- Issue 12 §4: the notifications of card debit, written in the transaction of the change they tell (an outbox), and
-- the employers' webhooks they are delivered to.

-- An employer's webhook: the URL and the secret deliveries are signed with (HMAC-SHA256). The secret is kept as it
-- is: signing needs it (an API key, only ever verified, is kept as a hash).
CREATE TABLE webhook_endpoint (
    debtor_id  varchar(20)  PRIMARY KEY,
    url        varchar(500) NOT NULL CHECK (url ~ '^https?://'),
    secret     varchar(100) NOT NULL,
    created_at timestamptz  NOT NULL,
    created_by varchar(200) NOT NULL
);

-- A notification: one per event (type and subject: the charge, or the mandate), PENDING until delivered, on a retry
-- schedule (next_attempt_at), FAILED when the schedule is exhausted.
CREATE TABLE notification (
    id              uuid         PRIMARY KEY,
    type            varchar(24)  NOT NULL CHECK (type IN ('CHARGE_APPROVED', 'CHARGE_FAILED', 'MANDATE_SUSPENDED')),
    debtor_id       varchar(20)  NOT NULL,
    subject_id      uuid         NOT NULL,
    data            jsonb        NOT NULL,
    status          varchar(10)  NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer      NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz,
    last_error      varchar(200),
    created_at      timestamptz  NOT NULL,
    delivered_at    timestamptz,
    CONSTRAINT uq_notification_event UNIQUE (type, subject_id),
    CONSTRAINT ck_notification_due CHECK ((status = 'PENDING') = (next_attempt_at IS NOT NULL)),
    CONSTRAINT ck_notification_delivered CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
);
CREATE INDEX ix_notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX ix_notification_undelivered ON notification (created_at, id) WHERE status <> 'DELIVERED';
