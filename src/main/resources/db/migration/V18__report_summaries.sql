-- Issue 13: what the reports read (ADR 0015). Every figure is traced to the payments: the summaries below are kept
-- in step with table payment and payment_allocation by the database itself (statement triggers, whichever code
-- writes), as insert-only deltas folded into day rows by a job. A report reads the day rows plus the deltas not yet
-- folded, in one statement, so it is exact at any moment and never waits for the fold; a payment never waits for a
-- report or for another payment (no shared row is updated while paying).

-- 1. The collection stage of the obligation when it was paid (a partly paid obligation may move on to a later stage
-- afterwards: its reversal must take the amount off the stage it was added to). Set by the database on insert.
ALTER TABLE payment_allocation ADD COLUMN stage varchar(16);
UPDATE payment_allocation a SET stage = o.stage FROM obligation o WHERE o.id = a.obligation_id;
ALTER TABLE payment_allocation ALTER COLUMN stage SET NOT NULL,
    ADD CONSTRAINT ck_payment_allocation_stage CHECK (stage IN ('REGULAR', 'GLOSA', 'CREDIT_TITLE', 'ENFORCEMENT'));

CREATE FUNCTION payment_allocation_stage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.stage IS NULL THEN
        SELECT o.stage INTO NEW.stage FROM obligation o WHERE o.id = NEW.obligation_id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER tr_payment_allocation_stage BEFORE INSERT ON payment_allocation
    FOR EACH ROW EXECUTE FUNCTION payment_allocation_stage();

-- 2. The miscellaneous concept an obligation was issued for: a public concept voucher's MISC_CONCEPT obligation is
-- referenced as (PUBLIC-CONCEPT, '<concept code>-<uuid>') (ConceptService), the code as concept.code allows it. ''
-- for every other obligation, whatever reference staff gave it.
CREATE FUNCTION report_concept(type varchar, source_system varchar, external_reference varchar) RETURNS varchar
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN type = 'MISC_CONCEPT' AND source_system = 'PUBLIC-CONCEPT' AND external_reference
                     ~ '^[A-Z0-9_-]{2,20}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                THEN left(external_reference, length(external_reference) - 37) ELSE '' END
$$;

-- 3. Payments by day: the APPLIED payments of a business date (net of those reversed since), and the payments
-- reversed on a day (the Guayaquil date of the reversal). entity_code is '' for a payment that came through no
-- financial entity (a ministry batch line, a settlement).
CREATE TABLE report_payment_day (
    day             date          NOT NULL,
    channel         varchar(16)   NOT NULL,
    entity_code     varchar(20)   NOT NULL,
    payments        bigint        NOT NULL,
    amount          numeric(17,2) NOT NULL,
    reversals       bigint        NOT NULL,
    reversed_amount numeric(17,2) NOT NULL,
    CONSTRAINT pk_report_payment_day PRIMARY KEY (day, channel, entity_code)
);
CREATE TABLE report_payment_delta (LIKE report_payment_day);

-- 4. What the APPLIED payments of a business date paid, by what they paid: the obligation's type, concept and stage
-- when paid, whether it was overdue then (paid after its due date: arrears run from the day after it, ADR 0003), and
-- the channel and entity the money came through. allocations counts obligations paid (one payment may pay several).
CREATE TABLE report_allocation_day (
    day             date          NOT NULL,
    channel         varchar(16)   NOT NULL,
    entity_code     varchar(20)   NOT NULL,
    obligation_type varchar(24)   NOT NULL,
    concept         varchar(20)   NOT NULL,
    stage           varchar(16)   NOT NULL,
    overdue         boolean       NOT NULL,
    allocations     bigint        NOT NULL,
    principal       numeric(17,2) NOT NULL,
    interest        numeric(17,2) NOT NULL,
    CONSTRAINT pk_report_allocation_day
        PRIMARY KEY (day, channel, entity_code, obligation_type, concept, stage, overdue)
);
CREATE TABLE report_allocation_delta (LIKE report_allocation_day);

