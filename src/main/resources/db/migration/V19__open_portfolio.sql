-- Issue 13, after measuring V18 (docs/performance.md, "Issue 13"; ADR 0015): the open portfolio in a table of its own.
-- V18 found the open obligations through two partial indexes of obligation whose predicate names status, and the
-- aging of a million of them took over a second. open_obligation holds one row per PENDING obligation with what the
-- aging reads, amounts in whole cents, kept by statement triggers on obligation whichever code writes (paying an
-- obligation deletes its row here). The aging reads the table in slices of its blocks, several at once, each on a
-- connection of its own sharing one snapshot (ReportPersistenceAdapter).
-- The backfill reads every obligation once (ten million in the benchmark's portfolio): longer than the pool's 30 s
-- statement limit may allow. The writes to obligation wait for this migration's end (its triggers are created in it),
-- at most the pool's 5 s lock_timeout each: deploy it in a quiet hour (ADR 0015).
SET LOCAL statement_timeout = 0;

-- Amounts in whole cents (the aging multiplies and rounds each obligation's interest in 64-bit integers, several times
-- faster than in numeric); an obligation with a principal history (ADR 0003) carries it, and its principal paid, for
-- the domain to compute its interest from (NULL for the others, whose interest is a single multiplication).
CREATE TABLE open_obligation (
    id                   uuid        PRIMARY KEY,
    due_date             date        NOT NULL,
    type                 varchar(24) NOT NULL,
    stage                varchar(16) NOT NULL,
    principal_cents      bigint      NOT NULL,
    interest_paid_cents  bigint      NOT NULL,
    principal_paid_cents bigint      NOT NULL,
    principal_history    jsonb
) WITH (fillfactor = 90);

-- The earliest due date of the open portfolio (where the aging's rate table starts).
CREATE INDEX ix_open_obligation_due ON open_obligation (due_date);

CREATE FUNCTION open_obligations_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO open_obligation (id, due_date, type, stage, principal_cents, interest_paid_cents,
                                 principal_paid_cents, principal_history)
    SELECT id, due_date, type, stage, (principal * 100)::bigint, (interest_paid * 100)::bigint,
           (principal_paid * 100)::bigint, principal_history
      FROM inserted WHERE status = 'PENDING';
    RETURN NULL;
END $$;
CREATE TRIGGER tr_open_obligations_inserted AFTER INSERT ON obligation
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION open_obligations_inserted();

-- An obligation that leaves PENDING (paid, cancelled, taken into an agreement) leaves the table; one that comes back
-- (a payment reversed, an agreement defaulted) or changes what the aging reads while PENDING (a partial payment, a
-- new stage) is written again. Updates that change none of it (a voucher's hold, a version) write nothing here.
CREATE FUNCTION open_obligations_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM open_obligation p USING after_rows n WHERE p.id = n.id AND n.status <> 'PENDING';
    INSERT INTO open_obligation AS p (id, due_date, type, stage, principal_cents, interest_paid_cents,
                                      principal_paid_cents, principal_history)
    SELECT n.id, n.due_date, n.type, n.stage, (n.principal * 100)::bigint, (n.interest_paid * 100)::bigint,
           (n.principal_paid * 100)::bigint, n.principal_history
      FROM after_rows n JOIN before_rows b ON b.id = n.id
     WHERE n.status = 'PENDING'
       AND (b.status <> 'PENDING'
            OR (b.due_date, b.type, b.stage, b.principal, b.interest_paid, b.principal_paid, b.principal_history)
               IS DISTINCT FROM
               (n.due_date, n.type, n.stage, n.principal, n.interest_paid, n.principal_paid, n.principal_history))
    ON CONFLICT (id) DO UPDATE
       SET due_date = excluded.due_date, type = excluded.type, stage = excluded.stage,
           principal_cents = excluded.principal_cents, interest_paid_cents = excluded.interest_paid_cents,
           principal_paid_cents = excluded.principal_paid_cents, principal_history = excluded.principal_history;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_open_obligations_updated AFTER UPDATE ON obligation
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT
    EXECUTE FUNCTION open_obligations_updated();

-- The open portfolio follows an obligation by its id, which never changes: an update that would change it is refused.
CREATE FUNCTION obligation_id_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the id of an obligation never changes (% to %)', OLD.id, NEW.id
        USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER tr_obligation_id_unchanged BEFORE UPDATE OF id ON obligation
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION obligation_id_unchanged();

-- Obligations are never deleted by the service; should one be, by hand, it leaves the open portfolio too.
CREATE FUNCTION open_obligations_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM open_obligation p USING deleted d WHERE p.id = d.id;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_open_obligations_deleted AFTER DELETE ON obligation
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION open_obligations_deleted();

CREATE FUNCTION open_obligations_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE open_obligation;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_open_obligations_truncated AFTER TRUNCATE ON obligation
    FOR EACH STATEMENT EXECUTE FUNCTION open_obligations_truncated();

INSERT INTO open_obligation (id, due_date, type, stage, principal_cents, interest_paid_cents, principal_paid_cents,
                             principal_history)
SELECT id, due_date, type, stage, (principal * 100)::bigint, (interest_paid * 100)::bigint,
       (principal_paid * 100)::bigint, principal_history
  FROM obligation WHERE status = 'PENDING';

DROP INDEX ix_obligation_open_plain;
DROP INDEX ix_obligation_open_history;
ANALYZE open_obligation;
