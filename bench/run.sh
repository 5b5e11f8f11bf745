#!/usr/bin/env bash
# Recauda performance benchmark. See docs/performance.md.
#
#   bench/run.sh            the full benchmark (about 2 to 3 minutes after the build)
#   bench/run.sh --quick    a short smoke run (about 1 minute): checks that everything works, numbers are noise
#   bench/run.sh --rebuild  rebuild the service first (otherwise an existing target/quarkus-app is used as it is)
#   bench/run.sh --default-install
#                           the default install: the service with no database configured, so on its own embedded
#                           PostgreSQL 17 (tuned from the machine, EmbeddedPostgresTuning); the baselines (a) and (g)
#                           run on that same server (combine with --quick for a smoke run)
#
# What it does: creates a throwaway PostgreSQL 15 cluster in a temporary directory (fsync=on,
# synchronous_commit=on, as in production) listening on a free port of 127.0.0.1, creates the databases `recauda` and
# `pgbench`, builds the service if target/quarkus-app/quarkus-run.jar is missing, starts it against the cluster and
# waits until it is ready, then runs
#   (a) the baseline: pgbench TPC-B (pgbench -i -s 10; pgbench -c 16 -j 2 -T 30 -M prepared) on database `pgbench`,
#   (b) the bulk load: BULK_TOTAL obligations in requests of BULK_BATCH through POST /api/v1/obligations/bulk,
#   (c) the statement latency: GET /api/v1/debtors/{id}/statement of a debtor with 500 obligations,
#   (d) payment posting: POST /api/v1/channel/payments from PAY_CLIENTS concurrent bank connections (wrk), each
#       request paying a distinct voucher issued beforehand through GET /api/v1/channel/payables?debtorId=,
#   (e) the voucher query: GET /api/v1/channel/payables?reference= from QUERY_CLIENTS concurrent connections (wrk),
#       at saturation, then at a fixed QUERY_FIXED_RATE req/s (open loop: the latency of the target is measured at a
#       fixed rate, from each request's due time, not at saturation),
#   (g) the payment SQL baseline: the SQL statements of one payment (bench/pgbench-payment.sql) run by pgbench with
#       PAY_CLIENTS clients, with no service in front: what the database alone does for this design on this machine,
#   (f) the daily agreement check: POST /api/v1/admin/agreement-checks over AGREEMENT_COUNT active agreements
#       (seeded with COPY), AGREEMENT_DEFAULTING_PERCENT of which default,
#   (h) a ministry's signed batch of BATCH_LINES lines, one contribution of an employer each, from the 202 to
#       COMPLETED (BenchClient ministry-batch),
#   (i) a legacy import of IMPORT_ROWS CSV rows (a file the client writes first, then streams), from the first byte to
#       COMPLETED, with the service's heap sampled meanwhile (BenchClient legacy-import),
#   (j) a card debit run over CARD_MANDATES active mandates (seeded with COPY, each debtor owing one overdue fine),
#       with the simulated processor, shared by two service instances on the one database (a second instance is
#       started for it), from the 202 to COMPLETED (BenchClient card-debit),
#   (k) only when named (BENCHMARKS=reports; about 25 minutes): every report of GET /api/v1/reports/* for the year
#       2025 over REPORT_PAYMENTS payments and REPORT_OBLIGATIONS obligations generated into the database with COPY
#       (bench/reports-seed.sh), REPORT_REQUESTS times each after one unmeasured request; the baseline of each is the
#       SQL over the ledgers of its core figures (listed below; not every figure the report gives, and not compared
#       with it), run by psql (its start and connection included), in the same run,
# prints a summary with the ratios against the baseline, writes it to bench/results/<date>.md, and stops and removes
# everything on exit (also on failure or Ctrl-C). All load goes to 127.0.0.1.
#
# Every parameter below can be overridden from the environment, e.g. BULK_CLIENTS=2 bench/run.sh, and
# BENCHMARKS="payments payables" bench/run.sh runs only those (the pgbench baseline always runs).
# Exit status: 0 when every benchmark ran and every request succeeded (targets met or not: see the summary);
# 1 when a request failed or something could not be set up.
set -euo pipefail

# ----------------------------------------------------------------------------------------------------- parameters
BULK_TOTAL=${BULK_TOTAL:-100000}             # obligations loaded in the bulk benchmark
BULK_BATCH=${BULK_BATCH:-10000}              # items per bulk request (the API allows up to 10,000)
BULK_WARMUP=${BULK_WARMUP:-50000}            # obligations posted first, one client, not measured (JIT warm-up)
BULK_CLIENTS=${BULK_CLIENTS:-"1 2"}          # concurrency levels (concurrent bulk requests), one measured run each
BULK_DEBTORS=${BULK_DEBTORS:-20000}          # distinct debtors (cédulas) the bulk obligations are spread over
STATEMENT_OBLIGATIONS=${STATEMENT_OBLIGATIONS:-500}   # unpaid obligations of the statement debtor
STATEMENT_DEBTOR=${STATEMENT_DEBTOR:-1790012344001}  # a private-company RUC, not among the bulk debtors
STATEMENT_AS_OF=${STATEMENT_AS_OF:-2025-06-30}
STATEMENT_RATES=${STATEMENT_RATES:-1}        # 1: one arrears rate from 2000-01-01; N: N quarterly rates from then
STATEMENT_WARMUP=${STATEMENT_WARMUP:-2000}   # unmeasured requests before each measured run
STATEMENT_REQUESTS=${STATEMENT_REQUESTS:-3000}  # measured requests per concurrency level
STATEMENT_CLIENTS=${STATEMENT_CLIENTS:-"1 4"}   # concurrency levels, one measured run each
PGBENCH_SCALE=${PGBENCH_SCALE:-10}
PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-16}
PGBENCH_THREADS=${PGBENCH_THREADS:-2}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-30}
BENCHMARKS=${BENCHMARKS:-"bulk statement payments payables payment-sql agreements batch import card"}  # (b) to (j)
AGREEMENT_COUNT=${AGREEMENT_COUNT:-100000}   # (f) active agreements, 12 installments each
AGREEMENT_DEFAULTING_PERCENT=${AGREEMENT_DEFAULTING_PERCENT:-5}  # (f) share of them with 2 consecutive missed
TARGET_AGREEMENT_CHECK_S=${TARGET_AGREEMENT_CHECK_S:-30}  # target 5: the whole check, seconds
BATCH_LINES=${BATCH_LINES:-100000}           # (h) lines of the ministry's batch
TARGET_BATCH_S=${TARGET_BATCH_S:-10}         # target 6: from the 202 to COMPLETED, seconds
IMPORT_ROWS=${IMPORT_ROWS:-1000000}          # (i) rows of the legacy import
TARGET_IMPORT_S=${TARGET_IMPORT_S:-60}       # target 7: from the first byte to COMPLETED, seconds
CARD_MANDATES=${CARD_MANDATES:-100000}       # (j) active card mandates due on the run date
TARGET_CARD_DEBIT_S=${TARGET_CARD_DEBIT_S:-60}  # target 8: the run, two instances, from the 202 to COMPLETED, seconds
REPORT_PAYMENTS=${REPORT_PAYMENTS:-5000000}  # (k) payments over 2022-2026 (a fifth of them in the measured year)
REPORT_OBLIGATIONS=${REPORT_OBLIGATIONS:-10000000}  # (k) obligations, paid, open, in agreements, cancelled
REPORT_OPEN=${REPORT_OPEN:-1000000}          # (k) of them PENDING and overdue (the aged portfolio)
REPORT_AGREEMENTS=${REPORT_AGREEMENTS:-40000}  # (k) agreements, a quarter ACTIVE
REPORT_REQUESTS=${REPORT_REQUESTS:-5}        # (k) measured requests of each report
TARGET_REPORT_MS=${TARGET_REPORT_MS:-1000}   # target 9: every report of a one-year range, slowest request, ms
PAY_CLIENTS=${PAY_CLIENTS:-16}               # (d) concurrent bank connections posting payments
PAY_THREADS=${PAY_THREADS:-2}                # (d) wrk threads
PAY_WARMUP_SECONDS=${PAY_WARMUP_SECONDS:-10} # (d) unmeasured posting first (JIT warm-up)
PAY_SECONDS=${PAY_SECONDS:-30}               # (d) measured posting
PAY_WARMUP_VOUCHERS=${PAY_WARMUP_VOUCHERS:-16000}  # (d) vouchers for the warm-up; a thread that runs out fails the run
PAY_VOUCHERS=${PAY_VOUCHERS:-48000}          # (d) vouchers for the measured run
QUERY_CLIENTS=${QUERY_CLIENTS:-16}           # (e) concurrent connections querying vouchers by reference
QUERY_THREADS=${QUERY_THREADS:-2}            # (e) wrk threads
QUERY_WARMUP_SECONDS=${QUERY_WARMUP_SECONDS:-10}
QUERY_SECONDS=${QUERY_SECONDS:-30}
QUERY_VOUCHERS=${QUERY_VOUCHERS:-2000}       # (e) distinct unpaid vouchers the queries cycle through
QUERY_FIXED_RATE=${QUERY_FIXED_RATE:-3000}   # (e) then the same query at this fixed rate (req/s), open loop, latency
QUERY_FIXED_SECONDS=${QUERY_FIXED_SECONDS:-30}  #   from each request's due time (BenchClient fixed-rate)
QUERY_FIXED_WARMUP_SECONDS=${QUERY_FIXED_WARMUP_SECONDS:-10}
PAYSQL_VOUCHERS=${PAYSQL_VOUCHERS:-250000}   # (g) vouchers seeded for the payment SQL baseline (one per transaction)
PAYSQL_SCRIPT=${PAYSQL_SCRIPT:-bench/pgbench-payment.sql}  # (g) the pgbench script (another one for an A/B)
PAYSQL_WARMUP_SECONDS=${PAYSQL_WARMUP_SECONDS:-5}  # (g) unmeasured pgbench run first
SETUP_CLIENTS=${SETUP_CLIENTS:-16}           # concurrent clients issuing the vouchers of (d) and (e)
BANK_ENTITY=${BANK_ENTITY:-BENCH-BANK}
TARGET_BULK_PER_S=${TARGET_BULK_PER_S:-5000}       # target 1: obligations/s
TARGET_STATEMENT_P99_MS=${TARGET_STATEMENT_P99_MS:-50}  # target 2: statement p99, ms
TARGET_PAY_RATIO=${TARGET_PAY_RATIO:-0.6}          # target 3: payments/s at least this times pgbench's tps
TARGET_PAY_P99_MS=${TARGET_PAY_P99_MS:-50}         # target 3: payment p99, ms
TARGET_PAY_SQL_RATIO=${TARGET_PAY_SQL_RATIO:-0.8}  # target 3': payments/s at least this times (g), the payment SQL's
                                                   # own ceiling on the same server
