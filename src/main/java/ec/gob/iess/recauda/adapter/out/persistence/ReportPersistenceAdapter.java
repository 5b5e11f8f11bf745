package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.out.Reports;
import ec.gob.iess.recauda.application.port.out.Transactions;
import ec.gob.iess.recauda.domain.agreement.AgreementStatus;
import ec.gob.iess.recauda.domain.card.CardCharge;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.report.AgingBucket;
import ec.gob.iess.recauda.domain.report.AgreementsReport;
import ec.gob.iess.recauda.domain.report.Amount;
import ec.gob.iess.recauda.domain.report.ChannelsReport;
import ec.gob.iess.recauda.domain.report.CollectionGrouping;
import ec.gob.iess.recauda.domain.report.CollectionRow;
import ec.gob.iess.recauda.domain.report.CountAmount;
import ec.gob.iess.recauda.domain.report.PortfolioAging;
import ec.gob.iess.recauda.domain.report.PublicSectorReport;
import ec.gob.iess.recauda.domain.report.ReportPeriod;
import ec.gob.iess.recauda.domain.shared.Money;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The reports' reads in plain SQL (ADR 0011, ADR 0015): collections from the day summaries plus the deltas not folded
 * yet (one statement, so exact at any moment), the open portfolio from the table the database keeps of it (V19), read
 * in parts at once in one snapshot, the rest from their own
 * tables by date. Long answers are read through a cursor, a few hundred rows at a time.
 */
@ApplicationScoped
class ReportPersistenceAdapter implements Reports {

    private static final int FETCH = 500;

    /** The payments by day: summary rows and deltas not folded yet, of a period (four date parameters). */
    private static final String PAYMENT_DAYS = """
            (SELECT day, channel, entity_code, payments, amount, reversals, reversed_amount
               FROM report_payment_day WHERE day BETWEEN ? AND ?
             UNION ALL
             SELECT day, channel, entity_code, payments, amount, reversals, reversed_amount
               FROM report_payment_delta WHERE day BETWEEN ? AND ?) x""";

    /** What the payments paid by day, the same way. */
    private static final String ALLOCATION_DAYS = """
            (SELECT day, obligation_type, concept, stage, overdue, allocations, principal, interest
               FROM report_allocation_day WHERE day BETWEEN ? AND ?
             UNION ALL
             SELECT day, obligation_type, concept, stage, overdue, allocations, principal, interest
               FROM report_allocation_delta WHERE day BETWEEN ? AND ?) x""";

    /** What {@code pg_export_snapshot()} returns, checked before it is spelt into a statement. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-F]{1,16}(-[0-9A-F]{1,16}){1,2}");

    /** Past the last block any table can have: the last slice's end. */
    private static final String LAST_TID = "(4294967295,0)";

    private final Jdbc jdbc;
    private final ObligationRows rows;
    private final ObjectMapper json;
    private final Transactions transactions;
    private final int parts;
    /** The parts' readers; one read of the open portfolio at a time, so as many threads as parts. */
    private final ExecutorService partReaders;
    private final Semaphore openPortfolioReads = new Semaphore(1, true);

