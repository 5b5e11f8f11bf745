-- Seed for the payment SQL baseline (bench/pgbench-payment.sql): :count vouchers of entity BENCH-SQL, each holding a
-- contribution and its reserve fund, stored as the service stores them (a voucher's lines as jsonb, the obligations
-- PENDING and held by it). bench_sql_voucher numbers them so that each pgbench transaction takes the next one.
INSERT INTO financial_entity (code, name, type, cutoff_time, active, created_at, updated_at)
VALUES ('BENCH-SQL', 'Payment SQL baseline', 'BANK', '23:59', true, now(), now());
INSERT INTO api_client (id, name, role, scope, key_hash, key_prefix, created_at, created_by)
VALUES ('c0ffee00-0000-4000-8000-000000000000', 'Payment SQL baseline', 'BANK', 'BENCH-SQL',
        md5('bench-sql-a') || md5('bench-sql-b'), 'rk_benchsql', now(), 'bench');
CREATE TABLE bench_sql_voucher (
    n         bigint PRIMARY KEY,
    reference varchar(16) NOT NULL,
    o1        uuid NOT NULL,
    o2        uuid NOT NULL
);
INSERT INTO bench_sql_voucher
SELECT g, (8000000000000000 + g)::text, md5('o1-' || g)::uuid, md5('o2-' || g)::uuid
  FROM generate_series(1, :count) g;
INSERT INTO voucher (reference, debtor_id, debtor_name, amount, issued_on, expires_on, status, description, lines,
                     issued_by, created_at, updated_at, version)
SELECT reference, 'S' || n, 'Baseline debtor ' || n, 150.00, current_date, current_date + 30, 'ISSUED',
       'Aporte 2026-10; Fondo de reserva 2026-10',
       jsonb_build_array(
           jsonb_build_object('obligationId', o1, 'type', 'CONTRIBUTION', 'dueDate', current_date + 10,
                              'description', 'Aporte 2026-10', 'principal', 100.00, 'interest', 0.00),
           jsonb_build_object('obligationId', o2, 'type', 'RESERVE_FUND', 'dueDate', current_date + 10,
                              'description', 'Fondo de reserva 2026-10', 'principal', 50.00, 'interest', 0.00)),
       'bench', now(), now(), 0
  FROM bench_sql_voucher;
INSERT INTO obligation (id, debtor_id, debtor_name, type, stage, status, principal, principal_paid, interest_paid,
                        due_date, period, version, created_at, updated_at, held_by, held_until)
SELECT o.id, 'S' || v.n, 'Baseline debtor ' || v.n, o.type, 'REGULAR', 'PENDING', o.principal, 0, 0,
       current_date + 10, '2026-10', 0, now(), now(), v.reference, current_date + 30
  FROM bench_sql_voucher v,
       LATERAL (VALUES (v.o1, 'CONTRIBUTION', 100.00), (v.o2, 'RESERVE_FUND', 50.00)) AS o (id, type, principal);
CREATE SEQUENCE bench_sql_seq;
-- As pgbench -i leaves its tables: vacuumed and analyzed, so autovacuum does not clean up the seed during the run.
VACUUM ANALYZE bench_sql_voucher;
VACUUM ANALYZE voucher;
VACUUM ANALYZE obligation;
