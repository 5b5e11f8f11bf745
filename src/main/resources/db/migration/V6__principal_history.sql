-- Issue 9: the dated history of every obligation's principal paid, from which arrears interest is computed exactly for
-- any sequence of partial payments, reversals and agreements. It replaces the single "latest principal reduction"
-- of a defaulted agreement (reduction_amount, reduced_on), which under-charged a second default.
--
-- principal_history is one jsonb document per obligation (null while nothing was ever paid):
--   {"movements":  [{"on": "2026-03-10", "paid": "95.86", "kind": "AGREEMENT", "source": "<agreement id>"}, ...],
--    "exemptions": [{"from": "2026-04-11", "to": "2026-06-10", "principal": "904.14", "agreementId": "..."}, ...]}
-- A movement counts from the day after "on"; "paid" is positive for principal paid, negative for principal given
-- back (a reversed payment, a reopened agreement), so the movements always add up to principal_paid (checked below).
ALTER TABLE obligation ADD COLUMN principal_history jsonb;

-- What was paid before this migration. Applied payments: one movement per allocation, dated by its business date.
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

-- The reduction a default left, dated by the agreement's signing day.
UPDATE obligation o
   SET principal_history = jsonb_build_object(
           'movements', coalesce(o.principal_history -> 'movements', '[]'::jsonb) || jsonb_build_array(
               jsonb_build_object('on', o.reduced_on, 'paid', o.reduction_amount::text, 'kind', 'AGREEMENT',
                   'source', coalesce((SELECT a.id::text FROM agreement a, jsonb_array_elements(a.covered) c
                                        WHERE (c.value ->> 'obligationId')::uuid = o.id AND a.signed_on = o.reduced_on
                                        ORDER BY a.created_at DESC LIMIT 1), 'migrated'))),
           'exemptions', '[]'::jsonb)
 WHERE o.reduction_amount IS NOT NULL;

-- Whatever else was paid: what completed agreements settled, and reductions of earlier defaults that the single
-- reduction column had lost. Dated by the signing day of the earliest agreement that covered the obligation (of a
-- PAID obligation the date changes no interest), or by the day of the row's last change when none did.
WITH residual AS (
    SELECT o.id,
           o.principal_paid - coalesce((SELECT sum((m.value ->> 'paid')::numeric)
                                          FROM jsonb_array_elements(o.principal_history -> 'movements') m), 0) AS amount,
           (SELECT a.id::text || '|' || a.signed_on::text
              FROM agreement a, jsonb_array_elements(a.covered) c
             WHERE (c.value ->> 'obligationId')::uuid = o.id AND a.status IN ('COMPLETED', 'DEFAULTED')
             ORDER BY a.signed_on, a.created_at LIMIT 1) AS agreement
      FROM obligation o
     WHERE o.principal_paid > 0)
UPDATE obligation o
   SET principal_history = jsonb_build_object(
           'movements', coalesce(o.principal_history -> 'movements', '[]'::jsonb) || jsonb_build_array(
               jsonb_build_object(
                   'on', coalesce(split_part(r.agreement, '|', 2),
                                  to_char(o.updated_at AT TIME ZONE 'America/Guayaquil', 'YYYY-MM-DD')),
                   'paid', r.amount::text, 'kind', 'AGREEMENT',
                   'source', coalesce(split_part(r.agreement, '|', 1), 'migrated'))),
           'exemptions', coalesce(o.principal_history -> 'exemptions', '[]'::jsonb))
  FROM residual r
 WHERE r.id = o.id AND r.amount > 0;

ALTER TABLE obligation
    DROP CONSTRAINT ck_obligation_reduction,
    DROP COLUMN reduction_amount,
    DROP COLUMN reduced_on;

-- The movements always add up to the principal paid: the database refuses a history that does not.
CREATE FUNCTION principal_paid_in(history jsonb) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(sum((m.value ->> 'paid')::numeric), 0)
      FROM jsonb_array_elements(coalesce(history -> 'movements', '[]'::jsonb)) AS m
$$;
ALTER TABLE obligation ADD CONSTRAINT ck_obligation_history_paid CHECK (
    CASE WHEN principal_history IS NULL THEN principal_paid = 0
         ELSE principal_paid = principal_paid_in(principal_history) END);