    ReportPersistenceAdapter(Jdbc jdbc, ObligationRows rows, ObjectMapper json, Transactions transactions,
                             @ConfigProperty(name = "recauda.reports.aging-parts", defaultValue = "2") int parts) {
        if (parts < 1 || parts > 16) {
            throw new IllegalArgumentException("recauda.reports.aging-parts must be 1 to 16, not " + parts);
        }
        this.jdbc = jdbc;
        this.rows = rows;
        this.json = json;
        this.transactions = transactions;
        this.parts = parts;
        AtomicInteger named = new AtomicInteger();
        this.partReaders = Executors.newFixedThreadPool(parts, r -> {
            Thread t = new Thread(r, "recauda-aging-part-" + named.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        partReaders.shutdownNow();
    }

    @Override
    public void collections(ReportPeriod period, CollectionGrouping by, Consumer<CollectionRow> sink) {
        String sql = by.byPayment()
                ? "SELECT " + paymentKey(by) + " AS key, sum(payments) AS n, sum(amount) AS amount FROM "
                        + PAYMENT_DAYS + " GROUP BY 1 HAVING sum(payments) <> 0 OR sum(amount) <> 0 ORDER BY 1"
                : "SELECT " + allocationKey(by) + " AS key, sum(allocations) AS n, sum(principal + interest) AS amount"
                        + " FROM " + ALLOCATION_DAYS
                        + " GROUP BY 1 HAVING sum(allocations) <> 0 OR sum(principal + interest) <> 0 ORDER BY 1";
        stream(sql, ps -> bindPeriodTwice(ps, 1, period),
                rs -> new CollectionRow(rs.getString("key"), rs.getLong("n"), money(rs, "amount")), sink);
    }

    private static String paymentKey(CollectionGrouping by) {
        return switch (by) {
            case DAY -> "to_char(day, 'YYYY-MM-DD')";
            case MONTH -> "to_char(day, 'YYYY-MM')";
            case YEAR -> "to_char(day, 'YYYY')";
            case CHANNEL -> "channel::text COLLATE \"C\"";
            case ENTITY -> "(CASE WHEN entity_code = '' THEN '" + CollectionGrouping.CHANNEL_PREFIX
                    + "' || channel ELSE entity_code END) COLLATE \"C\"";
            default -> throw new IllegalArgumentException(by.name());
        };
    }

    private static String allocationKey(CollectionGrouping by) {
        return switch (by) {
            case OBLIGATION_TYPE -> "obligation_type::text COLLATE \"C\"";
            case CONCEPT -> "(CASE WHEN concept = '' THEN '" + CollectionGrouping.TYPE_PREFIX
                    + "' || obligation_type ELSE concept END) COLLATE \"C\"";
            default -> throw new IllegalArgumentException(by.name());
        };
    }

    @Override
    public Amount[] monthlyTotals(int year) {
        Amount[] months = new Amount[12];
        Arrays.fill(months, Amount.ZERO);
        ReportPeriod period = ReportPeriod.year(year);
        jdbc.query("SELECT extract(month FROM day)::int AS month, sum(amount) AS amount FROM " + PAYMENT_DAYS
                + " GROUP BY 1", ps -> bindPeriodTwice(ps, 1, period), rs -> {
                    months[rs.getInt("month") - 1] = money(rs, "amount");
                    return null;
                });
        return months;
    }

    @Override
    public List<PaidGroup> paidGroups(ReportPeriod period) {
        return jdbc.query("SELECT obligation_type, stage, overdue, sum(allocations) AS n, sum(principal) AS principal,"
                        + " sum(interest) AS interest FROM " + ALLOCATION_DAYS + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                ps -> bindPeriodTwice(ps, 1, period),
                rs -> new PaidGroup(ObligationType.valueOf(rs.getString("obligation_type")),
                        ObligationStage.valueOf(rs.getString("stage")), rs.getBoolean("overdue"), rs.getLong("n"),
                        money(rs, "principal"), money(rs, "interest")));
    }

    @Override
    public <T> T readOpenPortfolio(Function<OpenPortfolio, T> work) {
        try {
            openPortfolioReads.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to read the open portfolio", e);
        }
        try {
            return inOneSnapshot(() -> work.apply(new SnapshotPortfolio()));
        } finally {
            openPortfolioReads.release();
        }
    }

    /**
     * The open portfolio in the snapshot of the current transaction. Its parts are slices of the blocks of
     * {@code open_obligation} (a TID range scan each, so every row version is in one slice), read at once, each in
     * a transaction of its own on its own connection that imports the snapshot this one exports.
     */
    private final class SnapshotPortfolio implements OpenPortfolio {

        @Override
        public Optional<LocalDate> earliestDueDate(LocalDate asOf) {
            // min() of no rows is one row holding NULL: no obligation is due before asOf.
            List<LocalDate> first = jdbc.query("SELECT min(due_date) AS first FROM open_obligation WHERE due_date < ?",
                    ps -> ps.setObject(1, asOf), rs -> rs.getObject("first", LocalDate.class));
            return Optional.ofNullable(first.get(0));
        }

        @Override
        public List<InAgreementGroup> inAgreement() {
            return jdbc.query("SELECT type, stage, count(*) AS n, sum(principal - principal_paid) AS principal"
                            + " FROM obligation WHERE reserved_by IS NOT NULL AND status = 'IN_AGREEMENT'"
                            + " GROUP BY 1, 2 ORDER BY 1, 2", ps -> { },
                    rs -> new InAgreementGroup(ObligationType.valueOf(rs.getString("type")),
                            ObligationStage.valueOf(rs.getString("stage")), rs.getLong("n"), money(rs, "principal")));
        }

        @Override
        public <T> List<T> inParts(Function<OpenPart, T> part) {
            String snapshot = jdbc.one("SELECT pg_export_snapshot() AS id", ps -> { }, rs -> rs.getString("id"))
                    .filter(id -> SNAPSHOT_ID.matcher(id).matches())
                    .orElseThrow(() -> new IllegalStateException("the database exported no usable snapshot"));
            // Rows visible in this snapshot were written before it was taken, so the size read now covers them; the
            // last slice is open-ended all the same.
            long blocks = jdbc.one("SELECT pg_relation_size('open_obligation') / current_setting('block_size')::bigint"
                    + " AS blocks", ps -> { }, rs -> rs.getLong("blocks")).orElse(0L);
            // The server processes of the parts still reading, so that a failed part can stop the others' statements
            // (an interrupt does not reach a thread blocked in a JDBC read). A part is in the set only while it
            // reads (out of it before its transaction ends, so a cancel never reaches a pooled connection another
            // request has taken), and none starts reading once one has failed: both under one lock.
            Object guard = new Object();
            Set<Integer> reading = new HashSet<>();
            AtomicBoolean failed = new AtomicBoolean();
            CompletionService<T> running = new ExecutorCompletionService<>(partReaders);
            for (int i = 0; i < parts; i++) {
                String from = "(" + blocks * i / parts + ",0)";
                String to = i == parts - 1 ? LAST_TID : "(" + blocks * (i + 1) / parts + ",0)";
                running.submit(() -> transactions.inNew(() -> {
                    int pid = importSnapshot(snapshot);
                    synchronized (guard) {
                        if (failed.get()) {
                            throw new IllegalStateException("another part of the open portfolio failed");
                        }
                        reading.add(pid);
                    }
                    try {
                        return part.apply(new BlockSlice(from, to, failed));
                    } finally {
                        synchronized (guard) {
                            reading.remove(pid);
                        }
                    }
                }));
            }
            // Every part is waited for, failed or not, before this transaction (the snapshot's exporter) ends and
            // before the next read of the portfolio may start: none is left running on a connection of its own. They
            // are taken as they finish, so the first to fail stops the others at once.
            List<T> made = new ArrayList<>(parts);
            RuntimeException failure = null;
            boolean interrupted = false;
            int finished = 0;
            while (finished < parts) {
                Future<T> f;
                try {
                    f = running.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                    continue;
                }
                finished++;
                try {
                    made.add(f.get());
                } catch (InterruptedException e) {
                    interrupted = true; // not reached: a future taken from the completion service is done
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException("a part of the open portfolio failed", e.getCause());
                        stopOthers(guard, failed, reading, failure);
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return made;
        }
    }

    /** Stops the parts still reading: their statements cancelled on the server; a cancel that fails is recorded. */
    private void stopOthers(Object guard, AtomicBoolean failed, Set<Integer> reading, RuntimeException failure) {
        synchronized (guard) {
            failed.set(true);
            for (int pid : reading) {
                try {
                    jdbc.one("SELECT pg_cancel_backend(?) AS cancelled", ps -> ps.setInt(1, pid),
                            rs -> rs.getBoolean("cancelled"));
                } catch (RuntimeException cancel) {
                    failure.addSuppressed(cancel);
                }
            }
        }
    }

    /**
     * The first statements of a part's transaction: the exported snapshot, and the settings of the aging's reads;
     * returns the part's server process id.
     */
    private int importSnapshot(String snapshot) {
        jdbc.update("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", ps -> { });
        jdbc.update("SET TRANSACTION SNAPSHOT '" + snapshot + "'", ps -> { });
        readSettings();
        // The parts are the aging's parallelism: a plan's own workers would only compete with the other parts.
        jdbc.update("SET LOCAL max_parallel_workers_per_gather = 0", ps -> { });
        return jdbc.one("SELECT pg_backend_pid() AS pid", ps -> { }, rs -> rs.getInt("pid")).orElseThrow();
    }

    /**
     * The obligations of {@code open_obligation} stored in the blocks from {@code from} to before {@code to}; none is
     * read once another part has failed.
     */
    private final class BlockSlice implements OpenPart {
        private final String from;
        private final String to;
        private final AtomicBoolean failed;

        BlockSlice(String from, String to, AtomicBoolean failed) {
            this.from = from;
            this.to = to;
            this.failed = failed;
        }

        private void checkNoneFailed() {
            if (failed.get()) {
                throw new IllegalStateException("another part of the open portfolio failed");
            }
        }

        @Override
        public List<OpenGroup> withoutHistory(LocalDate asOf, LocalDate firstDueDate, BigDecimal[] rateDays) {
            checkNoneFailed();
            // The interest of each obligation is its principal times its due date's rate-days over 365, rounded
            // HALF_UP to cents once, less the interest paid, never below zero: ArrearsInterest.accrued for an
            // obligation nothing moved (no principal history), as ReportsHttpTest checks obligation by obligation.
            // In cents, with the rate-days as whole numbers of their smallest unit (10^-s): principal x units / D,
            // D = 365 x 10^s, is the same quotient, and (2 x principal x units + D) / (2D) in integers rounds it
            // HALF_UP exactly. Where that product could pass 64 bits (a principal over the limit) the same quotient
            // is taken in numeric: units times 10^-s written with three more decimals than its own, since PostgreSQL
            // divides to at least the dividend's scale, and three more leave its quotient closer to the exact one
            // than any half cent can be to it, so the one rounding is the domain's. An array of fixed-width
            // elements is indexed directly (a numeric one is walked from its start).
            int s = Math.max(0, Arrays.stream(rateDays).mapToInt(BigDecimal::scale).max().orElse(0));
            Long[] units = Arrays.stream(rateDays)
                    .map(r -> r.setScale(s, RoundingMode.UNNECESSARY).unscaledValue().longValueExact())
                    .toArray(Long[]::new);
            long d = Math.multiplyExact(365L, BigInteger.TEN.pow(s).longValueExact());
            long maxUnits = Arrays.stream(units).mapToLong(Long::longValue).max().orElse(0);
            long limit = maxUnits == 0 ? Long.MAX_VALUE : (Long.MAX_VALUE - d) / Math.multiplyExact(2L, maxUnits);
            LocalDate[] firstDueDates = AgingBucket.firstDueDates(asOf);
            return jdbc.query("""
                    SELECT o.type, o.stage, width_bucket(o.due_date, ?::date[]) AS bucket, count(*) AS n,
                           sum(o.principal_cents) AS principal_cents,
                           sum(greatest(CASE WHEN o.principal_cents <= ?
                                             THEN (o.principal_cents * r.units * 2 + ?) / ?
                                             ELSE round(o.principal_cents::numeric * r.units * ?::numeric / 365,
                                                        0)::bigint END
                                        - o.interest_paid_cents, 0)) AS interest_cents
                      FROM open_obligation o
                     CROSS JOIN LATERAL (SELECT (?::bigint[])[o.due_date - ?::date + 1] AS units) r
                     WHERE o.principal_history IS NULL AND o.due_date < ? AND o.ctid >= ?::tid AND o.ctid < ?::tid
                     GROUP BY 1, 2, 3
                    """, ps -> {
                        ps.setArray(1, ps.getConnection().createArrayOf("date", Arrays.stream(firstDueDates)
                                .map(Date::valueOf).toArray()));
                        ps.setLong(2, limit);
                        ps.setLong(3, d);
                        ps.setLong(4, Math.multiplyExact(2L, d));
                        ps.setBigDecimal(5, BigDecimal.ONE.movePointLeft(s).setScale(s + 3));
                        ps.setArray(6, ps.getConnection().createArrayOf("bigint", units));
                        ps.setObject(7, firstDueDate);
                        ps.setObject(8, asOf);
                        ps.setString(9, from);
                        ps.setString(10, to);
                    }, rs -> new OpenGroup(ObligationType.valueOf(rs.getString("type")),
                            ObligationStage.valueOf(rs.getString("stage")),
                            AgingBucket.ofDueDateInterval(rs.getInt("bucket")), rs.getLong("n"),
                            cents(rs, "principal_cents"), cents(rs, "interest_cents")));
        }

        @Override
        public void forEachWithHistory(LocalDate asOf, Consumer<OpenWithHistory> sink) {
            checkNoneFailed();
            stream("""
                    SELECT type, stage, due_date, principal_cents, principal_paid_cents, interest_paid_cents,
                           principal_history
                      FROM open_obligation
                     WHERE principal_history IS NOT NULL AND due_date < ? AND ctid >= ?::tid AND ctid < ?::tid
                    """, ps -> {
                        ps.setObject(1, asOf);
                        ps.setString(2, from);
                        ps.setString(3, to);
                    }, rs -> new OpenWithHistory(ObligationType.valueOf(rs.getString("type")),
                            ObligationStage.valueOf(rs.getString("stage")), rs.getObject("due_date", LocalDate.class),
                            new Money(BigDecimal.valueOf(rs.getLong("principal_cents"), 2)),
                            new Money(BigDecimal.valueOf(rs.getLong("principal_paid_cents"), 2)),
                            new Money(BigDecimal.valueOf(rs.getLong("interest_paid_cents"), 2)),
                            rows.history(rs.getString("principal_history"))),
                    sink);
        }
    }

    @Override
    public Optional<PortfolioAging> agingRecorded(LocalDate asOf) {
        return jdbc.one("SELECT report FROM portfolio_aging_snapshot WHERE as_of = ?", ps -> ps.setObject(1, asOf),
                rs -> read(rs.getString("report")));
    }

    @Override
    public boolean recordAging(PortfolioAging aging, Instant at) {
        String report;
        try {
            report = json.writeValueAsString(aging);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the aging could not be written as JSON", e);
        }
        return jdbc.update("INSERT INTO portfolio_aging_snapshot (as_of, recorded_at, report) VALUES (?, ?, ?::jsonb)"
                + " ON CONFLICT (as_of) DO NOTHING", ps -> {
                    ps.setObject(1, aging.asOf());
                    ps.setObject(2, Sql.timestamp(at));
                    ps.setString(3, report);
                }) == 1;
    }

    private PortfolioAging read(String report) {
        try {
            return json.readValue(report, PortfolioAging.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded aging could not be read", e);
        }
    }

    @Override
    public void forEachAgreement(LocalDate asOf, Consumer<AgreementsReport.Facts> sink) {
        stream("""
                SELECT status, signed_on, activated_on, closed_on, requires_approval,
                       (decided_at AT TIME ZONE 'America/Guayaquil')::date AS decided_on, debt, down_payment,
                       financed_amount
                  FROM agreement WHERE signed_on <= ?
                """, ps -> ps.setObject(1, asOf),
                rs -> new AgreementsReport.Facts(AgreementStatus.valueOf(rs.getString("status")),
                        rs.getObject("signed_on", LocalDate.class), rs.getObject("activated_on", LocalDate.class),
                        rs.getObject("closed_on", LocalDate.class), rs.getBoolean("requires_approval"),
                        rs.getObject("decided_on", LocalDate.class), money(rs, "debt"), money(rs, "down_payment"),
                        money(rs, "financed_amount")), sink);
    }

    @Override
    public Map<CardCharge.Status, CountAmount> cardCharges(ReportPeriod period) {
        Map<CardCharge.Status, CountAmount> found = new EnumMap<>(CardCharge.Status.class);
        jdbc.query("SELECT status, count(*) AS n, coalesce(sum(amount), 0) AS amount FROM card_charge"
                + " WHERE charge_date BETWEEN ? AND ? GROUP BY 1", ps -> bindPeriod(ps, 1, period), rs -> {
                    found.put(CardCharge.Status.valueOf(rs.getString("status")),
                            new CountAmount(rs.getLong("n"), money(rs, "amount")));
                    return null;
                });
        return found;
    }

    @Override
    public PublicSectorReport publicSector(ReportPeriod period) {
        return jdbc.one("""
                WITH b AS (SELECT batch_id FROM ministry_batch WHERE value_date BETWEEN ? AND ?),
                     l AS (SELECT l.* FROM ministry_batch_line l JOIN b USING (batch_id)),
                     s AS (SELECT * FROM settlement WHERE value_date BETWEEN ? AND ?),
                     f AS (SELECT * FROM unapplied_fund WHERE value_date BETWEEN ? AND ?)
                SELECT (SELECT count(*) FROM b) AS batches,
                       (SELECT count(*) FROM l) AS lines, (SELECT coalesce(sum(amount), 0) FROM l) AS lines_amount,
                       (SELECT count(*) FROM l WHERE status = 'APPLIED') AS applied_n,
                       (SELECT coalesce(sum(amount), 0) FROM l WHERE status = 'APPLIED') AS applied_amount,
                       (SELECT count(*) FROM l WHERE status = 'PARTIAL') AS partial_n,
                       (SELECT coalesce(sum(amount), 0) FROM l WHERE status = 'PARTIAL') AS partial_amount,
                       (SELECT count(*) FROM l WHERE status = 'REJECTED') AS rejected_n,
                       (SELECT coalesce(sum(amount), 0) FROM l WHERE status = 'REJECTED') AS rejected_amount,
                       (SELECT count(*) FROM l WHERE status = 'PENDING') AS pending_n,
                       (SELECT coalesce(sum(amount), 0) FROM l WHERE status = 'PENDING') AS pending_amount,
                       (SELECT coalesce(sum(applied_amount), 0) FROM l) AS lines_applied,
                       (SELECT coalesce(sum(unapplied_amount), 0) FROM l) AS lines_unapplied,
                       (SELECT count(*) FROM s) AS settlements,
                       (SELECT coalesce(sum(amount), 0) FROM s) AS settled_amount,
                       (SELECT coalesce(sum(applied_amount), 0) FROM s) AS settled_applied,
                       (SELECT coalesce(sum(unapplied_amount), 0) FROM s) AS settled_unapplied,
                       (SELECT count(*) FROM f WHERE origin_fund_id IS NULL) AS received_n,
                       (SELECT coalesce(sum(amount), 0) FROM f WHERE origin_fund_id IS NULL) AS received_amount,
                       (SELECT count(*) FROM f WHERE status = 'OPEN') AS open_n,
                       (SELECT coalesce(sum(amount), 0) FROM f WHERE status = 'OPEN') AS open_amount,
                       (SELECT count(*) FROM f WHERE status = 'REFUNDED') AS refunded_n,
                       (SELECT coalesce(sum(amount), 0) FROM f WHERE status = 'REFUNDED') AS refunded_amount
                """, ps -> {
                    bindPeriod(ps, 1, period);
                    bindPeriod(ps, 3, period);
                    bindPeriod(ps, 5, period);
                }, rs -> new PublicSectorReport(period,
                        new PublicSectorReport.Batches(rs.getLong("batches"), countAmount(rs, "lines", "lines_amount"),
                                countAmount(rs, "applied_n", "applied_amount"),
                                countAmount(rs, "partial_n", "partial_amount"),
                                countAmount(rs, "rejected_n", "rejected_amount"),
                                countAmount(rs, "pending_n", "pending_amount"),
                                money(rs, "lines_applied"), money(rs, "lines_unapplied")),
                        new PublicSectorReport.Settlements(rs.getLong("settlements"), money(rs, "settled_amount"),
                                money(rs, "settled_applied"), money(rs, "settled_unapplied")),
                        PublicSectorReport.Funds.of(countAmount(rs, "received_n", "received_amount"),
                                countAmount(rs, "open_n", "open_amount"),
                                countAmount(rs, "refunded_n", "refunded_amount")))).orElseThrow();
    }

    @Override
    public ChannelsReport channels(ReportPeriod period) {
        List<ChannelsReport.EntityLine> lines = jdbc.query("""
                WITH pay AS (
                    SELECT entity_code, sum(payments) AS payments, sum(amount) AS amount, sum(reversals) AS reversals,
                           sum(reversed_amount) AS reversed_amount
                      FROM %s WHERE entity_code <> '' GROUP BY 1),
                rec AS (
                    SELECT entity_code, count(*) AS submissions, count(DISTINCT business_date) AS dates
                      FROM reconciliation WHERE business_date BETWEEN ? AND ? GROUP BY 1),
                latest AS (
                    SELECT DISTINCT ON (entity_code, business_date) entity_code, result
                      FROM reconciliation WHERE business_date BETWEEN ? AND ?
                     ORDER BY entity_code, business_date, submitted_at DESC, id DESC),
                diff AS (
                    SELECT entity_code,
                           count(*) FILTER (WHERE jsonb_array_length(result -> 'missingHere')
                                   + jsonb_array_length(result -> 'missingAtBank')
                                   + jsonb_array_length(result -> 'amountMismatches') > 0) AS unbalanced,
                           sum(jsonb_array_length(result -> 'missingHere')) AS here_n,
                           sum((SELECT coalesce(sum((i ->> 'amount')::numeric), 0)
                                  FROM jsonb_array_elements(result -> 'missingHere') i)) AS here_amount,
                           sum(jsonb_array_length(result -> 'missingAtBank')) AS bank_n,
                           sum((SELECT coalesce(sum((i ->> 'amount')::numeric), 0)
                                  FROM jsonb_array_elements(result -> 'missingAtBank') i)) AS bank_amount,
                           sum(jsonb_array_length(result -> 'amountMismatches')) AS mismatches
                      FROM latest GROUP BY 1)
                SELECT coalesce(pay.entity_code, rec.entity_code) AS entity_code,
                       coalesce(pay.payments, 0) AS payments, coalesce(pay.amount, 0) AS amount,
                       coalesce(pay.reversals, 0) AS reversals, coalesce(pay.reversed_amount, 0) AS reversed_amount,
                       coalesce(rec.submissions, 0) AS submissions, coalesce(rec.dates, 0) AS dates,
                       coalesce(diff.unbalanced, 0) AS unbalanced, coalesce(diff.here_n, 0) AS here_n,
                       coalesce(diff.here_amount, 0) AS here_amount, coalesce(diff.bank_n, 0) AS bank_n,
                       coalesce(diff.bank_amount, 0) AS bank_amount, coalesce(diff.mismatches, 0) AS mismatches
                  FROM pay FULL JOIN rec ON rec.entity_code = pay.entity_code
                  LEFT JOIN diff ON diff.entity_code = coalesce(pay.entity_code, rec.entity_code)
                 WHERE coalesce(pay.payments, 0) <> 0 OR coalesce(pay.reversals, 0) <> 0
                       OR coalesce(rec.submissions, 0) <> 0
                 ORDER BY coalesce(pay.entity_code, rec.entity_code) COLLATE "C"
                """.formatted(PAYMENT_DAYS), ps -> {
                    bindPeriodTwice(ps, 1, period);
                    bindPeriod(ps, 5, period);
                    bindPeriod(ps, 7, period);
                }, rs -> new ChannelsReport.EntityLine(rs.getString("entity_code"),
                        countAmount(rs, "payments", "amount"), countAmount(rs, "reversals", "reversed_amount"),
                        new ChannelsReport.Reconciliations(rs.getLong("submissions"), rs.getLong("dates"),
                                rs.getLong("unbalanced"), countAmount(rs, "here_n", "here_amount"),
                                countAmount(rs, "bank_n", "bank_amount"), rs.getLong("mismatches"))));
        return new ChannelsReport(period, lines);
    }

    @Override
    public <T> T inOneSnapshot(Supplier<T> work) {
        return transactions.inNew(() -> {
            // The transaction's first statement: every read after it sees the snapshot its first read takes.
            jdbc.update("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", ps -> { });
            readSettings();
            return work.get();
        });
    }

    /**
     * The settings of a report's transaction. A grouping of a million open obligations fits in memory (no sort
     * spilled to disk); compiling its expressions (JIT) costs more than it saves in a statement of under a second;
     * and each statement is planned for its own parameters (a plan kept for other arrays or slices can be far off).
     */
    private void readSettings() {
        jdbc.update("SET LOCAL work_mem = '64MB'", ps -> { });
        jdbc.update("SET LOCAL jit = off", ps -> { });
        jdbc.update("SET LOCAL plan_cache_mode = force_custom_plan", ps -> { });
    }

    @Override
    public long fold() {
        return jdbc.one("SELECT fold_report_deltas() AS folded", ps -> { }, rs -> rs.getLong("folded")).orElse(0L);
    }

    /**
     * Runs a query through a cursor (in a transaction of its own, rolled back, when none is open: PostgreSQL's driver
     * needs one for a cursor), handing each row to {@code sink} as it is read.
     */
    private <T> void stream(String sql, Jdbc.Binder binder, Jdbc.RowMapper<T> mapper, Consumer<T> sink) {
        jdbc.work(c -> {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
                readAll(c, sql, binder, mapper, sink);
            } finally {
                if (autoCommit) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
            return null;
        });
    }

    private static <T> void readAll(Connection c, String sql, Jdbc.Binder binder, Jdbc.RowMapper<T> mapper,
                                    Consumer<T> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(mapper.map(rs));
                }
            }
        }
    }

    private static void bindPeriod(PreparedStatement ps, int first, ReportPeriod period) throws SQLException {
        ps.setObject(first, Date.valueOf(period.from()));
        ps.setObject(first + 1, Date.valueOf(period.to()));
    }

    private static void bindPeriodTwice(PreparedStatement ps, int first, ReportPeriod period) throws SQLException {
        bindPeriod(ps, first, period);
        bindPeriod(ps, first + 2, period);
    }

    private static Amount money(ResultSet rs, String column) throws SQLException {
        return new Amount(rs.getBigDecimal(column));
    }

    /** A sum of whole cents as an amount. */
    private static Amount cents(ResultSet rs, String column) throws SQLException {
        return new Amount(rs.getBigDecimal(column).movePointLeft(2));
    }

    private static CountAmount countAmount(ResultSet rs, String count, String amount) throws SQLException {
        return new CountAmount(rs.getLong(count), money(rs, amount));
    }
}