-- 5. The triggers: one statement each, whatever the number of rows (a chunk of a batch, a card run).
-- (A payment written already REVERSED, as a data load might, counts as the backfill below counts it: a reversal on
-- its day, nothing collected.)
CREATE FUNCTION report_payments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_payment_delta
    SELECT n.business_date, n.channel, coalesce(n.entity_code, ''), count(*), sum(n.amount), 0, 0
      FROM inserted n
     WHERE n.status = 'APPLIED'
     GROUP BY 1, 2, 3
    UNION ALL
    SELECT (n.reversed_at AT TIME ZONE 'America/Guayaquil')::date, n.channel, coalesce(n.entity_code, ''), 0, 0,
           count(*), sum(n.amount)
      FROM inserted n
     WHERE n.status = 'REVERSED'
     GROUP BY 1, 2, 3;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_report_payments_inserted AFTER INSERT ON payment
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION report_payments_inserted();

CREATE FUNCTION report_allocations_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_allocation_delta
    SELECT p.business_date, p.channel, coalesce(p.entity_code, ''), o.type,
           report_concept(o.type, o.source_system, o.external_reference), n.stage, p.business_date > o.due_date,
           count(*), sum(n.principal), sum(n.interest)
      FROM inserted n
      JOIN payment p ON p.id = n.payment_id
      JOIN obligation o ON o.id = n.obligation_id
     WHERE p.status = 'APPLIED'
     GROUP BY 1, 2, 3, 4, 5, 6, 7;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_report_allocations_inserted AFTER INSERT ON payment_allocation
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION report_allocations_inserted();

-- A payment reversed: off its business date, its allocations off what they paid, and a reversal on the day.
CREATE FUNCTION report_payments_reversed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH reversed AS (SELECT n.* FROM after_rows n JOIN before_rows b ON b.id = n.id
                       WHERE b.status = 'APPLIED' AND n.status = 'REVERSED')
    INSERT INTO report_payment_delta
    SELECT r.business_date, r.channel, coalesce(r.entity_code, ''), -count(*), -sum(r.amount), 0, 0
      FROM reversed r GROUP BY 1, 2, 3
    UNION ALL
    SELECT (r.reversed_at AT TIME ZONE 'America/Guayaquil')::date, r.channel, coalesce(r.entity_code, ''), 0, 0,
           count(*), sum(r.amount)
      FROM reversed r GROUP BY 1, 2, 3;
    WITH reversed AS (SELECT n.* FROM after_rows n JOIN before_rows b ON b.id = n.id
                       WHERE b.status = 'APPLIED' AND n.status = 'REVERSED')
    INSERT INTO report_allocation_delta
    SELECT r.business_date, r.channel, coalesce(r.entity_code, ''), o.type,
           report_concept(o.type, o.source_system, o.external_reference), a.stage, r.business_date > o.due_date,
           -count(*), -sum(a.principal), -sum(a.interest)
      FROM reversed r
      JOIN payment_allocation a ON a.payment_id = r.id
      JOIN obligation o ON o.id = a.obligation_id
     GROUP BY 1, 2, 3, 4, 5, 6, 7;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_report_payments_reversed AFTER UPDATE ON payment
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT
    EXECUTE FUNCTION report_payments_reversed();

