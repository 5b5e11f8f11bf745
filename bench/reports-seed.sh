# Sourced by bench/run.sh for (k): generates the portfolio of the reports benchmark straight into the database with
# COPY (SELECT ... FROM generate_series) TO STDOUT piped into \copy ... FROM STDIN, never through the API. Every value
# is a function of its row number (bench.u, a hash), so two runs load the same data.
#
# The shape (REPORT_PAYMENTS = P, REPORT_OBLIGATIONS = O, REPORT_OPEN = N):
#   - P payments over five years of business dates (2022-01-01 to 2026-12-31, uniform): 80 % BANK through 30 entities,
#     3 % CARD (the card processor), 16.5 % MINISTRY_BATCH (one batch a month), 0.5 % SETTLEMENT; 0.3 % of the bank's
#     reversed the same day. Every fifth payment pays two obligations, the others one: 1.2 P allocations.
#   - O obligations: the 1.2 P that those payments paid (a third of them overdue when paid, with arrears interest);
#     N PENDING and overdue (due 5 days to eleven years before the run's day; one in twenty partly paid, with a principal history); 2 %
#     of O pending and not yet due; 10 obligations for each of REPORT_AGREEMENTS / 4 ACTIVE agreements, IN_AGREEMENT;
#     2 % cancelled; the rest PAID before the service existed (no payment of theirs is in the ledgers).
#   - the vouchers of the bank's and the card's payments, the settlements, the ministry's batches and lines (and 2 % of
#     rejected lines with their unapplied funds), REPORT_AGREEMENTS agreements of every status, the card charges of the
#     card's payments, a reconciliation per bank entity and business date of 2025, and the rate table.

