-- Issue 9: an agreement's financing interest is charged on the principal of the covered debt still unpaid, never on
-- the arrears interest it finances ("no interest on interest"). Each installment of an amortization table now names
-- that base (interestBase). Agreements signed before charged interest on the whole balance before each installment:
-- their tables get exactly that as their base, so they read back as they were computed.
UPDATE agreement a
   SET schedule = (
       SELECT jsonb_agg(i.value || jsonb_build_object('interestBase', i.base) ORDER BY i.n)
         FROM (SELECT e.value, (e.value ->> 'number')::int AS n,
                      coalesce(lag(e.value -> 'balance') OVER (ORDER BY (e.value ->> 'number')::int),
                               to_jsonb(a.financed_amount)) AS base
                 FROM jsonb_array_elements(a.schedule) e) i)
 WHERE jsonb_array_length(a.schedule) > 0;
