-- Issue 9: the dated history of every obligation's principal paid, from which arrears interest is computed exactly for
-- any sequence of partial payments, reversals and agreements. It replaces the single "latest principal reduction"
-- of a defaulted agreement (reduction_amount, reduced_on), which under-charged a second default.
--
-- principal_history is one jsonb document per obligation (null while there is nothing to say):
--   {"movements":  [{"on": "2026-03-10", "paid": "95.86", "kind": "AGREEMENT", "source": "<agreement id>"}, ...],
--    "exemptions": [{"from": "2026-04-11", "to": "2026-06-10", "principal": "904.14", "agreementId": "..."}, ...],
--    "interestFree": "9.09"}
-- A movement counts from the day after "on"; "paid" is positive for principal paid, negative for principal given
-- back (a reversed payment, a reopened agreement), so the movements always add up to principal_paid (checked below).
-- An exemption is a stretch of days on which arrears do not accrue on up to "principal" of the balance (a defaulted
-- agreement's paid installments paid financing interest for them). "interestFree" is the part of an installment's
-- principal that is financing interest: it bears no arrears (no interest on interest).
ALTER TABLE obligation ADD COLUMN principal_history jsonb;

-- 1. Applied payments: one movement per allocation, dated by its business date. (A reversed payment moved nothing.)
WITH paid AS (
    SELECT a.obligation_id,
           jsonb_agg(jsonb_build_object('on', p.business_date, 'paid', a.principal::text, 'kind', 'PAYMENT',
                                        'source', p.id::text) ORDER BY p.business_date, p.created_at, p.id) AS moves
      FROM payment_allocation a
      JOIN payment p ON p.id = a.payment_id
     WHERE p.status = 'APPLIED' AND a.principal > 0
     GROUP BY a.obligation_id)
UPDATE obligation o
   SET principal_history = jsonb_build_object('movements', paid.moves, 'exemptions', '[]'::jsonb)
  FROM paid
 WHERE paid.obligation_id = o.id;

-- 2. Agreements that ended, recomputed from the agreements themselves, oldest signing first: what each paid of each
-- covered obligation (a completed one all of its debt; a defaulted one its down payment and the principal parts of its
-- paid installments, allocated in the order of its stored debt, oldest due date first, interest before principal),
-- dated by its signing day; and, for a defaulted one, the days whose financing interest its paid installments paid,
-- on the principal the schedule still counted before each of them (never more than what it reinstated).
CREATE FUNCTION pg_temp.taken(covered jsonb, obligation uuid, paid numeric, part text) RETURNS numeric
    LANGUAGE plpgsql AS $$
DECLARE
    e jsonb;
    left_over numeric := paid;
    interest numeric;
    principal numeric;
BEGIN
    FOR e IN SELECT value FROM jsonb_array_elements(covered) WITH ORDINALITY ORDER BY ordinality LOOP
        interest := least(left_over, (e ->> 'interest')::numeric);
        left_over := left_over - interest;
        principal := least(left_over, (e ->> 'principal')::numeric);
        left_over := left_over - principal;
        IF (e ->> 'obligationId')::uuid = obligation THEN
            RETURN CASE part WHEN 'interest' THEN interest ELSE principal END;
        END IF;
    END LOOP;
    RETURN 0;
END $$;

CREATE FUNCTION pg_temp.append(history jsonb, field text, item jsonb) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_set(coalesce(history, '{"movements": [], "exemptions": []}'::jsonb), ARRAY[field],
                     coalesce(history -> field, '[]'::jsonb) || jsonb_build_array(item))
$$;

DO $$
DECLARE
    a record;
    c record;
    s record;
    paid_numbers int[];
    toward numeric;
    before numeric;
    previous_due date;
    taken_principal numeric;
    reinstated numeric;
    cap numeric;
    last_window jsonb;
    windows jsonb;
BEGIN
    FOR a IN SELECT * FROM agreement WHERE status IN ('COMPLETED', 'DEFAULTED') ORDER BY signed_on, created_at, id
    LOOP
        paid_numbers := ARRAY(SELECT installment_number FROM obligation
                               WHERE agreement_id = a.id AND installment_number > 0 AND status = 'PAID');
        IF a.status = 'COMPLETED' THEN
            toward := a.debt;
        ELSE
            toward := a.down_payment + coalesce((SELECT sum((e.value ->> 'principal')::numeric)
                                                   FROM jsonb_array_elements(a.schedule) e
                                                  WHERE (e.value ->> 'number')::int = ANY (paid_numbers)), 0);
        END IF;
        FOR c IN SELECT (e.value ->> 'obligationId')::uuid AS id, (e.value ->> 'principal')::numeric AS principal
                   FROM jsonb_array_elements(a.covered) WITH ORDINALITY AS e(value, n) ORDER BY e.n
        LOOP
            taken_principal := pg_temp.taken(a.covered, c.id, toward, 'principal');
            IF taken_principal > 0 THEN
                UPDATE obligation SET principal_history = pg_temp.append(principal_history, 'movements',
                        jsonb_build_object('on', a.signed_on, 'paid', taken_principal::text, 'kind', 'AGREEMENT',
                                           'source', a.id::text))
                 WHERE id = c.id;
            END IF;
            reinstated := c.principal - taken_principal;
            IF a.status = 'DEFAULTED' AND a.activated_on IS NOT NULL AND reinstated > 0 THEN
                windows := '[]'::jsonb;
                before := a.down_payment;
                previous_due := a.activated_on;
                FOR s IN SELECT (e.value ->> 'number')::int AS n, (e.value ->> 'dueDate')::date AS due,
                                (e.value ->> 'principal')::numeric AS principal
                           FROM jsonb_array_elements(a.schedule) e ORDER BY (e.value ->> 'number')::int
                LOOP
                    IF s.n = ANY (paid_numbers) THEN
                        cap := least(c.principal - pg_temp.taken(a.covered, c.id, before, 'principal'), reinstated);
                        IF cap > 0 THEN
                            last_window := windows -> -1;
                            IF last_window IS NOT NULL AND (last_window ->> 'principal')::numeric = cap
                                    AND (last_window ->> 'to')::date + 1 = previous_due + 1 THEN
                                windows := jsonb_set(windows, ARRAY[(jsonb_array_length(windows) - 1)::text, 'to'],
                                                     to_jsonb(s.due::text));
                            ELSE
                                windows := windows || jsonb_build_array(jsonb_build_object(
                                        'from', (previous_due + 1)::text, 'to', s.due::text,
                                        'principal', cap::text, 'agreementId', a.id::text));
                            END IF;
                        END IF;
                    END IF;
                    before := before + s.principal;
                    previous_due := s.due;
                END LOOP;
                IF jsonb_array_length(windows) > 0 THEN
                    UPDATE obligation
                       SET principal_history = jsonb_set(coalesce(principal_history,
                                                                  '{"movements": [], "exemptions": []}'::jsonb),
                               '{exemptions}', coalesce(principal_history -> 'exemptions', '[]'::jsonb) || windows)
                     WHERE id = c.id;
                END IF;
            END IF;
        END LOOP;
    END LOOP;
END $$;

-- 3. The interest-free part of every installment: an installment's financing interest; what a down payment paid of
-- the covered arrears interest.
UPDATE obligation o
   SET principal_history = coalesce(o.principal_history, '{"movements": [], "exemptions": []}'::jsonb)
                           || jsonb_build_object('interestFree', (e.value ->> 'interest')::numeric::text)
  FROM agreement a, jsonb_array_elements(a.schedule) e
 WHERE o.agreement_id = a.id AND o.installment_number > 0
   AND (e.value ->> 'number')::int = o.installment_number AND (e.value ->> 'interest')::numeric > 0;
UPDATE obligation o
   SET principal_history = coalesce(o.principal_history, '{"movements": [], "exemptions": []}'::jsonb)
                           || jsonb_build_object('interestFree', x.interest::text)
  FROM (SELECT a.id, sum(pg_temp.taken(a.covered, (e.value ->> 'obligationId')::uuid, a.down_payment, 'interest'))
                   AS interest
          FROM agreement a, jsonb_array_elements(a.covered) e
         GROUP BY a.id) x
 WHERE o.agreement_id = x.id AND o.installment_number = 0 AND x.interest > 0;

-- 4. Whatever data written before does not explain (none, when it is consistent): a residual movement, dated by the
-- day of the row's last change, so that the movements add up to principal_paid as the check below requires.
WITH residual AS (
    SELECT o.id,
           o.principal_paid - coalesce((SELECT sum((m.value ->> 'paid')::numeric)
                                          FROM jsonb_array_elements(o.principal_history -> 'movements') m), 0) AS amount
      FROM obligation o)
UPDATE obligation o
   SET principal_history = pg_temp.append(o.principal_history, 'movements', jsonb_build_object(
           'on', to_char(o.updated_at AT TIME ZONE 'America/Guayaquil', 'YYYY-MM-DD'), 'paid', r.amount::text,
           'kind', CASE WHEN r.amount > 0 THEN 'AGREEMENT' ELSE 'AGREEMENT_REOPENED' END, 'source', 'V6 migration'))
  FROM residual r
 WHERE r.id = o.id AND r.amount <> 0;

ALTER TABLE obligation
    DROP CONSTRAINT ck_obligation_reduction,
    DROP COLUMN reduction_amount,
    DROP COLUMN reduced_on;

-- The movements always add up to the principal paid: the database refuses a history that does not. PL/pgSQL keeps
-- the plan of its loop for the session (an SQL function in a check would be planned again by every statement).
CREATE FUNCTION principal_paid_in(history jsonb) RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    total numeric := 0;
    m jsonb;
BEGIN
    FOR m IN SELECT value FROM jsonb_array_elements(coalesce(history -> 'movements', '[]'::jsonb)) LOOP
        total := total + (m ->> 'paid')::numeric;
    END LOOP;
    RETURN total;
END $$;
ALTER TABLE obligation ADD CONSTRAINT ck_obligation_history_paid CHECK (
    CASE WHEN principal_history IS NULL THEN principal_paid = 0
         ELSE principal_paid = principal_paid_in(principal_history) END);
