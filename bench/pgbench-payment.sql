-- The payment's own SQL as a pgbench script: the baseline that does the database work of one payment, with no
-- service in front. Each statement is the one the service sends for POST /api/v1/channel/payments (see
-- ApiClientPersistenceAdapter and PaymentPostingPersistenceAdapter), in the same order, on the same tables and
-- indexes, with the same row locks; only the values come from bench_sql_voucher (bench/payment-sql-seed.sql)
-- instead of a request. Run with -M prepared, like the TPC-B baseline.
SELECT n, reference, o1, o2 FROM bench_sql_voucher WHERE n = (SELECT nextval('bench_sql_seq')) \gset
-- Authentication: the key and its entity, outside the payment's transaction.
SELECT c.id, c.name, c.role, c.scope, c.key_hash, c.key_prefix, c.created_at, c.created_by, c.revoked_at,
       e.code AS e_code, e.name AS e_name, e.type AS e_type, e.cutoff_time AS e_cutoff, e.active AS e_active,
       e.created_at AS e_created, e.updated_at AS e_updated
  FROM api_client c LEFT JOIN financial_entity e ON c.role = 'BANK' AND e.code = c.scope
 WHERE c.key_hash = md5('bench-sql-a') || md5('bench-sql-b');
BEGIN;
-- Statement 1: whether the transaction id is taken; the voucher, then its obligations, row-locked.
WITH v AS (
    SELECT voucher.reference AS reference, voucher.debtor_id AS debtor_id, voucher.debtor_name AS debtor_name,
           voucher.amount AS amount, voucher.issued_on AS issued_on, voucher.expires_on AS expires_on,
           voucher.status AS status, voucher.lines AS lines, voucher.issued_by AS issued_by,
           voucher.created_at AS created_at, voucher.updated_at AS updated_at, voucher.version AS version
      FROM voucher WHERE reference = :reference FOR UPDATE),
o AS (
    SELECT id, debtor_id, debtor_name, type, stage, status, principal, principal_paid, interest_paid, due_date,
           period, description, source_system, external_reference, cancellation_reason, version, created_at,
           updated_at, held_by, held_until, reserved_by, agreement_id, installment_number, principal_history
      FROM obligation
     WHERE id IN (SELECT (l.value ->> 'obligationId')::uuid FROM v, jsonb_array_elements(v.lines) l)
       AND NOT EXISTS (SELECT 1 FROM v, jsonb_array_elements(v.lines) l
                        WHERE l.value ->> 'type' = 'AGREEMENT_INSTALLMENT')
     ORDER BY id FOR UPDATE)
SELECT EXISTS (SELECT 1 FROM payment p WHERE p.entity_code = 'BENCH-SQL' AND p.bank_transaction_id = 'sql-' || :n)
           AS earlier,
       v.reference AS v_reference, v.debtor_id AS v_debtor_id, v.debtor_name AS v_debtor_name, v.amount AS v_amount,
       v.issued_on AS v_issued_on, v.expires_on AS v_expires_on, v.status AS v_status, v.lines AS v_lines,
       v.issued_by AS v_issued_by, v.created_at AS v_created_at, v.updated_at AS v_updated_at,
       v.version AS v_version, o.*
  FROM (SELECT 1) AS one LEFT JOIN v ON true LEFT JOIN o ON true
 ORDER BY o.id;
-- Statement 2: the payment, its allocations, the obligations, the voucher and the audit row.
WITH p AS (
    INSERT INTO payment (id, channel, entity_code, bank_transaction_id, voucher_reference, amount, paid_at,
                         business_date, status, created_at)
    VALUES (md5('payment-' || :n)::uuid, 'BANK', 'BENCH-SQL', 'sql-' || :n, :reference, 150.00, now(), current_date,
            'APPLIED', now()) RETURNING id),
a AS (
    INSERT INTO payment_allocation (payment_id, obligation_id, interest, principal, position)
    SELECT p.id, a.obligation_id, a.interest, a.principal, a.position
      FROM p, jsonb_to_recordset(('[{"obligation_id": "' || :o1 || '", "interest": "0.00", "principal": "100.00", '
                                 || '"position": 0}, {"obligation_id": "' || :o2 || '", "interest": "0.00", '
                                 || '"principal": "50.00", "position": 1}]')::jsonb)
              AS a (obligation_id uuid, interest numeric, principal numeric, position int)),
o AS (
    UPDATE obligation o
       SET stage = u.stage, status = u.status, principal_paid = u.principal_paid,
           interest_paid = u.interest_paid, cancellation_reason = u.cancellation_reason,
           held_by = u.held_by, held_until = u.held_until, updated_at = u.updated_at,
           reserved_by = u.reserved_by, agreement_id = u.agreement_id,
           installment_number = u.installment_number, principal_history = u.principal_history,
           version = o.version + 1
      FROM jsonb_to_recordset(jsonb_build_array(
               jsonb_build_object('id', :o1::text, 'version', 0, 'stage', 'REGULAR', 'status', 'PAID',
                                  'principal_paid', '100.00', 'interest_paid', '0.00', 'held_by', :reference::text,
                                  'held_until', (current_date + 30)::text, 'updated_at', now()::text,
                                  'principal_history', jsonb_build_object('movements', jsonb_build_array(
                                      jsonb_build_object('on', current_date::text, 'paid', '100.00',
                                                         'kind', 'PAYMENT', 'source', md5('payment-' || :n))))),
               jsonb_build_object('id', :o2::text, 'version', 0, 'stage', 'REGULAR', 'status', 'PAID',
                                  'principal_paid', '50.00', 'interest_paid', '0.00', 'held_by', :reference::text,
                                  'held_until', (current_date + 30)::text, 'updated_at', now()::text,
                                  'principal_history', jsonb_build_object('movements', jsonb_build_array(
                                      jsonb_build_object('on', current_date::text, 'paid', '50.00',
                                                         'kind', 'PAYMENT', 'source', md5('payment-' || :n)))))))
              AS u (id uuid, version bigint, stage text, status text, principal_paid numeric,
                    interest_paid numeric, cancellation_reason text, held_by text, held_until date,
                    updated_at timestamptz, reserved_by uuid, agreement_id uuid, installment_number smallint,
                    principal_history jsonb)
     WHERE o.id = u.id AND o.version = u.version
     RETURNING o.id),
v AS (
    UPDATE voucher SET status = 'PAID', updated_at = now(), version = version + 1 WHERE reference = :reference
    RETURNING 1),
l AS (
    INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_id, correlation_id, details)
    VALUES (now(), 'c0ffee00-0000-4000-8000-000000000000', 'PAYMENT_APPLIED', 'PAYMENT',
            md5('payment-' || :n)::uuid::text, 'bench-sql-' || :n,
            jsonb_build_object('entityCode', 'BENCH-SQL', 'bankTransactionId', 'sql-' || :n,
                               'voucher', :reference::text, 'amount', '150.00',
                               'businessDate', current_date::text)))
SELECT (SELECT count(*) FROM o) AS obligations, (SELECT count(*) FROM v) AS vouchers, array_agg(o.id)::text[] FROM o;
END;