TARGET_QUERY_PER_S=${TARGET_QUERY_PER_S:-3000}     # target 4: voucher queries/s
TARGET_QUERY_P99_MS=${TARGET_QUERY_P99_MS:-20}     # target 4: voucher query p99, ms
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-"-Xms1g -Xmx2g"}
# The load client shares the 2 CPUs with the service and the database: C1 only and the serial collector keep its
# share small (its own C2 compilations would cost more CPU than they save in a run of a few seconds).
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:-"-Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1"}
PG_SHARED_BUFFERS=${PG_SHARED_BUFFERS:-512MB}
PG_MAX_WAL_SIZE=${PG_MAX_WAL_SIZE:-4GB}
PG_STAT_STATEMENTS=${PG_STAT_STATEMENTS:-0}  # 1: load pg_stat_statements and print the top statements of (d), (e) (for
                                             # diagnosis: it costs the database a little, so not for recorded figures)
PG_EXTRA_CONF=${PG_EXTRA_CONF:-}             # more postgresql.conf lines (diagnosis), e.g. auto_explain settings
KEEP_LOGS=${KEEP_LOGS:-}                     # a directory: copy the service's and PostgreSQL's logs there on exit
RATE_LIMITS=${RATE_LIMITS:-on}               # on: rate limits enabled with quotas no run reaches, so every request pays
                                             # its check (ADR 0012); off: recauda.rate-limit.enabled=false (an A/B)
BENCH_USER=${BENCH_USER:-recauda-bench}      # the PostgreSQL server never runs as root; created if missing
BENCH_TMP_PARENT=${BENCH_TMP_PARENT:-${TMPDIR:-/tmp}}  # the cluster lives below; use a real disk, not tmpfs
READY_TIMEOUT_S=${READY_TIMEOUT_S:-180}
QUIET_WAIT_S=${QUIET_WAIT_S:-0}              # >0: first wait up to this long for the 1-minute load to fall below nproc/2
QUICK=false
REBUILD=false
DB=${DB:-cluster}                            # cluster: a tuned PostgreSQL 15 of the benchmark's own; embedded: the
                                             # default install (--default-install)

usage() { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; }
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=true ;;
    --rebuild) REBUILD=true ;;
    --default-install) DB=embedded ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
if $QUICK; then
  BULK_TOTAL=10000 BULK_BATCH=2000 BULK_WARMUP=4000 STATEMENT_WARMUP=100 STATEMENT_REQUESTS=300
  PGBENCH_SCALE=1 PGBENCH_SECONDS=5
  PAY_WARMUP_SECONDS=2 PAY_SECONDS=5 PAY_WARMUP_VOUCHERS=2000 PAY_VOUCHERS=5000
  QUERY_WARMUP_SECONDS=2 QUERY_SECONDS=5 QUERY_VOUCHERS=300
  AGREEMENT_COUNT=5000 PAYSQL_VOUCHERS=30000 PAYSQL_WARMUP_SECONDS=2 BATCH_LINES=5000 IMPORT_ROWS=20000
  REPORT_PAYMENTS=100000 REPORT_OBLIGATIONS=200000 REPORT_OPEN=20000 REPORT_AGREEMENTS=2000 REPORT_REQUESTS=2
fi
want() { [[ " $BENCHMARKS " == *" $1 "* ]]; }

# ------------------------------------------------------------------------------------------------------ helpers
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

pg_bin_dir() {
  if [[ -n ${PG_BIN:-} ]]; then echo "$PG_BIN"
  elif [[ -x /usr/lib/postgresql/15/bin/postgres ]]; then echo /usr/lib/postgresql/15/bin
  else dirname "$(command -v postgres || die 'postgres not found: install PostgreSQL 15 or set PG_BIN')"
  fi
}

free_port() {  # a port of 127.0.0.1 nobody listens on (a tiny race with other programs is accepted)
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port found"
}

as_bench_user() {  # run a PostgreSQL server command as the unprivileged benchmark user when we are root
  if [[ $(id -u) -eq 0 ]]; then runuser -u "$BENCH_USER" -- "$@"; else "$@"; fi
}

CLK_TCK=$(getconf CLK_TCK)
proc_ticks() {  # CPU ticks (user+system, plus those of waited-for children) of one process; 0 when gone
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  echo "${stat##*) }" | awk '{print $12 + $13 + $14 + $15}'
}
tree_ticks() {  # a process and its direct children (the postmaster and its backends)
  local total pid
  total=$(proc_ticks "$1")
  for pid in $(pgrep -P "$1" || true); do total=$(( total + $(proc_ticks "$pid") )); done
  echo "$total"
}
pgbench_settled() {  # wait (up to 5 s) until pgbench's backends are gone: their CPU counts once the postmaster reaps them
  local n
  for _ in $(seq 1 50); do
    n=$(psql_admin -d postgres -At -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgbench'")
    [[ $n -eq 0 ]] && { sleep 0.3; return 0; }
    sleep 0.1
  done
}
machine_ticks() {  # busy and total ticks of all CPUs since boot
  awk '/^cpu /{busy=$2+$3+$4+$7+$8+$9; print busy, busy+$5+$6}' /proc/stat
}
cpu_snapshot() { echo "$(tree_ticks "$SERVICE_PID") $(tree_ticks "$PG_PID") $(machine_ticks)"; }
cpu_delta() {  # "service-CPU-s PostgreSQL-CPU-s busy-CPU-s elapsed-s" between two snapshots (elapsed over all CPUs)
  local a=($1) b=($2)
  awk -v s=$(( b[0] - a[0] )) -v p=$(( b[1] - a[1] )) -v busy=$(( b[2] - a[2] )) -v all=$(( b[3] - a[3] )) \
      -v hz="$CLK_TCK" -v n="$(nproc)" 'BEGIN { printf "%.2f %.2f %.2f %.2f", s / hz, p / hz, busy / hz, all / hz / n }'
}
cpu_text() {  # cpu_text "<cpu_delta>" <client-CPU-s> <units> <unit name>: who used the CPUs, in total and per unit
  local d=($1)
  awk -v s="${d[0]}" -v p="${d[1]}" -v busy="${d[2]}" -v wall="${d[3]}" -v c="${2:-0}" -v u="$3" -v name="$4" \
      -v n="$(nproc)" 'BEGIN {
        o = busy - s - p - c; if (o < 0) o = 0
        printf "service JVM %.1f CPU-s (%.2f ms per %s), PostgreSQL %.1f CPU-s (%.2f ms per %s), load client %.1f CPU-s,", \
               s, 1000 * s / u, name, p, 1000 * p / u, name, c
        pct = wall > 0 ? 100 * busy / (wall * n) : 0
        printf " anything else %.1f CPU-s; the %d CPUs were %.0f %% busy over %.1f s", o, n, pct, wall
        if (wall > 0 && o > 0.15 * wall * n) printf " -- WARNING: other processes took %.0f %% of the CPUs", 100 * o / (wall * n) }'
}
children_cpu() {  # CPU-s used so far by the finished children of this shell (bash builtin times, second line)
  times >"$WORK/times.txt"  # not in a pipe or $(...): a subshell would report its own children
  tail -n 1 "$WORK/times.txt" | awk '{ split($1, u, /[ms]/); split($2, y, /[ms]/); printf "%.2f", u[1] * 60 + u[2] + y[1] * 60 + y[2] }'
}
result_field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

