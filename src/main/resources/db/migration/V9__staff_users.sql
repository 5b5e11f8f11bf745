-- Staff people signed in through OpenID Connect (ADR 0014). Their changes are recorded under the actor id
-- 'person:<subject>' (a subject has up to 255 characters: OpenID Connect's limit), so every column that holds an
-- actor takes 262 characters. Widening a varchar rewrites neither the table nor its indexes.
ALTER TABLE audit_log   ALTER COLUMN actor        TYPE varchar(262);
ALTER TABLE api_client  ALTER COLUMN created_by   TYPE varchar(262);
ALTER TABLE interest_rate ALTER COLUMN updated_by TYPE varchar(262);
ALTER TABLE concept     ALTER COLUMN created_by   TYPE varchar(262);
ALTER TABLE voucher     ALTER COLUMN issued_by    TYPE varchar(262);
ALTER TABLE agreement   ALTER COLUMN created_by   TYPE varchar(262),
                        ALTER COLUMN decided_by   TYPE varchar(262);

-- The audit trail names the person behind every change made with a token: their subject and their name at the time
-- of the change (a name can change later; the row keeps what it was). Machines and the service itself leave both
-- empty and keep their actor id. The row is still append-only (V1's triggers).
ALTER TABLE audit_log
    ADD COLUMN person_subject varchar(255),
    ADD COLUMN person_name    varchar(255),
    ADD CONSTRAINT ck_audit_log_person CHECK (
        (person_subject IS NULL AND person_name IS NULL AND actor NOT LIKE 'person:%')
        OR (person_subject IS NOT NULL AND person_name IS NOT NULL AND actor = 'person:' || person_subject));
CREATE INDEX ix_audit_log_person ON audit_log (person_subject, occurred_at) WHERE person_subject IS NOT NULL;