-- 6. The fold: every delta this transaction sees is moved into its day row, by one folder at a time (the others
-- return at once). A delta committed meanwhile stays for the next fold. Returns the number of deltas folded.
CREATE FUNCTION fold_report_deltas() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    folded bigint := 0;
    n bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('fold_report_deltas')) THEN
        RETURN 0;
    END IF;
    WITH moved AS (DELETE FROM report_payment_delta RETURNING *),
         sums AS (SELECT day, channel, entity_code, sum(payments) AS payments, sum(amount) AS amount,
                         sum(reversals) AS reversals, sum(reversed_amount) AS reversed_amount
                    FROM moved GROUP BY 1, 2, 3 ORDER BY 1, 2, 3),
         upserted AS (
             INSERT INTO report_payment_day AS d SELECT * FROM sums
             ON CONFLICT ON CONSTRAINT pk_report_payment_day DO UPDATE
                 SET payments = d.payments + excluded.payments, amount = d.amount + excluded.amount,
                     reversals = d.reversals + excluded.reversals,
                     reversed_amount = d.reversed_amount + excluded.reversed_amount
             RETURNING 1)
    SELECT count(*) INTO n FROM moved;
    folded := folded + n;
    WITH moved AS (DELETE FROM report_allocation_delta RETURNING *),
         sums AS (SELECT day, channel, entity_code, obligation_type, concept, stage, overdue,
                         sum(allocations) AS allocations, sum(principal) AS principal, sum(interest) AS interest
                    FROM moved GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7),
         upserted AS (
             INSERT INTO report_allocation_day AS d SELECT * FROM sums
             ON CONFLICT ON CONSTRAINT pk_report_allocation_day DO UPDATE
                 SET allocations = d.allocations + excluded.allocations, principal = d.principal + excluded.principal,
                     interest = d.interest + excluded.interest
             RETURNING 1)
    SELECT count(*) INTO n FROM moved;
    RETURN folded + n;
END $$;

-- 7. What is there already, summed once. (The stage of an allocation written before this migration is its
-- obligation's stage now, set in step 1: the stage when paid was not kept; an obligation moves on only while unpaid.)
INSERT INTO report_payment_day
SELECT day, channel, entity_code, sum(payments), sum(amount), sum(reversals), sum(reversed_amount)
  FROM (SELECT p.business_date AS day, p.channel, coalesce(p.entity_code, '') AS entity_code, 1 AS payments,
               p.amount, 0 AS reversals, 0 AS reversed_amount
          FROM payment p WHERE p.status = 'APPLIED'
        UNION ALL
        SELECT (p.reversed_at AT TIME ZONE 'America/Guayaquil')::date, p.channel, coalesce(p.entity_code, ''), 0, 0,
               1, p.amount
          FROM payment p WHERE p.status = 'REVERSED') x
 GROUP BY 1, 2, 3;
INSERT INTO report_allocation_day
SELECT p.business_date, p.channel, coalesce(p.entity_code, ''), o.type,
       report_concept(o.type, o.source_system, o.external_reference), a.stage, p.business_date > o.due_date,
       count(*), sum(a.principal), sum(a.interest)
  FROM payment_allocation a
  JOIN payment p ON p.id = a.payment_id
  JOIN obligation o ON o.id = a.obligation_id
 WHERE p.status = 'APPLIED'
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- 8. The open portfolio for its aging: pending obligations by due date. Those with no principal history (nothing
-- paid of their principal, no exemption) are aged from the index alone; the others are few and read whole.
CREATE INDEX ix_obligation_open_plain ON obligation (due_date)
    INCLUDE (type, stage, principal, interest_paid) WHERE status = 'PENDING' AND principal_history IS NULL;
CREATE INDEX ix_obligation_open_history ON obligation (due_date)
    WHERE status = 'PENDING' AND principal_history IS NOT NULL;

-- 9. The aging of the portfolio as it stood at the end of a day, recorded by the daily close: a past day's aging can
-- only come from here (the portfolio's past states are not otherwise kept).
CREATE TABLE portfolio_aging_snapshot (
    as_of       date        PRIMARY KEY,
    recorded_at timestamptz NOT NULL,
    report      jsonb       NOT NULL
);

-- 10. The reports' other reads, by date.
CREATE INDEX ix_ministry_batch_value_date ON ministry_batch (value_date);
CREATE INDEX ix_settlement_value_date ON settlement (value_date);
CREATE INDEX ix_unapplied_fund_value_date ON unapplied_fund (value_date);