# ------------------------------------------------------------------------------------------------ setup & cleanup
WORK=""
SERVICE_PID=""
SERVICE2_PID=""
PG_PID=""
PG_STARTED=false
cleanup() {
  local status=$?
  set +e
  if [[ -n $SERVICE2_PID ]] && kill -0 "$SERVICE2_PID" 2>/dev/null; then
    log "stopping the second instance (pid $SERVICE2_PID)"
    kill -TERM "$SERVICE2_PID"
    for _ in $(seq 1 40); do kill -0 "$SERVICE2_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$SERVICE2_PID" 2>/dev/null && kill -KILL "$SERVICE2_PID"
    wait "$SERVICE2_PID" 2>/dev/null
  fi
  if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    log "stopping the service (pid $SERVICE_PID)"
    kill -TERM "$SERVICE_PID"
    for _ in $(seq 1 40); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$SERVICE_PID" 2>/dev/null && kill -KILL "$SERVICE_PID"
    wait "$SERVICE_PID" 2>/dev/null
  fi
  if [[ $DB == embedded && -n $PG_PID ]] && kill -0 "$PG_PID" 2>/dev/null; then
    log "stopping the embedded PostgreSQL the service left running"
    kill -INT "$PG_PID" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  if $PG_STARTED; then
    log "stopping PostgreSQL"
    as_bench_user "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop >/dev/null 2>&1 \
      || { [[ -n $PG_PID ]] && kill -QUIT "$PG_PID" 2>/dev/null; }
  fi
  if [[ -n $WORK && -d $WORK ]]; then
    if [[ $status -ne 0 ]]; then
      [[ -f $WORK/service.log ]] && { log "last lines of the service log:"; tail -n 40 "$WORK/service.log" >&2; }
      [[ -f $WORK/pg.log ]] && { log "last lines of the PostgreSQL log:"; tail -n 20 "$WORK/pg.log" >&2; }
    fi
    if [[ -n $KEEP_LOGS ]]; then
      mkdir -p "$KEEP_LOGS" && cp "$WORK"/*.log "$KEEP_LOGS"/ 2>/dev/null && log "logs copied to $KEEP_LOGS"
    fi
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PG_BIN=$(pg_bin_dir)
PG_VERSION=$("$PG_BIN/postgres" --version)
[[ $PG_VERSION == *" 15."* ]] || log "WARNING: expected PostgreSQL 15, found: $PG_VERSION"
command -v java >/dev/null || die "java not found"
if want payments || want payables; then
  command -v wrk >/dev/null || die "wrk not found: install it (Debian: apt-get install wrk) or leave payments and payables out of BENCHMARKS"
fi
command -v pgbench >/dev/null || [[ -x $PG_BIN/pgbench ]] || die "pgbench not found"
PGBENCH=$( [[ -x $PG_BIN/pgbench ]] && echo "$PG_BIN/pgbench" || command -v pgbench )
PSQL=$( [[ -x $PG_BIN/psql ]] && echo "$PG_BIN/psql" || command -v psql )

if [[ $(id -u) -eq 0 ]] && ! id "$BENCH_USER" >/dev/null 2>&1; then
  log "creating system user $BENCH_USER to run PostgreSQL (it refuses to run as root)"
  useradd --system --no-create-home --shell /usr/sbin/nologin "$BENCH_USER"
fi

busy_machine() { awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(l > 0.5 * n) }'; }
if [[ $QUIET_WAIT_S -gt 0 ]] && busy_machine; then
  log "the machine is busy (load $(cut -d' ' -f1-3 /proc/loadavg)); waiting up to ${QUIET_WAIT_S}s for it to calm down"
  waited=0
  while busy_machine && [[ $waited -lt $QUIET_WAIT_S ]]; do sleep 30; waited=$(( waited + 30 )); done
fi
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before the run: $LOAD_BEFORE"
if busy_machine; then
  log "WARNING: the machine is busy (load $LOAD_BEFORE on $(nproc) CPUs); numbers will be low. Busiest processes:"
  ps -eo pid,pcpu,etime,comm --sort=-pcpu | head -6 >&2
fi

if $REBUILD || [[ ! -f target/quarkus-app/quarkus-run.jar ]]; then
  log "building the service (./mvnw -q package -DskipTests)"
  ./mvnw -q package -DskipTests
fi

WORK=$(mktemp -d "$BENCH_TMP_PARENT/recauda-bench.XXXXXX")
chmod 755 "$WORK"
if [[ $(findmnt -n -o FSTYPE -T "$WORK" 2>/dev/null) == tmpfs ]]; then
  log "WARNING: $WORK is on tmpfs: fsync costs nothing there; set BENCH_TMP_PARENT to a directory on disk"
fi

# The load client, compiled once (java bench/BenchClient.java works too, but compiles on every call).
if command -v javac >/dev/null; then
  javac -d "$WORK/client" bench/BenchClient.java
  CLIENT=(java $CLIENT_JAVA_OPTS -cp "$WORK/client" BenchClient)
else
  CLIENT=(java $CLIENT_JAVA_OPTS bench/BenchClient.java)
fi

# ------------------------------------------------------------------------------------------------------ PostgreSQL
if [[ $DB == cluster ]]; then
PG_PORT=$(free_port)
DB_USER=recauda
DB_PASSWORD=bench-$RANDOM$RANDOM$RANDOM
mkdir -p "$WORK/pgdata" "$WORK/socket"
[[ $(id -u) -eq 0 ]] && chown -R "$BENCH_USER" "$WORK/pgdata" "$WORK/socket"
log "creating a PostgreSQL cluster in $WORK/pgdata (port $PG_PORT, fsync=on, synchronous_commit=on)"
as_bench_user "$PG_BIN/initdb" -D "$WORK/pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
cat >>"$WORK/pgdata/postgresql.conf" <<EOF
# recauda benchmark
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK/socket'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 100
shared_buffers = $PG_SHARED_BUFFERS
max_wal_size = $PG_MAX_WAL_SIZE
EOF
[[ -n $PG_EXTRA_CONF ]] && printf '%s\n' "$PG_EXTRA_CONF" >>"$WORK/pgdata/postgresql.conf"
if [[ $PG_STAT_STATEMENTS == 1 ]]; then
  printf "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = all\npg_stat_statements.track_planning = on\n" \
    >>"$WORK/pgdata/postgresql.conf"
fi
touch "$WORK/pg.log"; [[ $(id -u) -eq 0 ]] && chown "$BENCH_USER" "$WORK/pg.log"
as_bench_user "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pg.log" -w -t 60 start >/dev/null \
  || die "PostgreSQL did not start"
PG_STARTED=true
PG_PID=$(head -n 1 "$WORK/pgdata/postmaster.pid")
psql_admin() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$WORK/socket" -p "$PG_PORT" -U postgres "$@"; }
psql_admin -d postgres <<EOF
CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
CREATE DATABASE recauda OWNER $DB_USER;
CREATE DATABASE pgbench OWNER $DB_USER;
EOF
PG_SETTINGS=$(psql_admin -d postgres -At -c "SELECT string_agg(name || '=' || current_setting(name), ', '
  ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'wal_level',
  'full_page_writes', 'max_wal_size')")
log "PostgreSQL: $PG_SETTINGS"
export PGPASSWORD=$DB_PASSWORD
elif [[ $DB != embedded ]]; then
  die "DB must be cluster or embedded"
fi

# --------------------------------------------------------------------------------------------------------- service
HTTP_PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)
API_KEY=rk_bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
case "$RATE_LIMITS" in
  on) RATE_LIMIT_ENABLED=true ;;
  off) RATE_LIMIT_ENABLED=false ;;
  *) die "RATE_LIMITS must be on or off" ;;
esac
log "starting the service on 127.0.0.1:$HTTP_PORT, management on 127.0.0.1:$MANAGEMENT_PORT, rate limits $RATE_LIMITS ($SERVICE_JAVA_OPTS), database: $DB"
SERVICE_ENV=()
SERVICE_AS=()
SERVICE_DIR=$ROOT
if [[ $DB == cluster ]]; then
  SERVICE_ENV=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/recauda"
    QUARKUS_DATASOURCE_USERNAME="$DB_USER" QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD")
else
  # The default install: nothing about the database is configured. The service starts its embedded PostgreSQL in
  # ./data/pg of its working directory; PostgreSQL refuses to run as root, so as root the service runs as the
  # benchmark user (setpriv keeps the pid, so the CPU accounting stays the service's).
  SERVICE_DIR=$WORK/app
  mkdir -p "$SERVICE_DIR"
  if [[ $(id -u) -eq 0 ]]; then
    chown "$BENCH_USER" "$SERVICE_DIR"
    runuser -u "$BENCH_USER" -- test -r "$ROOT/target/quarkus-app/quarkus-run.jar" \
      || die "user $BENCH_USER cannot read $ROOT/target/quarkus-app (a checkout below /root?): check it out where that user can read it"
    SERVICE_AS=(setpriv --reuid="$(id -u "$BENCH_USER")" --regid="$(id -g "$BENCH_USER")" --init-groups --)
  fi
  SERVICE_ENV=(HOME="$SERVICE_DIR")
fi
(cd "$SERVICE_DIR" && exec env "${SERVICE_ENV[@]}" \
RECAUDA_BOOTSTRAP_ADMIN_KEY=$API_KEY \
QUARKUS_HTTP_PORT=$HTTP_PORT \
QUARKUS_HTTP_HOST=127.0.0.1 \
QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
RECAUDA_RATE_LIMIT_ENABLED=$RATE_LIMIT_ENABLED \
RECAUDA_RATE_LIMIT_PUBLIC_PER_MINUTE=1000000000 \
RECAUDA_RATE_LIMIT_PER_KEY_PER_MINUTE=1000000000 \
RECAUDA_RATE_LIMIT_INVALID_KEY_PER_MINUTE=1000000000 \
RECAUDA_CARD_DEBIT_PROCESSOR=simulated \
RECAUDA_CARD_DEBIT_SCHEDULE=false \
RECAUDA_CARD_DEBIT_EVERY=1s \
RECAUDA_NOTIFICATIONS_EVERY=off \
  "${SERVICE_AS[@]}" java $SERVICE_JAVA_OPTS -jar "$ROOT/target/quarkus-app/quarkus-run.jar") >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
URL=http://127.0.0.1:$HTTP_PORT
"${CLIENT[@]}" ready --url "http://127.0.0.1:$MANAGEMENT_PORT" --timeout-seconds "$READY_TIMEOUT_S" >/dev/null \
  || die "the service did not become ready in ${READY_TIMEOUT_S}s"
kill -0 "$SERVICE_PID" 2>/dev/null || die "the service exited"
log "service ready"

if [[ $DB == embedded ]]; then
  # The embedded server's port, postmaster and superuser password, from its data directory.
  PG_DATA=$SERVICE_DIR/data/pg
  [[ -f $PG_DATA/postmaster.pid ]] || die "the service started no embedded PostgreSQL in $PG_DATA"
  PG_PID=$(sed -n 1p "$PG_DATA/postmaster.pid")
  PG_PORT=$(sed -n 4p "$PG_DATA/postmaster.pid")
  DB_USER=postgres
  DB_PASSWORD=$(cat "$PG_DATA/recauda-superuser.password")
  export PGPASSWORD=$DB_PASSWORD
  psql_admin() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
  psql_admin -d postgres -c "CREATE DATABASE pgbench"
  PG_SETTINGS=$(psql_admin -d postgres -At -c "SELECT string_agg(name || '=' || current_setting(name), ', '
    ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'wal_level',
    'full_page_writes', 'max_wal_size', 'checkpoint_timeout', 'effective_cache_size', 'work_mem', 'jit')")
  PG_VERSION=$(psql_admin -d postgres -At -c "SHOW server_version")
  log "embedded PostgreSQL $PG_VERSION on port $PG_PORT: $PG_SETTINGS"
fi

checkpoint() { psql_admin -d postgres -c CHECKPOINT; }

# ------------------------------------------------------------------------------------------- (a) pgbench baseline
log "(a) baseline: pgbench -i -s $PGBENCH_SCALE, then -c $PGBENCH_CLIENTS -j $PGBENCH_THREADS -T $PGBENCH_SECONDS -M prepared"
"$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -i -s "$PGBENCH_SCALE" -q pgbench >"$WORK/pgbench-init.log" 2>&1 \
  || { cat "$WORK/pgbench-init.log" >&2; die "pgbench -i failed"; }
checkpoint
snap=$(cpu_snapshot)
children_cpu >"$WORK/children-before.txt"
children_before=$(cat "$WORK/children-before.txt")
"$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -c "$PGBENCH_CLIENTS" -j "$PGBENCH_THREADS" \
  -T "$PGBENCH_SECONDS" -M prepared pgbench >"$WORK/pgbench.log" 2>&1 \
  || { cat "$WORK/pgbench.log" >&2; die "pgbench failed"; }
pgbench_settled
delta=$(cpu_delta "$snap" "$(cpu_snapshot)")
children_cpu >"$WORK/children-after.txt"
PGBENCH_CLIENT_CPU=$(awk -v a="$children_before" -v b="$(cat "$WORK/children-after.txt")" 'BEGIN { printf "%.2f", b - a }')
PGBENCH_TPS=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$WORK/pgbench.log")
PGBENCH_LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$WORK/pgbench.log")
PGBENCH_TX=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/pgbench.log")
PGBENCH_FAILED=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$WORK/pgbench.log")
[[ -n $PGBENCH_TPS && -n $PGBENCH_TX ]] || { cat "$WORK/pgbench.log" >&2; die "could not read the pgbench results"; }
[[ ${PGBENCH_FAILED:-0} -eq 0 ]] || die "pgbench reported $PGBENCH_FAILED failed transactions"
PGBENCH_TPS=$(printf '%.1f' "$PGBENCH_TPS")
PGBENCH_CPU=$(cpu_text "$delta" "$PGBENCH_CLIENT_CPU" "$PGBENCH_TX" transaction | sed 's/service JVM [^,]*, //; s/load client/pgbench/')
log "pgbench: $PGBENCH_TPS tps, latency average $PGBENCH_LAT ms; $PGBENCH_CPU"

FAILED=false
# ------------------------------------------------------------------------------------------------- (b) bulk load
BULK_ROWS=()
want bulk || BULK_CLIENTS=""
if [[ -n $BULK_CLIENTS && $BULK_WARMUP -gt 0 ]]; then
  log "(b) bulk load warm-up: $BULK_WARMUP obligations in requests of $BULK_BATCH (not measured)"
  "${CLIENT[@]}" bulk --url "$URL" --key "$API_KEY" --total "$BULK_WARMUP" --batch "$BULK_BATCH" \
    --debtors "$BULK_DEBTORS" --run-id "warmup-$RANDOM" >"$WORK/bulk-warmup.log" \
    || { cat "$WORK/bulk-warmup.log" >&2; die "the bulk warm-up failed"; }
fi
for clients in $BULK_CLIENTS; do
  log "(b) bulk load: $BULK_TOTAL obligations in requests of $BULK_BATCH, $clients client(s)"
  checkpoint
  snap=$(cpu_snapshot)
  # One look at top early in the measured requests (the client needs ~2 s to start and generate the bodies).
  ( sleep 4; top -b -n 1 -w 160 2>/dev/null | head -n 14 >"$WORK/top-bulk-$clients.txt" ) &
  top_pid=$!
  set +e
  out=$("${CLIENT[@]}" bulk --url "$URL" --key "$API_KEY" --total "$BULK_TOTAL" --batch "$BULK_BATCH" \
    --clients "$clients" --debtors "$BULK_DEBTORS" --run-id "c$clients-$RANDOM")
  status=$?
  set -e
  delta=$(cpu_delta "$snap" "$(cpu_snapshot)")
  wait "$top_pid" 2>/dev/null || true
  printf '%s\n' "$out" >&2
  result=$(grep '^RESULT ' <<<"$out" || true)
  [[ $status -eq 0 && -n $result ]] || { FAILED=true; log "the bulk benchmark with $clients client(s) FAILED"; }
  cpu=$(cpu_text "$delta" "$(result_field "$result" client_process_cpu_s)" "$(( BULK_TOTAL / 1000 ))" "1,000 obligations")
  log "bulk CPU: $cpu"
  BULK_ROWS+=("$clients|$(result_field "$result" status)|$(result_field "$result" obligations_per_s)|$(result_field "$result" seconds)|$(result_field "$result" req_p50_ms)|$(result_field "$result" req_max_ms)|$cpu")
done

# ------------------------------------------------------------------------------------------ (c) statement latency
STATEMENT_ROWS=()
want statement || STATEMENT_CLIENTS=""
for clients in $STATEMENT_CLIENTS; do
  log "(c) statement latency: $STATEMENT_OBLIGATIONS obligations, $clients client(s), $STATEMENT_WARMUP warm-up + $STATEMENT_REQUESTS requests"
  checkpoint
  snap=$(cpu_snapshot)
  set +e
  out=$("${CLIENT[@]}" statement --url "$URL" --key "$API_KEY" --debtor "$STATEMENT_DEBTOR" \
    --obligations "$STATEMENT_OBLIGATIONS" --as-of "$STATEMENT_AS_OF" --rates "$STATEMENT_RATES" \
    --warmup "$STATEMENT_WARMUP" --requests "$STATEMENT_REQUESTS" --clients "$clients")
  status=$?
  set -e
  delta=$(cpu_delta "$snap" "$(cpu_snapshot)")
  printf '%s\n' "$out" >&2
  result=$(grep '^RESULT ' <<<"$out" || true)
  [[ $status -eq 0 && -n $result ]] || { FAILED=true; log "the statement benchmark with $clients client(s) FAILED"; }
  # The service and PostgreSQL CPU covers warm-up and measured requests (and the seeding, the first time).
  cpu=$(cpu_text "$delta" "$(result_field "$result" client_process_cpu_s)" "$(( STATEMENT_WARMUP + STATEMENT_REQUESTS ))" request)
  log "statement CPU (warm-up included): $cpu"
  STATEMENT_ROWS+=("$clients|$(result_field "$result" status)|$(result_field "$result" req_per_s)|$(result_field "$result" p50_ms)|$(result_field "$result" p90_ms)|$(result_field "$result" p99_ms)|$(result_field "$result" max_ms)|$cpu")
done

# ----------------------------------------------------------------------------- (d) payments and (e) voucher queries
psql_recauda() { psql_admin -d recauda -At "$@"; }
wrk_run() {  # wrk_run <script> <threads> <connections> <seconds> <args after -->: prints wrk's output
  wrk -t "$2" -c "$3" -d "${4}s" --timeout 10s --latency -s "$1" "$URL" -- "${@:5}" 2>&1
}
pgss_reset() {  # with PG_STAT_STATEMENTS=1: forget the statistics so far
  [[ $PG_STAT_STATEMENTS == 1 ]] || return 0
  psql_admin -d recauda -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
    -c "SELECT pg_stat_statements_reset()" >/dev/null
}
pgss_top() {  # pgss_top <units> <unit name>: with PG_STAT_STATEMENTS=1, the top statements since pgss_reset
  [[ $PG_STAT_STATEMENTS == 1 ]] || return 0
  log "top statements by execution time per $2 (pg_stat_statements):"
  psql_admin -d recauda -c "SELECT round(total_exec_time::numeric / $1, 4) AS exec_ms_per_$2,
      round(total_plan_time::numeric / $1, 4) AS plan_ms_per_$2, round(calls::numeric / $1, 2) AS calls_per_$2,
      round(mean_exec_time::numeric, 4) AS mean_ms, round(wal_records::numeric / greatest(calls, 1), 1) AS wal_records,
      left(regexp_replace(query, '\s+', ' ', 'g'), 150) AS query
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'recauda')
    ORDER BY total_exec_time + total_plan_time DESC LIMIT 25" >&2
}
PAY_ROWS=()
QUERY_ROWS=()
QUERY_FIXED_ROW=""
SETUP_RESULT=""
if want payments || want payables; then
  n_pay=0; want payments && n_pay=$(( PAY_WARMUP_VOUCHERS + PAY_VOUCHERS ))
  n_query=0; want payables && n_query=$QUERY_VOUCHERS
  log "(d/e) setup: $(( n_pay + n_query )) debtors with 2 obligations each, one voucher each through payables?debtorId= ($SETUP_CLIENTS clients)"
  out=$("${CLIENT[@]}" channel-setup --url "$URL" --key "$API_KEY" --entity "$BANK_ENTITY" \
    --vouchers "$(( n_pay + n_query ))" --clients "$SETUP_CLIENTS" --out "$WORK/vouchers.txt") \
    || { printf '%s\n' "$out" >&2; die "the channel setup failed"; }
  printf '%s\n' "$out" >&2
  SETUP_RESULT=$(grep '^RESULT ' <<<"$out" || true)
  BANK_KEY=$(cat "$WORK/vouchers.txt.key")
  # The first vouchers stay unpaid for the queries; the rest are paid, the warm-up's first.
  awk -v q="$n_query" -v w="$PAY_WARMUP_VOUCHERS" -v dir="$WORK" '
    NR <= q { print > (dir "/query-vouchers.txt"); next }
    NR <= q + w { print > (dir "/pay-warmup.txt"); next }
    { print > (dir "/pay-measured.txt") }' "$WORK/vouchers.txt"
  # As pgbench -i does for its tables: a database in service has statistics that autovacuum keeps current, while
  # this one was filled a minute ago; plans cached on the statistics of near-empty tables would measure that.
  log "(d/e) setup: VACUUM ANALYZE"
  psql_admin -d recauda -c "VACUUM ANALYZE" >/dev/null
fi
if want payments; then
  log "(d) payments warm-up: ${PAY_WARMUP_SECONDS}s, $PAY_CLIENTS connections (not measured)"
  out=$(wrk_run bench/wrk-payments.lua "$PAY_THREADS" "$PAY_CLIENTS" "$PAY_WARMUP_SECONDS" \
    "$WORK/pay-warmup.txt" "$BANK_KEY" "$PAY_THREADS" "warm$RANDOM")
  warm_result=$(grep '^RESULT ' <<<"$out" || true)
  [[ $(result_field "$warm_result" status) == OK ]] || { printf '%s\n' "$out" >&2; FAILED=true; log "the payment warm-up FAILED"; }
  # The payment table was empty until the warm-up: statistics of a table in service (autovacuum would take a minute
  # or more to catch up here), or the plans cached on an empty table (the foreign keys' checks too) would read all
  # of it on every payment.
  psql_admin -d recauda -c "ANALYZE" >/dev/null
  log "(d) payments: ${PAY_SECONDS}s, $PAY_CLIENTS connections, $PAY_THREADS wrk threads"
  checkpoint
  pgss_reset
  snap=$(cpu_snapshot)
  children_cpu >"$WORK/children-before.txt"
  out=$(wrk_run bench/wrk-payments.lua "$PAY_THREADS" "$PAY_CLIENTS" "$PAY_SECONDS" \
    "$WORK/pay-measured.txt" "$BANK_KEY" "$PAY_THREADS" "run$RANDOM")
  delta=$(cpu_delta "$snap" "$(cpu_snapshot)")
  children_cpu >"$WORK/children-after.txt"
  wrk_cpu=$(awk -v a="$(cat "$WORK/children-before.txt")" -v b="$(cat "$WORK/children-after.txt")" 'BEGIN { printf "%.2f", b - a }')
  printf '%s\n' "$out" >&2
  result=$(grep '^RESULT ' <<<"$out" || true)
  # The database must agree with the answers: one APPLIED payment per 201, each of a distinct voucher. wrk stops
  # reading when its time is up, so each run may leave up to one unread answer per connection: those payments
  # were made (the database has them) but not counted.
  posted=$(( $(result_field "$warm_result" ok) + $(result_field "$result" ok) ))
  stored=$(psql_recauda -c "SELECT count(*) FROM payment WHERE entity_code = '$BANK_ENTITY' AND status = 'APPLIED'")
  paid=$(psql_recauda -c "SELECT count(DISTINCT voucher_reference) FROM payment WHERE entity_code = '$BANK_ENTITY'")
  unread=$(( stored - posted ))
  if [[ $(result_field "$result" status) != OK || $unread -lt 0 || $unread -gt $(( 2 * PAY_CLIENTS )) \
        || $paid -ne $stored ]]; then
    FAILED=true
    log "the payment benchmark FAILED: $posted answered 201; the database has $stored APPLIED payments of $paid vouchers"
    result=${result/status=OK/status=FAILED}
  else
    log "payments checked: $posted answered 201 ($unread more made but unread when wrk stopped); the database has $stored APPLIED payments of $paid distinct vouchers"
  fi
  units=$(result_field "$result" ok); [[ ${units:-0} -gt 0 ]] || units=1
  pgss_top "$units" payment
  cpu=$(cpu_text "$delta" "$wrk_cpu" "$units" payment)
  log "payments CPU: $cpu"
  PAY_ROWS+=("$(result_field "$result" status)|$(result_field "$result" req_per_s)|$(result_field "$result" ok)|$(result_field "$result" p50_ms)|$(result_field "$result" p90_ms)|$(result_field "$result" p99_ms)|$(result_field "$result" max_ms)|$cpu")
fi
if want payables; then
  log "(e) voucher queries warm-up: ${QUERY_WARMUP_SECONDS}s, $QUERY_CLIENTS connections (not measured)"
  out=$(wrk_run bench/wrk-payables.lua "$QUERY_THREADS" "$QUERY_CLIENTS" "$QUERY_WARMUP_SECONDS" \
    "$WORK/query-vouchers.txt" "$BANK_KEY")
  [[ $(result_field "$(grep '^RESULT ' <<<"$out" || true)" status) == OK ]] \
    || { printf '%s\n' "$out" >&2; FAILED=true; log "the voucher-query warm-up FAILED"; }
  # After (d) autovacuum has tens of thousands of updated rows to clean up; it would do it during this run.
  want payments && psql_admin -d recauda -c "VACUUM ANALYZE" >/dev/null
  log "(e) voucher queries: ${QUERY_SECONDS}s, $QUERY_CLIENTS connections, $QUERY_THREADS wrk threads"
  checkpoint
  pgss_reset
  snap=$(cpu_snapshot)
  children_cpu >"$WORK/children-before.txt"
  out=$(wrk_run bench/wrk-payables.lua "$QUERY_THREADS" "$QUERY_CLIENTS" "$QUERY_SECONDS" \
    "$WORK/query-vouchers.txt" "$BANK_KEY")
  delta=$(cpu_delta "$snap" "$(cpu_snapshot)")
  children_cpu >"$WORK/children-after.txt"
  wrk_cpu=$(awk -v a="$(cat "$WORK/children-before.txt")" -v b="$(cat "$WORK/children-after.txt")" 'BEGIN { printf "%.2f", b - a }')
  printf '%s\n' "$out" >&2
  result=$(grep '^RESULT ' <<<"$out" || true)
  [[ $(result_field "$result" status) == OK ]] || { FAILED=true; log "the voucher-query benchmark FAILED"; }
  units=$(result_field "$result" ok); [[ ${units:-0} -gt 0 ]] || units=1
  pgss_top "$units" query
  cpu=$(cpu_text "$delta" "$wrk_cpu" "$units" query)
  log "voucher queries CPU: $cpu"
  QUERY_ROWS+=("$(result_field "$result" status)|$(result_field "$result" req_per_s)|$(result_field "$result" ok)|$(result_field "$result" p50_ms)|$(result_field "$result" p90_ms)|$(result_field "$result" p99_ms)|$(result_field "$result" max_ms)|$cpu")

  log "(e) voucher queries at a fixed $QUERY_FIXED_RATE req/s: ${QUERY_FIXED_WARMUP_SECONDS}s warm-up, ${QUERY_FIXED_SECONDS}s measured"
  # The warm-up is a run of its own, so that the CPU measured below is that of the measured requests only.
  "${CLIENT[@]}" fixed-rate --url "$URL" --key "$BANK_KEY" --vouchers "$WORK/query-vouchers.txt" \
    --rate "$QUERY_FIXED_RATE" --seconds "$QUERY_FIXED_WARMUP_SECONDS" --warmup-seconds 0 >"$WORK/fixed-warmup.log" 2>&1 \
    || { cat "$WORK/fixed-warmup.log" >&2; FAILED=true; log "the fixed-rate warm-up FAILED"; }
  checkpoint
  snap=$(cpu_snapshot)
  children_cpu >"$WORK/children-before.txt"
  out=$("${CLIENT[@]}" fixed-rate --url "$URL" --key "$BANK_KEY" --vouchers "$WORK/query-vouchers.txt" \
    --rate "$QUERY_FIXED_RATE" --seconds "$QUERY_FIXED_SECONDS" --warmup-seconds 0 || true)
  delta=$(cpu_delta "$snap" "$(cpu_snapshot)")
  children_cpu >"$WORK/children-after.txt"
  client_cpu=$(awk -v a="$(cat "$WORK/children-before.txt")" -v b="$(cat "$WORK/children-after.txt")" 'BEGIN { printf "%.2f", b - a }')
  printf '%s\n' "$out" >&2
  result=$(grep '^RESULT ' <<<"$out" || true)
  [[ $(result_field "$result" status) == OK ]] || { FAILED=true; log "the fixed-rate voucher-query benchmark FAILED"; }
  units=$(result_field "$result" ok); [[ ${units:-0} -gt 0 ]] || units=1
  cpu=$(cpu_text "$delta" "$client_cpu" "$units" query)
  log "fixed-rate voucher queries CPU: $cpu"
  QUERY_FIXED_ROW="$(result_field "$result" status)|$(result_field "$result" req_per_s)|$(result_field "$result" ok)|$(result_field "$result" p50_ms)|$(result_field "$result" p90_ms)|$(result_field "$result" p99_ms)|$(result_field "$result" max_ms)|$cpu"
fi

# ------------------------------------------------------------------------------------ (g) payment SQL baseline
PAYSQL_ROWS=()
if want payment-sql; then
  log "(g) payment SQL baseline: seeding $PAYSQL_VOUCHERS vouchers of entity BENCH-SQL (bench/payment-sql-seed.sql)"
  "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d recauda -v count="$PAYSQL_VOUCHERS" \
    -f bench/payment-sql-seed.sql >/dev/null || die "the payment SQL seed failed"
  paysql_run() {  # paysql_run <seconds> <log>
    "$PGBENCH" -n -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -c "$PAY_CLIENTS" -j "$PAY_THREADS" -T "$1" -M prepared \
      -f "$PAYSQL_SCRIPT" recauda >"$2" 2>&1
  }
  paysql_run "$PAYSQL_WARMUP_SECONDS" "$WORK/paysql-warmup.log" || { cat "$WORK/paysql-warmup.log" >&2; die "pgbench (g) warm-up failed"; }
  # As in (d): statistics of the payments the warm-up made, not of an empty table.
  psql_admin -d recauda -c "ANALYZE" >/dev/null
  log "(g) payment SQL baseline: pgbench -f $PAYSQL_SCRIPT -c $PAY_CLIENTS -j $PAY_THREADS -T $PAY_SECONDS -M prepared"
  checkpoint
  snap=$(cpu_snapshot)
  children_cpu >"$WORK/children-before.txt"
  paysql_run "$PAY_SECONDS" "$WORK/paysql.log" || { cat "$WORK/paysql.log" >&2; die "pgbench (g) failed"; }
  pgbench_settled
  delta=$(cpu_delta "$snap" "$(cpu_snapshot)")
  children_cpu >"$WORK/children-after.txt"
  client_cpu=$(awk -v a="$(cat "$WORK/children-before.txt")" -v b="$(cat "$WORK/children-after.txt")" 'BEGIN { printf "%.2f", b - a }')
  tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$WORK/paysql.log")
  lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$WORK/paysql.log")
  tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/paysql.log")
  warm_tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/paysql-warmup.log")
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$WORK/paysql.log")
  stored=$(psql_recauda -c "SELECT count(*) FROM payment WHERE entity_code = 'BENCH-SQL' AND status = 'APPLIED'")
  paid=$(psql_recauda -c "SELECT count(*) FROM obligation WHERE debtor_id LIKE 'S%' AND status = 'PAID'")
  st=OK
  if [[ -z $tps || -z $tx || ${failed:-0} -ne 0 || $stored -ne $(( tx + warm_tx )) || $paid -ne $(( 2 * stored )) ]] \
      || grep -q 'aborted\|ERROR' "$WORK/paysql.log"; then
    st=FAILED; FAILED=true
    cat "$WORK/paysql.log" >&2
    log "the payment SQL baseline FAILED: pgbench processed $tx (+$warm_tx warm-up); the database has $stored payments and $paid paid obligations"
  else
    log "payment SQL baseline checked: $(( tx + warm_tx )) transactions, $stored payments, $paid obligations paid"
  fi
  tps=$(printf '%.1f' "${tps:-0}")
  cpu=$(cpu_text "$delta" "$client_cpu" "${tx:-1}" payment | sed 's/service JVM [^,]*, //; s/load client/pgbench/')
  log "(g) payment SQL baseline: $tps tps, latency average $lat ms; $cpu"
  PAYSQL_ROWS+=("$st|$tps|$lat|$cpu")
fi

# ---------------------------------------------------------------------------------------- (f) agreement checks
AGREEMENT_ROWS=()
if want agreements; then
  log "(f) seeding $AGREEMENT_COUNT active agreements ($AGREEMENT_DEFAULTING_PERCENT % defaulting) with COPY"
  out=$("${CLIENT[@]}" agreements-seed --count "$AGREEMENT_COUNT" --dir "$WORK" \
    --defaulting-percent "$AGREEMENT_DEFAULTING_PERCENT") || die "the agreement seed failed"
  expected=$(result_field "$(grep '^RESULT ' <<<"$out")" defaulting)
  # psql's \copy reads the files as this user; one line each (a meta-command ends at the line's end).
  psql_admin -d recauda -c "\\copy agreement (id, debtor_id, debtor_name, debtor_kind, status, signed_on, term_months, annual_rate, debt, down_payment, financed_amount, requires_approval, covered, schedule, activated_on, created_by, created_at, updated_at, version) FROM '$WORK/agreement.csv' WITH (FORMAT csv)" >/dev/null
  psql_admin -d recauda -c "\\copy obligation (id, debtor_id, debtor_name, type, stage, status, principal, principal_paid, interest_paid, due_date, description, version, created_at, updated_at, reserved_by, agreement_id, installment_number, principal_history) FROM '$WORK/obligation.csv' WITH (FORMAT csv)" >/dev/null
  psql_admin -d recauda -c "ANALYZE agreement; ANALYZE obligation" >/dev/null
  log "(f) agreement check of $(psql_recauda -c "SELECT count(*) FROM agreement WHERE status = 'ACTIVE'") active agreements ($expected should default)"
  checkpoint
  snap=$(cpu_snapshot)
  set +e
  out=$("${CLIENT[@]}" agreement-checks --url "$URL" --key "$API_KEY" --expect-defaulted "$expected")
  status=$?
  set -e
  delta=$(cpu_delta "$snap" "$(cpu_snapshot)")
  printf '%s\n' "$out" >&2
  result=$(grep '^RESULT ' <<<"$out" || true)
  # The database must agree: the defaulted agreements, their cancelled installments (4 to 12) and the reinstated
  # covered obligations, nothing else.
  defaulted=$(psql_recauda -c "SELECT count(*) FROM agreement WHERE status = 'DEFAULTED'")
  cancelled=$(psql_recauda -c "SELECT count(*) FROM obligation WHERE status = 'CANCELLED' AND installment_number > 0")
  # (Every FINE of the benchmark is a covered obligation: those of the defaulted agreements are PENDING again.)
  reinstated=$(psql_recauda -c "SELECT count(*) FROM obligation WHERE type = 'FINE' AND reserved_by IS NULL
    AND status = 'PENDING' AND interest_paid > 0")
  if [[ $status -ne 0 || $defaulted -ne $expected || $cancelled -ne $(( expected * 9 )) || $reinstated -ne $expected ]]; then
    FAILED=true
    result=${result/status=OK/status=FAILED}
    log "the agreement check FAILED: $defaulted DEFAULTED, $cancelled installments cancelled, $reinstated reinstated (expected $expected)"
  else
    log "agreement check verified: $defaulted DEFAULTED, $cancelled installments cancelled, $reinstated obligations reinstated"
  fi
  cpu=$(cpu_text "$delta" 0 "$(( AGREEMENT_COUNT / 1000 ))" "1,000 agreements")
  log "agreement check CPU: $cpu"
  AGREEMENT_ROWS+=("$(result_field "$result" status)|$(result_field "$result" seconds)|$expected|$cpu")
fi

# ---------------------------------------------------------------------------------------- (h) ministry batch
BATCH_ROW=""
BATCH_CPU=""
if want batch; then
  log "(h) set-up: a MINISTRY client, its signing key, $BATCH_LINES employers' contributions (not measured)"
  "${CLIENT[@]}" ministry-batch-setup --url "$URL" --key "$API_KEY" --lines "$BATCH_LINES" \
    --state "$WORK/batch-state.txt" >"$WORK/batch-setup.log" 2>&1 || { cat "$WORK/batch-setup.log" >&2; die "the batch set-up failed"; }
  # As for (d): the statistics of a database in service, not of tables filled a minute ago.
  psql_admin -d recauda -c "VACUUM ANALYZE" >/dev/null
  log "(h) a ministry's signed batch of $BATCH_LINES lines, from the 202 to COMPLETED"
  checkpoint
  snap=$(cpu_snapshot)
  set +e
  out=$("${CLIENT[@]}" ministry-batch --url "$URL" --state "$WORK/batch-state.txt" 2>&1)
  status=$?
  set -e
  BATCH_CPU=$(cpu_text "$(cpu_delta "$snap" "$(cpu_snapshot)")" 0 "$BATCH_LINES" line)
  printf '%s\n' "$out" >&2
  result=$(grep '^RESULT ' <<<"$out" || true)
  [[ $status -eq 0 && $(result_field "$result" status) == OK ]] || { FAILED=true; log "the ministry batch FAILED"; }
  # The database must agree: one payment per line, every contribution paid.
  if [[ $(result_field "$result" status) == OK ]]; then
    paid=$(psql_recauda -c "SELECT count(*) FROM payment WHERE channel = 'MINISTRY_BATCH' AND batch_id LIKE 'MEF-BENCH-%'")
    [[ $paid -eq $BATCH_LINES ]] || { FAILED=true; result=${result/status=OK/status=FAILED}; log "the ministry batch FAILED: $paid payments for $BATCH_LINES lines"; }
  fi
  BATCH_ROW="$(result_field "$result" status)|$(result_field "$result" settle_s)|$(result_field "$result" lines_per_s)|$(result_field "$result" post_s)|$(result_field "$result" bytes)"
fi

# ------------------------------------------------------------------------------------------ (i) legacy import
IMPORT_ROW=""
IMPORT_CPU=""
if want import; then
  log "(i) a legacy import of $IMPORT_ROWS rows, streamed"
  checkpoint
  snap=$(cpu_snapshot)
  set +e
  out=$("${CLIENT[@]}" legacy-import --url "$URL" --key "$API_KEY" --rows "$IMPORT_ROWS" \
    --management "http://127.0.0.1:$MANAGEMENT_PORT" 2>&1)
  status=$?
  set -e
  IMPORT_CPU=$(cpu_text "$(cpu_delta "$snap" "$(cpu_snapshot)")" 0 "$IMPORT_ROWS" row)
  printf '%s\n' "$out" >&2
  result=$(grep '^RESULT ' <<<"$out" || true)
  [[ $status -eq 0 && $(result_field "$result" status) == OK ]] || { FAILED=true; log "the legacy import FAILED"; }
  if [[ $(result_field "$result" status) == OK ]]; then
    made=$(psql_recauda -c "SELECT count(*) FROM obligation WHERE source_system = 'LEGACY'")
    [[ $made -eq $IMPORT_ROWS ]] || { FAILED=true; result=${result/status=OK/status=FAILED}; log "the legacy import FAILED: $made obligations for $IMPORT_ROWS rows"; }
  fi
  IMPORT_ROW="$(result_field "$result" status)|$(result_field "$result" total_s)|$(result_field "$result" rows_per_s)|$(result_field "$result" receive_s)|$(result_field "$result" mib)|$(result_field "$result" heap_before_mib)|$(result_field "$result" heap_max_used_mib)|$(result_field "$result" heap_max_live_mib)|$(result_field "$result" heap_live_before_mib)|$(result_field "$result" old_gen_before_mib)|$(result_field "$result" old_gen_max_mib)"
fi

# ------------------------------------------------------------------------------------------- (j) card debit
CARD_ROW=""
CARD_CPU=""
if want card; then
  CARD_DATE=$(TZ=America/Guayaquil date +%F)
  log "(j) set-up: $CARD_MANDATES card mandates due on $CARD_DATE, each debtor owing one overdue fine (COPY, not measured)"
  "${CLIENT[@]}" card-debit-seed --count "$CARD_MANDATES" --dir "$WORK" --date "$CARD_DATE" >/dev/null \
    || die "the card debit seed failed"
  psql_admin -d recauda -c "\\copy obligation (id, debtor_id, debtor_name, type, stage, status, principal, principal_paid, interest_paid, due_date, description, version, created_at, updated_at) FROM '$WORK/card_obligation.csv' WITH (FORMAT csv)" >/dev/null
  psql_admin -d recauda -c "\\copy card_mandate (id, debtor_id, processor_token, brand, last4, expiry_month, expiry_year, holder_name, debit_day, status, status_reason, retry_on, retries_left, created_at, created_by, updated_at, version) FROM '$WORK/card_mandate.csv' WITH (FORMAT csv)" >/dev/null
  psql_admin -d recauda -c "VACUUM ANALYZE" >/dev/null
  # The second instance: the same jar and settings, its own ports, on the same database.
  HTTP_PORT2=$(free_port)
  MANAGEMENT_PORT2=$(free_port)
  log "(j) starting a second instance on 127.0.0.1:$HTTP_PORT2 (management $MANAGEMENT_PORT2), same database"
  (cd "$WORK" && exec env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/recauda" \
    QUARKUS_DATASOURCE_USERNAME="$DB_USER" QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD" \
    RECAUDA_BOOTSTRAP_ADMIN_KEY=$API_KEY QUARKUS_HTTP_PORT=$HTTP_PORT2 QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT2 RECAUDA_RATE_LIMIT_ENABLED=$RATE_LIMIT_ENABLED \
    RECAUDA_CARD_DEBIT_PROCESSOR=simulated RECAUDA_CARD_DEBIT_SCHEDULE=false RECAUDA_CARD_DEBIT_EVERY=1s \
    RECAUDA_NOTIFICATIONS_EVERY=off \
    java $SERVICE_JAVA_OPTS -jar "$ROOT/target/quarkus-app/quarkus-run.jar") >"$WORK/service2.log" 2>&1 &
  SERVICE2_PID=$!
  "${CLIENT[@]}" ready --url "http://127.0.0.1:$MANAGEMENT_PORT2" --timeout-seconds "$READY_TIMEOUT_S" >/dev/null \
    || die "the second instance did not become ready in ${READY_TIMEOUT_S}s"
  log "(j) a card debit run of $CARD_DATE over $CARD_MANDATES mandates, two instances, from the 202 to COMPLETED"
  checkpoint
  snap=$(cpu_snapshot)
  second_before=$(tree_ticks "$SERVICE2_PID")
  set +e
  out=$("${CLIENT[@]}" card-debit --url "$URL" --key "$API_KEY" --date "$CARD_DATE" --mandates "$CARD_MANDATES" 2>&1)
  status=$?
  set -e
  delta=$(cpu_delta "$snap" "$(cpu_snapshot)")
  second_cpu=$(awk -v t=$(( $(tree_ticks "$SERVICE2_PID") - second_before )) -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }')
  CARD_CPU="$(cpu_text "$delta" "$second_cpu" "$CARD_MANDATES" mandate) (the \"load client\" figure is the second instance's JVM)"
  printf '%s\n' "$out" >&2
  result=$(grep '^RESULT ' <<<"$out" || true)
  [[ $status -eq 0 && $(result_field "$result" status) == OK ]] || { FAILED=true; log "the card debit run FAILED"; }
  # Each instance logs the mandates its workers took; the database must agree: one approved charge and one CARD
  # payment per mandate, no mandate twice.
  first=$(sed -n 's/.*Card debit: \([0-9]*\) mandates taken.*/\1/p' "$WORK/service.log" | awk '{ n += $1 } END { print n + 0 }')
  second=$(sed -n 's/.*Card debit: \([0-9]*\) mandates taken.*/\1/p' "$WORK/service2.log" | awk '{ n += $1 } END { print n + 0 }')
  charges=$(psql_recauda -c "SELECT count(*) FROM card_charge WHERE charge_date = '$CARD_DATE' AND status = 'APPROVED'")
  distinct=$(psql_recauda -c "SELECT count(DISTINCT mandate_id) FROM card_charge WHERE charge_date = '$CARD_DATE'")
  payments=$(psql_recauda -c "SELECT count(*) FROM payment WHERE channel = 'CARD' AND business_date = '$CARD_DATE'")
  log "(j) taken by the first instance: $first, by the second: $second; approved charges $charges, distinct mandates $distinct, CARD payments $payments"
  if [[ $(result_field "$result" status) == OK ]] && [[ $charges -ne $CARD_MANDATES || $distinct -ne $CARD_MANDATES \
        || $payments -ne $CARD_MANDATES || $(( first + second )) -ne $CARD_MANDATES ]]; then
    FAILED=true; result=${result/status=OK/status=FAILED}; log "the card debit run FAILED: the database or the instances disagree"
  fi
  CARD_ROW="$(result_field "$result" status)|$(result_field "$result" seconds)|$(result_field "$result" mandates_per_s)|$first|$second|$payments"
  kill -TERM "$SERVICE2_PID" 2>/dev/null || true
fi

REPORT_ROWS=()
REPORT_LOAD_S=""
REPORT_SIZES=""
if want reports; then
  . "$ROOT/bench/reports-seed.sh"
  started=$SECONDS
  reports_seed
  log "(k) VACUUM ANALYZE and the first fold of the summaries' deltas (not measured)"
  psql_admin -d recauda -c "VACUUM ANALYZE" >/dev/null
  folded=$(psql_recauda -c "SELECT fold_report_deltas()")
  REPORT_LOAD_S=$(( SECONDS - started ))
  REPORT_SIZES=$(psql_recauda -F' ' -c "SELECT (SELECT count(*) FROM payment), (SELECT count(*) FROM obligation),
      (SELECT count(*) FROM payment_allocation), (SELECT count(*) FROM report_payment_day),
      (SELECT count(*) FROM report_allocation_day), pg_size_pretty(pg_database_size('recauda'))")
  log "(k) loaded in ${REPORT_LOAD_S} s ($folded deltas folded): payments, obligations, allocations, summary rows (payments, allocations), database size: $REPORT_SIZES"
  checkpoint
  # Each report: its URL (2025, or as of today), and the same figures from the ledgers in one SQL statement.
  in_2025="status = 'APPLIED' AND business_date BETWEEN '2025-01-01' AND '2025-12-31'"
  by() { echo "SELECT $1, count(*), sum(amount) FROM payment WHERE $in_2025 GROUP BY 1"; }
  ledger_allocations="SELECT o.type, a.stage, p.business_date > o.due_date, count(*), sum(a.principal), sum(a.interest) FROM payment_allocation a JOIN payment p ON p.id = a.payment_id JOIN obligation o ON o.id = a.obligation_id WHERE p.${in_2025//business_date/p.business_date} GROUP BY 1, 2, 3"
  REPORTS=(
    "collections?groupBy=day|$(by business_date)"
    "collections?groupBy=month|$(by "date_trunc('month', business_date)")"
    "collections?groupBy=year|$(by "date_trunc('year', business_date)")"
    "collections?groupBy=channel|$(by channel)"
    "collections?groupBy=entity|$(by entity_code)"
    "collections?groupBy=obligationType|$ledger_allocations"
    "collections?groupBy=concept|$ledger_allocations"
    "collections/year-over-year?year=2025|SELECT date_trunc('month', business_date), sum(amount) FROM payment WHERE status = 'APPLIED' AND business_date BETWEEN '2024-01-01' AND '2025-12-31' GROUP BY 1"
    "recovery?|$ledger_allocations"
    "portfolio-aging?|SELECT type, stage, count(*), sum(principal - principal_paid) FROM obligation WHERE status = 'PENDING' AND due_date < current_date GROUP BY 1, 2"
    "agreements?|SELECT status, count(*), sum(debt) FROM agreement GROUP BY 1"
    "card-debit?|SELECT status, count(*), sum(amount) FROM card_charge WHERE charge_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1"
    "public-sector?|SELECT l.status, count(*), sum(l.amount) FROM ministry_batch_line l JOIN ministry_batch b USING (batch_id) WHERE b.value_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1"
    "channels?|$(by entity_code)"
    "collections?groupBy=day (CSV)|$(by business_date)"
  )
  REPORT_ROWS=()
  for entry in "${REPORTS[@]}"; do
    path=${entry%%|*}; sql=${entry#*|}
    accept=application/json
    [[ $path == *"(CSV)" ]] && { accept=text/csv; path=${path% (CSV)}; }
    query=${path#*\?}; path=${path%%\?*}
    [[ $path == portfolio-aging || $path == agreements || $path == collections/year-over-year ]] \
      || query="from=2025-01-01&to=2025-12-31${query:+&$query}"
    target="$URL/api/v1/reports/$path?$query"
    times=()
    st=OK
    for i in $(seq 0 "$REPORT_REQUESTS"); do
      out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $API_KEY" \
        -H "Accept: $accept" "$target")
      [[ ${out%% *} == 200 ]] || { st=FAILED; FAILED=true; log "(k) $target answered ${out%% *}"; }
      (( i > 0 )) && times+=("$(awk -v s="${out#* }" 'BEGIN { printf "%.1f", s * 1000 }')")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    slowest=$(printf '%s\n' "${times[@]}" | sort -n | tail -n 1)
    ledger=()
    for i in 0 1 2; do
      t0=$(date +%s%N)
      psql_recauda -c "$sql" >/dev/null
      ledger+=("$(( ($(date +%s%N) - t0) / 100000 ))")
    done
    ledger_ms=$(printf '%s\n' "${ledger[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 10 }')
    label="$path${query:+?$query}"; [[ $accept == text/csv ]] && label="$label (CSV)"
    log "(k) $label: median ${median} ms, slowest ${slowest} ms; the ledgers' SQL ${ledger_ms} ms"
    REPORT_ROWS+=("$st|$label|$median|$slowest|$ledger_ms")
  done
fi

# --------------------------------------------------------------------------------------------------------- summary
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
verdict_min() { awk -v s="$1" -v v="$2" -v t="$3" 'BEGIN { if (s != "OK" || v == "") print "FAILED (requests failed)"; else print (v >= t ? "MET" : "NOT MET") }'; }
verdict_max() { awk -v s="$1" -v v="$2" -v t="$3" 'BEGIN { if (s != "OK" || v == "") print "FAILED (requests failed)"; else print (v < t ? "MET" : "NOT MET") }'; }
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
CPU_MHZ=$(awk -F': ' '/^cpu MHz/ { printf "%.0f MHz", $2; exit }' /proc/cpuinfo)
JAVA_VERSION=$(java -version 2>&1 | head -n 1)
MEM_TOTAL=$(free -h | awk '/^Mem:/ {print $2}')
DATE=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
$QUICK && MODE="quick (smoke run; numbers are not comparable)" || MODE="full"
[[ $DB == embedded ]] && MODE="$MODE, default install (the service's embedded PostgreSQL, no database configured)"

SUMMARY=$(
  echo "# Recauda benchmark, $DATE"
  echo
  echo "- Mode: $MODE; commit $COMMIT"
  echo "- Machine: $(nproc) CPUs ($CPU_MODEL${CPU_MHZ:+, $CPU_MHZ}), $MEM_TOTAL RAM, $(uname -sr); $JAVA_VERSION; $PG_VERSION"
  echo "- Load average before / after: $LOAD_BEFORE / $LOAD_AFTER"
  echo "- PostgreSQL: $PG_SETTINGS; service JVM: $SERVICE_JAVA_OPTS; rate limits: $RATE_LIMITS; service, database and clients on one machine, 127.0.0.1"
  echo
  echo "| Benchmark | Result | Ratio to pgbench tps | Target | Verdict |"
  echo "|---|---|---|---|---|"
  echo "| (a) pgbench TPC-B, scale $PGBENCH_SCALE, $PGBENCH_CLIENTS clients, ${PGBENCH_SECONDS} s | $PGBENCH_TPS tps (latency avg $PGBENCH_LAT ms) | 1 | baseline | |"
  for row in "${BULK_ROWS[@]}"; do
    IFS='|' read -r c st per_s secs p50 max _ <<<"$row"
    echo "| (b) bulk load, $BULK_TOTAL obligations in requests of $BULK_BATCH, $c client(s) | **${per_s:-FAILED} obligations/s** (${secs:-?} s; per request p50 ${p50:-?} ms, max ${max:-?} ms) | $(ratio "$per_s" "$PGBENCH_TPS") | ≥ $TARGET_BULK_PER_S/s | $(verdict_min "$st" "$per_s" "$TARGET_BULK_PER_S") |"
  done
  for row in "${STATEMENT_ROWS[@]}"; do
    IFS='|' read -r c st rps p50 p90 p99 max _ <<<"$row"
    echo "| (c) statement of $STATEMENT_OBLIGATIONS lines, $c client(s), $STATEMENT_REQUESTS requests | ${rps:-FAILED} req/s; p50 ${p50:-?} ms, p90 ${p90:-?} ms, **p99 ${p99:-?} ms**, max ${max:-?} ms | $(ratio "$rps" "$PGBENCH_TPS") (req/s) | p99 < $TARGET_STATEMENT_P99_MS ms | $(verdict_max "$st" "$p99" "$TARGET_STATEMENT_P99_MS") |"
  done
  for row in "${PAY_ROWS[@]}"; do
    IFS='|' read -r st rps n p50 p90 p99 max _ <<<"$row"
    echo "| (d) payments, $PAY_CLIENTS bank connections, ${PAY_SECONDS} s | **${rps:-FAILED} payments/s** (${n:-?} payments); p50 ${p50:-?} ms, p90 ${p90:-?} ms, **p99 ${p99:-?} ms**, max ${max:-?} ms | **$(ratio "$rps" "$PGBENCH_TPS")** | ≥ $TARGET_PAY_RATIO × tps, p99 < $TARGET_PAY_P99_MS ms | $(verdict_min "$st" "$(ratio "$rps" "$PGBENCH_TPS")" "$TARGET_PAY_RATIO") / $(verdict_max "$st" "$p99" "$TARGET_PAY_P99_MS") |"
  done
  for row in "${QUERY_ROWS[@]}"; do
    IFS='|' read -r st rps n p50 p90 p99 max _ <<<"$row"
    echo "| (e) payables?reference=, $QUERY_CLIENTS connections, ${QUERY_SECONDS} s | **${rps:-FAILED} req/s**; p50 ${p50:-?} ms, p90 ${p90:-?} ms, **p99 ${p99:-?} ms**, max ${max:-?} ms | $(ratio "$rps" "$PGBENCH_TPS") | ≥ $TARGET_QUERY_PER_S req/s (at saturation: the latency is not the target's) | $(verdict_min "$st" "$rps" "$TARGET_QUERY_PER_S") |"
  done
  if [[ -n $QUERY_FIXED_ROW ]]; then
    IFS='|' read -r st rps n p50 p90 p99 max _ <<<"$QUERY_FIXED_ROW"
    echo "| (e) payables?reference= at a fixed $QUERY_FIXED_RATE req/s, ${QUERY_FIXED_SECONDS} s, latency from each request's due time | ${rps:-FAILED} req/s answered (${n:-?}); p50 ${p50:-?} ms, p90 ${p90:-?} ms, **p99 ${p99:-?} ms**, max ${max:-?} ms | $(ratio "$rps" "$PGBENCH_TPS") | p99 < $TARGET_QUERY_P99_MS ms at $QUERY_FIXED_RATE req/s | $(verdict_max "$st" "$p99" "$TARGET_QUERY_P99_MS") |"
  fi
  for row in "${PAYSQL_ROWS[@]}"; do
    IFS='|' read -r st tps lat _ <<<"$row"
    pay_rps=""
    for prow in "${PAY_ROWS[@]}"; do IFS='|' read -r _ pay_rps _ <<<"$prow"; done
    echo "| (g) payment SQL baseline: the SQL of one payment, pgbench, $PAY_CLIENTS clients, ${PAY_SECONDS} s | $([[ $st == OK ]] || echo "FAILED: ")${tps} tps (latency avg ${lat:-?} ms); (d) reached **$(ratio "$pay_rps" "$tps")** of it | $(ratio "$tps" "$PGBENCH_TPS") | (d) ≥ $TARGET_PAY_SQL_RATIO × (g) | $(verdict_min "$st" "$(ratio "$pay_rps" "$tps")" "$TARGET_PAY_SQL_RATIO") |"
  done
  for row in "${AGREEMENT_ROWS[@]}"; do
    IFS='|' read -r st secs n _ <<<"$row"
    per_s=$(awk -v c="$AGREEMENT_COUNT" -v t="$secs" 'BEGIN { if (t > 0) printf "%.0f", c / t }')
    echo "| (f) agreement check, $AGREEMENT_COUNT active agreements, $n default | **${secs:-FAILED} s** (${per_s:-?} agreements/s) | $(ratio "$per_s" "$PGBENCH_TPS") (agreements/s) | < $TARGET_AGREEMENT_CHECK_S s | $(verdict_max "$st" "$secs" "$TARGET_AGREEMENT_CHECK_S") |"
  done
  if [[ -n $BATCH_ROW ]]; then
    IFS='|' read -r st secs per_s post bytes <<<"$BATCH_ROW"
    echo "| (h) ministry batch, $BATCH_LINES lines ($(awk -v b="${bytes:-0}" 'BEGIN { printf "%.1f", b / 1048576 }') MiB, signed), from the 202 to COMPLETED | **${secs:-FAILED} s** (**${per_s:-?} lines/s**; the POST itself ${post:-?} s) | **$(ratio "$per_s" "$PGBENCH_TPS")** (lines/s) | < $TARGET_BATCH_S s | $(verdict_max "$st" "$secs" "$TARGET_BATCH_S") |"
  fi
  if [[ -n $IMPORT_ROW ]]; then
    IFS='|' read -r st secs per_s recv mib hb hu hl hlb ob om <<<"$IMPORT_ROW"
    # Memory flat: the old generation (what outlives the young collections) grew by less than half the file.
    grew=$(awk -v a="${ob:-0}" -v b="${om:-0}" 'BEGIN { printf "%.0f", b - a }')
    flat=$(awk -v g="$grew" -v f="${mib:-0}" 'BEGIN { print (g < f / 2 ? "yes" : "no") }')
    echo "| (i) legacy import, $IMPORT_ROWS rows (${mib:-?} MiB of CSV, streamed), from the first byte to COMPLETED | **${secs:-FAILED} s** (${per_s:-?} rows/s; file received and judged in ${recv:-?} s); heap: ${hb:-?} MiB used before (${hlb:-?} MiB live at the last collection), at most ${hu:-?} MiB used during it, at most ${hl:-?} MiB live after a collection; **the old generation ${ob:-?} MiB before, at most ${om:-?} MiB** ($SERVICE_JAVA_OPTS) | $(ratio "$per_s" "$PGBENCH_TPS") (rows/s) | < $TARGET_IMPORT_S s, memory flat (old generation grown by less than half the file) | $(verdict_max "$st" "$secs" "$TARGET_IMPORT_S")$([[ $flat == yes ]] || echo " / NOT MET (memory: +$grew MiB)") |"
  fi
  if [[ -n $CARD_ROW ]]; then
    IFS='|' read -r st secs per_s first second paid <<<"$CARD_ROW"
    echo "| (j) card debit run, $CARD_MANDATES mandates, simulated processor, two instances, from the 202 to COMPLETED | **${secs:-FAILED} s** (${per_s:-?} mandates/s; taken ${first:-?} + ${second:-?} by the two instances; ${paid:-?} CARD payments) | $(ratio "$per_s" "$PGBENCH_TPS") (mandates/s) | < $TARGET_CARD_DEBIT_S s, both instances working, each mandate once | $(verdict_max "$st" "$secs" "$TARGET_CARD_DEBIT_S")$([[ ${first:-0} -gt 0 && ${second:-0} -gt 0 ]] || echo " / NOT MET (one instance did it all)") |"
  fi
  for row in "${REPORT_ROWS[@]}"; do
    IFS='|' read -r st label median slowest ledger <<<"$row"
    echo "| (k) report \`$label\`, $REPORT_PAYMENTS payments, $REPORT_OBLIGATIONS obligations ($REPORT_OPEN open), $REPORT_REQUESTS requests | median ${median:-?} ms, **slowest ${slowest:-FAILED} ms**; the same figures from the ledgers in SQL: ${ledger:-?} ms | $(ratio "$slowest" "$ledger") × the ledgers' SQL | < $TARGET_REPORT_MS ms | $(verdict_max "$st" "$slowest" "$TARGET_REPORT_MS") |"
  done
  if [[ -n $SETUP_RESULT ]]; then
    echo
    echo "Setup of (d) and (e): $(result_field "$SETUP_RESULT" vouchers) vouchers issued through payables?debtorId= with $(result_field "$SETUP_RESULT" clients) clients: $(result_field "$SETUP_RESULT" req_per_s) req/s, p50 $(result_field "$SETUP_RESULT" p50_ms) ms, p99 $(result_field "$SETUP_RESULT" p99_ms) ms (not a target)."
  fi
  echo
  echo "Where the CPU went ($(nproc) CPUs: $(nproc) CPU-s per second of wall time):"
  echo
  echo "- (a) pgbench: $PGBENCH_CPU"
  for row in "${BULK_ROWS[@]}"; do
    IFS='|' read -r c _ _ _ _ _ cpu <<<"$row"
    echo "- (b) bulk, $c client(s): $cpu"
  done
  for row in "${STATEMENT_ROWS[@]}"; do
    IFS='|' read -r c _ _ _ _ _ _ cpu <<<"$row"
    echo "- (c) statement, $c client(s), warm-up included: $cpu"
  done
  for row in "${PAY_ROWS[@]}"; do
    IFS='|' read -r _ _ _ _ _ _ _ cpu <<<"$row"
    echo "- (d) payments (load client: wrk): $cpu"
  done
  for row in "${QUERY_ROWS[@]}"; do
    IFS='|' read -r _ _ _ _ _ _ _ cpu <<<"$row"
    echo "- (e) voucher queries (load client: wrk): $cpu"
  done
  if [[ -n $QUERY_FIXED_ROW ]]; then
    IFS='|' read -r _ _ _ _ _ _ _ cpu <<<"$QUERY_FIXED_ROW"
    echo "- (e) voucher queries at $QUERY_FIXED_RATE req/s (load client: BenchClient fixed-rate): $cpu"
  fi
  for row in "${PAYSQL_ROWS[@]}"; do
    IFS='|' read -r _ _ _ cpu <<<"$row"
    echo "- (g) payment SQL baseline: $cpu"
  done
  for row in "${AGREEMENT_ROWS[@]}"; do
    IFS='|' read -r _ _ _ cpu <<<"$row"
    echo "- (f) agreement check: $cpu"
  done
  [[ -n $BATCH_CPU ]] && echo "- (h) ministry batch (the POST and the settling; \"load client\" not counted): $BATCH_CPU"
  [[ -n $IMPORT_CPU ]] && echo "- (i) legacy import (writing the file apart; \"load client\" not counted): $IMPORT_CPU"
  [[ -n $CARD_CPU ]] && echo "- (j) card debit run (the first instance as \"service JVM\"): $CARD_CPU"
  [[ -n $REPORT_LOAD_S ]] && echo "- (k) data generated and loaded with COPY in $REPORT_LOAD_S s (VACUUM ANALYZE and the first fold included); payments, obligations, allocations, summary rows of payments and of allocations, database size: $REPORT_SIZES"
  for f in "$WORK"/top-bulk-*.txt; do
    [[ -s $f ]] || continue
    c=${f##*top-bulk-}; c=${c%.txt}
    echo
    echo "\`top\` during the bulk load with $c client(s):"
    echo
    echo '```'
    cat "$f"
    echo '```'
  done
  $FAILED && { echo; echo "**Some requests FAILED: the numbers above are not valid.**"; }
  true
)
echo
echo "$SUMMARY"
mkdir -p bench/results
RESULT_FILE=bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)$([[ $DB == embedded ]] && echo -default-install || true)$($QUICK && echo -quick || true)$($FAILED && echo -FAILED || true).md
echo "$SUMMARY" >"$RESULT_FILE"
log "written to $RESULT_FILE"
$FAILED && exit 1
exit 0