reports_seed() {
  local P=$REPORT_PAYMENTS O=$REPORT_OBLIGATIONS N=$REPORT_OPEN A=$REPORT_AGREEMENTS
  local PAID=$(( P / 5 * 6 ))
  local NOT_DUE=$(( O / 50 )) ACTIVE=$(( A / 4 ))
  local IN_AGREEMENT=$(( ACTIVE * 10 )) CANCELLED=$(( O / 50 ))
  local OPEN_END=$(( PAID + N )) NOT_DUE_END=$(( PAID + N + NOT_DUE ))
  local AGREEMENT_END=$(( NOT_DUE_END + IN_AGREEMENT )) CANCELLED_END=$(( NOT_DUE_END + IN_AGREEMENT + CANCELLED ))
  (( CANCELLED_END <= O )) || die "(k) REPORT_OBLIGATIONS is too small for REPORT_PAYMENTS and REPORT_OPEN"

  psql_admin -d recauda >/dev/null <<'SQL'
CREATE SCHEMA IF NOT EXISTS bench;
-- A uniform number in [0, 1) drawn from (n, k): the same every run.
CREATE OR REPLACE FUNCTION bench.u(n bigint, k int) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT (hashint8(n * 1000003 + k)::bigint + 2147483648) / 4294967296.0 $$;
CREATE OR REPLACE FUNCTION bench.id(kind text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT md5(kind || n)::uuid $$;
-- Payment p's business date, channel and entity.
CREATE OR REPLACE FUNCTION bench.day(p bigint) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT date '2022-01-01' + floor(bench.u(p, 1) * 1826)::int $$;
CREATE OR REPLACE FUNCTION bench.channel(p bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN bench.u(p, 2) < 0.80 THEN 'BANK' WHEN bench.u(p, 2) < 0.83 THEN 'CARD'
               WHEN bench.u(p, 2) < 0.995 THEN 'MINISTRY_BATCH' ELSE 'SETTLEMENT' END $$;
CREATE OR REPLACE FUNCTION bench.entity(p bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE bench.channel(p) WHEN 'BANK' THEN 'BK-' || lpad((1 + floor(bench.u(p, 3) * 30))::text, 2, '0')
               WHEN 'CARD' THEN 'CARD-PROCESSOR' END $$;
CREATE OR REPLACE FUNCTION bench.reversed(p bigint) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT bench.channel(p) = 'BANK' AND bench.u(p, 4) < 0.003 $$;
-- Every block of five payments pays six obligations: payment p pays obligation p + (p - 1) / 5, and the fifth of a
-- block the next one too.
CREATE OR REPLACE FUNCTION bench.payer(o bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT (o - 1) / 6 * 5 + least((o - 1) % 6, 4) + 1 $$;
-- Obligation o's due date offset from its payment's date (negative: overdue when paid), principal and interest.
CREATE OR REPLACE FUNCTION bench.offset_days(o bigint) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT floor(bench.u(o, 7) * 600)::int - 200 $$;
CREATE OR REPLACE FUNCTION bench.principal(o bigint) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT round((10 + bench.u(o, 5) * 4990)::numeric, 2) $$;
CREATE OR REPLACE FUNCTION bench.interest(o bigint) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN bench.offset_days(o) < 0 THEN round(bench.principal(o) * -bench.offset_days(o) * 0.0003, 2)
               ELSE 0 END $$;
CREATE OR REPLACE FUNCTION bench.type(o bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN bench.u(o, 8) < 0.60 THEN 'CONTRIBUTION' WHEN bench.u(o, 8) < 0.70 THEN 'RESERVE_FUND'
               WHEN bench.u(o, 8) < 0.75 THEN 'EMPLOYER_LIABILITY' WHEN bench.u(o, 8) < 0.80 THEN 'FINE'
               WHEN bench.u(o, 8) < 0.85 THEN 'GLOSA' WHEN bench.u(o, 8) < 0.88 THEN 'CREDIT_TITLE'
               WHEN bench.u(o, 8) < 0.92 THEN 'MISC_CONCEPT' ELSE 'AGREEMENT_INSTALLMENT' END $$;
CREATE OR REPLACE FUNCTION bench.stage(o bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE bench.type(o) WHEN 'GLOSA' THEN 'GLOSA' WHEN 'CREDIT_TITLE' THEN 'CREDIT_TITLE'
               ELSE CASE WHEN bench.u(o, 9) < 0.9 THEN 'REGULAR' ELSE 'ENFORCEMENT' END END $$;
CREATE OR REPLACE FUNCTION bench.amount(p bigint) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT bench.principal(p + (p - 1) / 5) + bench.interest(p + (p - 1) / 5)
          + CASE WHEN p % 5 = 0 THEN bench.principal(p + (p - 1) / 5 + 1) + bench.interest(p + (p - 1) / 5 + 1)
                 ELSE 0 END $$;
CREATE OR REPLACE FUNCTION bench.voucher(p bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT '8' || lpad(p::text, 15, '0') $$;
SQL

  copy_in() {  # copy_in TABLE "COLUMNS" "SELECT ...": generated by the database, loaded with COPY
    local started=$SECONDS
    psql_admin -d recauda -c "COPY ($3) TO STDOUT" | psql_admin -d recauda -c "\\copy $1 ($2) FROM STDIN" >/dev/null \
      || die "(k) loading $1 failed"
    log "(k)   $1: $(( SECONDS - started )) s"
  }

  psql_admin -d recauda >/dev/null <<SQL
INSERT INTO financial_entity (code, name, type, cutoff_time, active, created_at, updated_at)
SELECT 'BK-' || lpad(i::text, 2, '0'), 'Banco ' || i, 'BANK', '17:00', true, now(), now()
  FROM generate_series(1, 30) i ON CONFLICT DO NOTHING;
INSERT INTO api_client (id, name, role, scope, key_hash, key_prefix, created_at, created_by)
VALUES ('00000000-0000-4000-8000-00000000bec4', 'Ministerio de Finanzas (bench)', 'MINISTRY', '1760013210001',
        repeat('ab', 32), 'rk_bench', now(), 'bench') ON CONFLICT DO NOTHING;
INSERT INTO interest_rate (effective_from, annual_rate, updated_at, updated_by)
SELECT make_date(y, 1, 1), 0.09 + (y % 4) * 0.01, now(), 'bench' FROM generate_series(2000, 2026) y
    ON CONFLICT (effective_from) DO NOTHING;
SQL

  log "(k) set-up: $A agreements, $O obligations, $P payments and what they need (COPY, not measured)"
  # Agreements: the first quarter ACTIVE (each covering ten IN_AGREEMENT obligations), the others closed.
  copy_in agreement "id, debtor_id, debtor_name, debtor_kind, status, signed_on, term_months, annual_rate, debt, down_payment, financed_amount, requires_approval, covered, schedule, activated_on, closed_on, close_reason, decision_approved, decided_by, decided_at, created_by, created_at, updated_at, version" "
    SELECT bench.id('a', k), 'AGR' || lpad(k::text, 9, '0'), 'Empleador ' || k, 'COMPANY', s.status, s.signed,
           12, 0.1, 12000.00, 1200.00, 10800.00, false, '[]', '[]',
           CASE WHEN s.status IN ('ACTIVE', 'COMPLETED', 'DEFAULTED') THEN s.signed + 3 END,
           CASE WHEN s.status <> 'ACTIVE' THEN s.signed + 40 + floor(bench.u(k, 31) * 300)::int END,
           CASE WHEN s.status <> 'ACTIVE' THEN 'bench' END, NULL, NULL, NULL, 'bench', now(), now(), 0
      FROM generate_series(1, $A) k,
           LATERAL (SELECT CASE WHEN k <= $ACTIVE THEN 'ACTIVE' WHEN bench.u(k, 30) < 0.5 THEN 'COMPLETED'
                                WHEN bench.u(k, 30) < 0.7 THEN 'DEFAULTED' WHEN bench.u(k, 30) < 0.85 THEN 'LAPSED'
                                WHEN bench.u(k, 30) < 0.9 THEN 'REJECTED' ELSE 'CANCELLED' END AS status,
                           date '2022-01-01' + floor(bench.u(k, 32) * 1400)::int AS signed) s"

  copy_in obligation "id, debtor_id, debtor_name, type, stage, status, principal, principal_paid, interest_paid, due_date, period, description, source_system, external_reference, cancellation_reason, reserved_by, principal_history, version, created_at, updated_at" "
    SELECT bench.id('o', o), 'EMP' || lpad((o % 400000)::text, 7, '0'), 'Empleador ' || (o % 400000), t.type,
           bench.stage(o), t.status, t.principal, t.paid, t.interest_paid, t.due,
           CASE WHEN t.type IN ('CONTRIBUTION', 'RESERVE_FUND') THEN to_char(t.due - 15, 'YYYY-MM') END,
           NULL,
           CASE WHEN t.type = 'MISC_CONCEPT' THEN 'PUBLIC-CONCEPT' END,
           CASE WHEN t.type = 'MISC_CONCEPT' THEN (ARRAY['CERT-AFIL', 'COPIAS', 'CERT-NO-ADEUDO', 'HIST-LABORAL'])
                [1 + floor(bench.u(o, 10) * 4)::int] || '-' || bench.id('c', o) END,
           CASE WHEN t.status = 'CANCELLED' THEN 'bench' END,
           CASE WHEN t.status = 'IN_AGREEMENT' THEN bench.id('a', (o - $NOT_DUE_END - 1) / 10 + 1) END,
           CASE WHEN t.paid > 0 THEN jsonb_build_object('movements', jsonb_build_array(jsonb_build_object(
                    'on', t.paid_on, 'paid', t.paid::text, 'kind', 'PAYMENT', 'source', 'bench')),
                    'exemptions', '[]'::jsonb) END,
           0, now(), now()
      FROM generate_series(1, $O) o,
           LATERAL (SELECT CASE WHEN o <= $PAID OR o > $CANCELLED_END THEN 'PAID'
                                WHEN o <= $NOT_DUE_END THEN 'PENDING'
                                WHEN o <= $AGREEMENT_END THEN 'IN_AGREEMENT' ELSE 'CANCELLED' END AS status,
                           CASE WHEN o > $NOT_DUE_END AND o <= $AGREEMENT_END THEN 'CONTRIBUTION' ELSE bench.type(o) END
                               AS type,
                           bench.principal(o) AS principal,
                           CASE WHEN o <= $PAID THEN bench.day(bench.payer(o)) + bench.offset_days(o)
                                WHEN o <= $OPEN_END THEN current_date - 5 - floor(bench.u(o, 11) * 4000)::int
                                WHEN o <= $NOT_DUE_END THEN current_date + 15 + floor(bench.u(o, 11) * 60)::int
                                ELSE date '2012-01-01' + floor(bench.u(o, 11) * 3600)::int END AS due) b,
           LATERAL (SELECT b.*,
                           CASE WHEN b.status = 'PAID' THEN b.principal
                                WHEN o > $PAID AND o <= $OPEN_END AND bench.u(o, 12) < 0.05
                                     AND b.due < current_date - 15 THEN round(b.principal * 0.3, 2)
                                ELSE 0 END AS paid,
                           CASE WHEN o <= $PAID THEN bench.interest(o) ELSE 0 END AS interest_paid,
                           CASE WHEN o <= $PAID THEN bench.day(bench.payer(o)) ELSE b.due + 10 END AS paid_on) t"

  copy_in voucher "reference, debtor_id, debtor_name, amount, issued_on, expires_on, status, description, lines, issued_by, created_at, updated_at, version, card_charge" "
    SELECT bench.voucher(p), 'EMP0000001', 'Empleador', bench.amount(p), bench.day(p), bench.day(p), 'PAID',
           'Planilla', '[]', 'bench', now(), now(), 0, bench.channel(p) = 'CARD'
      FROM generate_series(1, $P) p WHERE bench.channel(p) IN ('BANK', 'CARD')"

  copy_in settlement "id, transfer_reference, payer_id, amount, value_date, request_sha256, applied_amount, unapplied_amount, result, created_at, created_by" "
    SELECT bench.id('s', p), 'TRF-' || p, '1760013210001', bench.amount(p), bench.day(p),
           decode(md5('s' || p) || md5('t' || p), 'hex'), bench.amount(p), 0, '{}', now(), 'bench'
      FROM generate_series(1, $P) p WHERE bench.channel(p) = 'SETTLEMENT'"

  # The ministry's batches: a month's batch lines are split by payment number into batches of at most 900,000 line
  # numbers (MB-2025-03-0, MB-2025-03-1, ...), the rejected lines into batches of their own (MB-2025-03-R0, ...).
  psql_admin -d recauda -c "INSERT INTO ministry_batch (batch_id, client_id, payer_id, body_sha256, key_id,
        transfer_reference, value_date, control_total, line_count, received_at)
      SELECT b.id, '00000000-0000-4000-8000-00000000bec4', '1760013210001',
             decode(md5('b' || b.id) || md5('c' || b.id), 'hex'), 'bench', 'TRF-' || b.id, b.m, 1, 1, b.m
        FROM (SELECT 'MB-' || to_char(m, 'YYYY-MM') || '-' || r || g AS id, m::date AS m
                FROM generate_series(date '2022-01-01', date '2026-12-01', interval '1 month') m,
                     generate_series(0, $(( P / 900000 ))) g, unnest(ARRAY['', 'R']) r) b" >/dev/null

  copy_in payment "id, channel, entity_code, bank_transaction_id, voucher_reference, batch_id, line_no, settlement_id, amount, paid_at, business_date, status, created_at, reversed_at, reversal_reason" "
    SELECT bench.id('p', p), bench.channel(p), bench.entity(p),
           CASE WHEN bench.channel(p) IN ('BANK', 'CARD') THEN 'TX' || p END,
           CASE WHEN bench.channel(p) IN ('BANK', 'CARD') THEN bench.voucher(p) END,
           CASE WHEN bench.channel(p) = 'MINISTRY_BATCH' THEN 'MB-' || to_char(bench.day(p), 'YYYY-MM') || '-'
                                                             || p / 900000 END,
           CASE WHEN bench.channel(p) = 'MINISTRY_BATCH' THEN (p % 900000 + 1)::int END,
           CASE WHEN bench.channel(p) = 'SETTLEMENT' THEN bench.id('s', p) END,
           bench.amount(p), bench.day(p) + time '10:00' + interval '5 hours', bench.day(p),
           CASE WHEN bench.reversed(p) THEN 'REVERSED' ELSE 'APPLIED' END, now(),
           CASE WHEN bench.reversed(p) THEN bench.day(p) + time '16:00' + interval '5 hours' END,
           CASE WHEN bench.reversed(p) THEN 'bench' END
      FROM generate_series(1, $P) p"

  copy_in payment_allocation "payment_id, obligation_id, interest, principal, position, stage" "
    SELECT bench.id('p', bench.payer(o)), bench.id('o', o), bench.interest(o), bench.principal(o),
           CASE WHEN (o - 1) % 6 = 5 THEN 1 ELSE 0 END, bench.stage(o)
      FROM generate_series(1, $PAID) o"

  # The ministry's lines: one per batch payment (APPLIED), and one rejected line (its money an OPEN unapplied fund)
  # for every fiftieth of them.
  copy_in ministry_batch_line "batch_id, line_no, employer_id, period, amount, status, reason, applied_amount, unapplied_amount, payment_id, processed_at" "
    SELECT 'MB-' || to_char(bench.day(p), 'YYYY-MM') || '-' || p / 900000, (p % 900000 + 1)::int,
           'EMP' || lpad((p % 400000)::text, 7, '0'),
           to_char(bench.day(p), 'YYYY-MM'), bench.amount(p), 'APPLIED', NULL, bench.amount(p), 0,
           bench.id('p', p), bench.day(p) + time '12:00'
      FROM generate_series(1, $P) p WHERE bench.channel(p) = 'MINISTRY_BATCH'
    UNION ALL
    SELECT 'MB-' || to_char(bench.day(p), 'YYYY-MM') || '-R' || p / 900000, (p % 900000 + 1)::int,
           'EMP9' || lpad((p % 400000)::text, 6, '0'),
           to_char(bench.day(p), 'YYYY-MM'), 250.00, 'REJECTED', 'NO_DEBT', 0, 250.00, NULL,
           bench.day(p) + time '12:00'
      FROM generate_series(1, $P) p WHERE bench.channel(p) = 'MINISTRY_BATCH' AND p % 50 = 0"
  copy_in unapplied_fund "id, batch_id, line_no, payer_id, employer_id, amount, reason, status, created_at, value_date" "
    SELECT bench.id('f', p), 'MB-' || to_char(bench.day(p), 'YYYY-MM') || '-R' || p / 900000,
           (p % 900000 + 1)::int, '1760013210001',
           'EMP9' || lpad((p % 400000)::text, 6, '0'), 250.00, 'NO_DEBT', 'OPEN', bench.day(p) + time '12:00',
           bench.day(p)
      FROM generate_series(1, $P) p WHERE bench.channel(p) = 'MINISTRY_BATCH' AND p % 50 = 0"

  # Card debit: 20,000 mandates; each card payment is an APPROVED charge of the mandate its rank falls to.
  copy_in card_mandate "id, debtor_id, processor_token, brand, last4, expiry_month, expiry_year, holder_name, debit_day, status, created_at, created_by, updated_at, version" "
    SELECT bench.id('m', m), 'CRD' || lpad(m::text, 7, '0'), 'tok_bench_' || m, 'VISA', '4242', 12, 2030,
           'Titular ' || m, 10, 'ACTIVE', now(), 'bench', now(), 0
      FROM generate_series(0, 19999) m"
  copy_in card_charge "id, mandate_id, debtor_id, charge_date, idempotency_key, voucher_reference, amount, retry, status, payment_id, created_at, resolved_at" "
    SELECT bench.id('g', p), bench.id('m', (r - 1) % 20000), 'CRD' || lpad(((r - 1) % 20000)::text, 7, '0'),
           bench.day(p), 'rcd-' || ((r - 1) % 20000) || '-' || to_char(bench.day(p), 'YYYYMMDD'), bench.voucher(p),
           bench.amount(p), false, 'APPROVED', bench.id('p', p), now(), now()
      FROM (SELECT p, row_number() OVER (ORDER BY bench.day(p), p) AS r
              FROM generate_series(1, $P) p WHERE bench.channel(p) = 'CARD') c"

  # A reconciliation per bank entity and business date of 2025 (weekdays), one in forty with a difference.
  copy_in reconciliation "id, entity_code, business_date, submitted_at, submitted_by, result" "
    SELECT bench.id('r', e * 10000 + d.n), 'BK-' || lpad(e::text, 2, '0'), d.day, d.day + time '20:00', 'bench',
           CASE WHEN bench.u(e * 10000 + d.n, 40) < 0.025
                THEN jsonb_build_object('missingHere', jsonb_build_array(jsonb_build_object('bankTransactionId', 'X',
                         'amount', 12.50)), 'missingAtBank', '[]'::jsonb, 'amountMismatches', '[]'::jsonb)
                ELSE '{\"missingHere\": [], \"missingAtBank\": [], \"amountMismatches\": []}'::jsonb END
      FROM generate_series(1, 30) e,
           (SELECT day::date, row_number() OVER (ORDER BY day) AS n
              FROM generate_series(date '2025-01-01', date '2025-12-31', interval '1 day') day
             WHERE extract(isodow FROM day) < 6) d"
}
