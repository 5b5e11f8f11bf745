package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.application.port.in.ReportsUseCase;
import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.application.port.out.Reports;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.report.AgingBucket;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 13's reports through the API: what real payments and reversals leave in them, the aging of the portfolio
 * against the domain's interest obligation by obligation, the statuses of agreements against the table, CSV for every
 * report, and bad or unauthorised requests. Dates of 2038 and 2033 are this class's own.
 */
@QuarkusTest
class ReportsHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";

    @Inject
    TestClock clock;
    @Inject
    Database db;
    @Inject
    ReportsUseCase reports;
    @Inject
    Obligations obligations;
    @Inject
    InterestRates rates;
    @Inject
    Reports reads;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void fixDay(LocalDate day) {
        clock.fix(day.atTime(LocalTime.of(10, 0)).atZone(TestClock.GUAYAQUIL).toInstant());
    }

    @Test
    void a_bank_payment_and_its_reversal_reach_every_report_at_once() {
        LocalDate day = LocalDate.of(2038, 3, 10);
        String entity = "RPT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String bank = Api.newBankKey(entity);
        fixDay(day);
        String debtor = TestIds.companyRuc();
        var kept = Api.issueVoucher(debtor, Api.createObligation(Api.obligation(debtor, "FINE", "120.50",
                "2038-03-31")));
        var undone = Api.issueVoucher(debtor, Api.createObligation(Api.obligation(debtor, "EMPLOYER_LIABILITY", "79.25",
                "2038-03-31")));
        String paidAt = day + "T10:00:00-05:00";
        for (var voucher : List.of(kept, undone)) {
            as(bank).body(Map.of("bankTransactionId", "TX-" + UUID.randomUUID(), "reference",
                            voucher.path("reference"), "amount", voucher.path("amount"), "paidAt", paidAt))
                    .post("/api/v1/channel/payments").then().statusCode(201);
        }
        String undonePayment = db.string("SELECT id FROM payment WHERE voucher_reference = ?",
                (String) undone.path("reference"));
        as(bank).body(Map.of("reason", "duplicate at the counter"))
                .post("/api/v1/channel/payments/" + undonePayment + "/reversal").then().statusCode(200);

        // No fold has to run first: the deltas count as soon as the payment commits.
        asStaff().queryParam("from", "2038-03-10").queryParam("to", "2038-03-10").queryParam("groupBy", "entity")
                .get("/api/v1/reports/collections").then().statusCode(200)
                .body("rows.find { it.key == '" + entity + "' }.count", equalTo(1))
                .body("rows.find { it.key == '" + entity + "' }.amount", equalTo("120.50"));
        asStaff().queryParam("from", "2038-03-01").queryParam("to", "2038-03-31")
                .queryParam("groupBy", "obligationType").get("/api/v1/reports/collections").then().statusCode(200)
                .body("rows.key", hasItem("FINE"));
        asStaff().queryParam("from", "2038-03-10").queryParam("to", "2038-03-10")
                .get("/api/v1/reports/channels").then().statusCode(200)
                .body("entities.find { it.entityCode == '" + entity + "' }.payments.count", equalTo(1))
                .body("entities.find { it.entityCode == '" + entity + "' }.payments.amount", equalTo("120.50"))
                .body("entities.find { it.entityCode == '" + entity + "' }.reversals.count", equalTo(1))
                .body("entities.find { it.entityCode == '" + entity + "' }.reversals.amount", equalTo("79.25"));
        // Paid before the due date: collected, not recovered.
        assertThat(reports.fold()).isGreaterThanOrEqualTo(0);
        JsonPath yoy = asStaff().queryParam("year", "2038").get("/api/v1/reports/collections/year-over-year")
                .then().statusCode(200).extract().jsonPath();
        assertThat(yoy.getList("months")).hasSize(12);
        assertThat(new BigDecimal(yoy.getString("months[2].total"))).isEqualByComparingTo(new BigDecimal(
                db.string("SELECT coalesce(sum(amount), 0) FROM payment WHERE status = 'APPLIED'"
                        + " AND business_date BETWEEN '2038-03-01' AND '2038-03-31'")));
    }

    @Test
    void year_over_year_compares_each_month_with_the_year_before() {
        JsonPath yoy = asStaff().queryParam("year", "2041").get("/api/v1/reports/collections/year-over-year")
                .then().statusCode(200).extract().jsonPath();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal previous = BigDecimal.ZERO;
        for (int m = 1; m <= 12; m++) {
            String month = String.format("%02d", m);
            BigDecimal want = new BigDecimal(db.string("SELECT coalesce(sum(amount), 0) FROM payment"
                    + " WHERE status = 'APPLIED' AND to_char(business_date, 'YYYY-MM') = ?", "2041-" + month));
            BigDecimal wantBefore = new BigDecimal(db.string("SELECT coalesce(sum(amount), 0) FROM payment"
                    + " WHERE status = 'APPLIED' AND to_char(business_date, 'YYYY-MM') = ?", "2040-" + month));
            assertThat(yoy.getInt("months[" + (m - 1) + "].month")).isEqualTo(m);
            assertThat(new BigDecimal(yoy.getString("months[" + (m - 1) + "].total"))).isEqualByComparingTo(want);
            assertThat(new BigDecimal(yoy.getString("months[" + (m - 1) + "].previousYearTotal")))
                    .isEqualByComparingTo(wantBefore);
            total = total.add(want);
            previous = previous.add(wantBefore);
        }
        assertThat(new BigDecimal(yoy.getString("total"))).isEqualByComparingTo(total);
        assertThat(new BigDecimal(yoy.getString("previousYearTotal"))).isEqualByComparingTo(previous);
        assertThat(new BigDecimal(yoy.getString("difference"))).isEqualByComparingTo(total.subtract(previous));
        if (previous.signum() == 0) {
            assertThat(yoy.getString("growthPercent")).isNull();
        } else {
            assertThat(new BigDecimal(yoy.getString("growthPercent"))).isEqualByComparingTo(total.subtract(previous)
                    .multiply(BigDecimal.valueOf(100)).divide(previous, 2, java.math.RoundingMode.HALF_UP));
        }
        String csv = asStaff().accept("text/csv").queryParam("year", "2041")
                .get("/api/v1/reports/collections/year-over-year").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(13);
        assertThat(lines[0]).isEqualTo("month,total,previousYearTotal");
        assertThat(lines[1]).isEqualTo("1," + yoy.getString("months[0].total") + ","
                + yoy.getString("months[0].previousYearTotal"));
    }

    @Test
    void the_aging_of_the_portfolio_is_the_domain_interest_of_each_obligation_added_up() {
        db.clearRates();
        Api.setRate("1900-01-01", "0.1123");
        Api.setRate("2031-07-01", "0.0925");
        Api.setRate("2032-11-15", "0.1311");
        LocalDate asOf = LocalDate.of(2033, 5, 20);
        fixDay(asOf);
        // Enough of an open portfolio for each of the three parts the aging reads at once (tests' aging-parts) to
        // hold some of it, whatever ran before.
        db.execute("INSERT INTO obligation (id, debtor_id, debtor_name, type, stage, status, principal, principal_paid,"
                + " interest_paid, due_date, version, created_at, updated_at)"
                + " SELECT gen_random_uuid(), '" + TestIds.cedula() + "', 'Deudor de relleno', 'FINE', 'REGULAR',"
                + " 'PENDING', 10 + g / 100.0, 0, 0, DATE '" + asOf + "' - 1 - (g * 7) % 2900, 0, now(), now()"
                + " FROM generate_series(1, 1200) g");
        assertThat(db.count("SELECT pg_relation_size('open_obligation') / current_setting('block_size')::bigint"))
                .isGreaterThanOrEqualTo(6);
        JsonPath before = aging(asOf);

        Random random = new Random(20330520L);
        List<UUID> mine = new ArrayList<>();
        long[] boundaries = {1, 30, 31, 90, 91, 180, 181, 365, 366, 1825, 1826, 4000, 0, -1};
        String[] types = {"CONTRIBUTION", "RESERVE_FUND", "FINE", "GLOSA", "CREDIT_TITLE", "MISC_CONCEPT"};
        String[] stages = {"REGULAR", "GLOSA", "CREDIT_TITLE", "ENFORCEMENT"};
        for (int i = 0; i < 160; i++) {
            long days = i < boundaries.length ? boundaries[i] : 1 + random.nextInt(3_000);
            LocalDate due = asOf.minusDays(days);
            long principal = 1 + random.nextInt(5_000_000);
            UUID id = UUID.randomUUID();
            String history = "NULL";
            long paid = 0;
            if (random.nextInt(4) == 0 && days > 2 && principal > 1) {
                paid = 1 + random.nextInt((int) Math.min(principal - 1, Integer.MAX_VALUE - 1));
                LocalDate on = due.plusDays(1 + random.nextInt((int) days - 1));
                history = "'{\"movements\": [{\"on\": \"" + on + "\", \"paid\": \"" + cents(paid)
                        + "\", \"kind\": \"PAYMENT\", \"source\": \"report test\"}], \"exemptions\": []}'::jsonb";
            }
            long interestPaid = random.nextInt(3) == 0 ? random.nextInt(20_000) : 0;
            db.execute("INSERT INTO obligation (id, debtor_id, debtor_name, type, stage, status, principal,"
                    + " principal_paid, interest_paid, due_date, principal_history, version, created_at, updated_at)"
                    + " VALUES ('" + id + "', '" + TestIds.cedula() + "', 'Deudor de la cartera', '"
                    + types[random.nextInt(types.length)] + "', '" + stages[random.nextInt(stages.length)]
                    + "', 'PENDING', " + cents(principal) + ", " + cents(paid) + ", " + cents(interestPaid) + ", '"
                    + due + "', " + history + ", 0, now(), now())");
            mine.add(id);
        }
        // A principal near the largest accepted, due so long ago that its interest has 13 digits: PostgreSQL divides
        // such a product to fewer decimals than a small one, and without the extra decimals the aging writes into
        // the multiplication it would round this one a cent above the domain (1,070,372,540,590.44).
        UUID huge = UUID.randomUUID();
        db.execute("INSERT INTO obligation (id, debtor_id, debtor_name, type, stage, status, principal, principal_paid,"
                + " interest_paid, due_date, version, created_at, updated_at) VALUES ('" + huge + "', '"
                + TestIds.companyRuc() + "', 'Deudor mayor', 'EMPLOYER_LIABILITY', 'ENFORCEMENT', 'PENDING',"
                + " 960340654951.53, 0, 0, '" + asOf.minusDays(3680) + "', 0, now(), now())");
        mine.add(huge);
        // Interest exactly half a cent past a cent (182.50 x 13.1100 / 365 = 6.555, and so on): HALF_UP rounds up.
        String[][] ties = {{"182.50", "100"}, {"2281.25", "250"}, {"9125.00", "400"}};
        for (String[] tie : ties) {
            UUID id = UUID.randomUUID();
            db.execute("INSERT INTO obligation (id, debtor_id, debtor_name, type, stage, status, principal,"
                    + " principal_paid, interest_paid, due_date, version, created_at, updated_at) VALUES ('" + id
                    + "', '" + TestIds.cedula() + "', 'Deudor del medio centavo', 'FINE', 'GLOSA', 'PENDING', "
                    + tie[0] + ", 0, 0, '" + asOf.minusDays(Long.parseLong(tie[1])) + "', 0, now(), now())");
            mine.add(id);
        }
        JsonPath after = aging(asOf);

        // What the domain says of each obligation added, one by one.
        InterestRateTable table = rates.table();
        Map<String, long[]> counts = new HashMap<>();
        Map<String, BigDecimal[]> sums = new HashMap<>();
        for (UUID id : mine) {
            Obligation o = obligations.find(new ObligationId(id)).orElseThrow();
            long days = ChronoUnit.DAYS.between(o.dueDate(), asOf);
            if (days < 1) {
                continue;
            }
            String bucket = AgingBucket.of(days).label();
            BigDecimal principal = o.principalBalance().amount();
            BigDecimal interest = o.interestAsOf(asOf, table).amount();
            for (String key : List.of("total|" + bucket, "type|" + o.type() + "|" + bucket,
                    "stage|" + o.stage() + "|" + bucket)) {
                counts.computeIfAbsent(key, k -> new long[1])[0]++;
                BigDecimal[] s = sums.computeIfAbsent(key, k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
                s[0] = s[0].add(principal);
                s[1] = s[1].add(interest);
            }
        }
        Map<String, String> added = difference(before, after);
        Map<String, String> expected = new TreeMap<>();
        counts.forEach((key, n) -> expected.put(key, n[0] + " " + sums.get(key)[0].setScale(2) + " "
                + sums.get(key)[1].setScale(2)));
        assertThat(added).isEqualTo(expected);
        assertThat(after.getLong("total.count") - before.getLong("total.count"))
                .isEqualTo(counts.entrySet().stream().filter(e -> e.getKey().startsWith("total|"))
                        .mapToLong(e -> e.getValue()[0]).sum());
        assertThat(after.getLong("inAgreement.count")).isEqualTo(
                db.count("SELECT count(*) FROM obligation WHERE status = 'IN_AGREEMENT'"));

        // The whole portfolio, read in parts at once from the open portfolio the database keeps, is what the
        // obligations hold: every PENDING overdue obligation once, by type and bucket, count and principal unpaid.
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
        // (The ledger is read before and after the aging, and again if a job of the service changed it meanwhile.)
        Map<String, String> ledger = Map.of();
        Map<String, String> aged = Map.of();
        for (int attempt = 0; attempt < 5; attempt++) {
            Map<String, String> first = ledgerByTypeAndBucket(asOf);
            aged = new TreeMap<>();
            for (var e : figures(aging(asOf)).entrySet()) {
                if (e.getKey().startsWith("type|") && e.getValue()[0].signum() != 0) {
                    aged.put(e.getKey(), e.getValue()[0] + " " + e.getValue()[1]);
                }
            }
            ledger = ledgerByTypeAndBucket(asOf);
            if (ledger.equals(first)) {
                break;
            }
        }
        assertThat(aged).isEqualTo(ledger);

        // A past day comes from the close of that day only.
        fixDay(asOf.plusDays(1));
        asStaff().queryParam("asOf", asOf.toString()).get("/api/v1/reports/portfolio-aging").then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "portfolio-aging-not-recorded"));
        reports.closeDay();
        reports.closeDay();
        JsonPath recorded = aging(asOf);
        assertThat(recorded.getMap("")).isEqualTo(after.getMap(""));

        String csv = asStaff().accept("text/csv").queryParam("asOf", asOf.toString())
                .get("/api/v1/reports/portfolio-aging").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("section,key,bucket,count,principal,interest");
        assertThat(lines[1]).isEqualTo("total,,1-30," + recorded.getString("buckets[0].count") + ","
                + recorded.getString("buckets[0].principal") + "," + recorded.getString("buckets[0].interest"));
    }

    @Test
    void the_parts_of_the_open_portfolio_see_the_snapshot_of_the_read_that_hands_them_out() {
        LocalDate asOf = LocalDate.of(2099, 9, 1);
        UUID id = UUID.randomUUID();
        // Of a type and stage no other test leaves due in the month before asOf (a day no other test uses), so its
        // group is this test's own.
        db.execute("INSERT INTO obligation (id, debtor_id, debtor_name, type, stage, status, principal, principal_paid,"
                + " interest_paid, due_date, version, created_at, updated_at) VALUES ('" + id + "', '"
                + TestIds.cedula() + "', 'Deudor de la instantanea', 'AGREEMENT_INSTALLMENT', 'CREDIT_TITLE',"
                + " 'PENDING', 10.00, 0, 0, '" + asOf.minusDays(10) + "', 0, now(), now())");
        long seen = reads.readOpenPortfolio(portfolio -> {
            LocalDate first = portfolio.earliestDueDate(asOf).orElseThrow(); // the read's snapshot is taken here
            // Committed by another transaction (on a thread of its own, outside this read's) after the snapshot,
            // before the parts read: not theirs to see.
            CompletableFuture.runAsync(() -> db.execute("UPDATE obligation SET status = 'CANCELLED',"
                    + " cancellation_reason = 'prueba de instantanea', version = version + 1 WHERE id = '" + id + "'"))
                    .join();
            return mine(portfolio, asOf, first);
        });
        long after = reads.readOpenPortfolio(portfolio -> mine(portfolio, asOf,
                portfolio.earliestDueDate(asOf).orElseThrow()));
        assertThat(seen).isEqualTo(after + 1);
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    @Test
    void a_portfolio_with_nothing_due_before_the_day_has_no_earliest_due_date() {
        // (The aging of such a day is then all zeros; a past day is read from its close, so only the port can ask.)
        Optional<LocalDate> first = reads.readOpenPortfolio(portfolio ->
                portfolio.earliestDueDate(LocalDate.of(1900, 1, 1)));
        assertThat(first).isEmpty();
    }

    @Test
    void a_part_that_fails_fails_the_read_and_no_part_outlives_it() {
        LocalDate asOf = LocalDate.of(2099, 9, 1);
        db.execute("INSERT INTO obligation (id, debtor_id, debtor_name, type, stage, status, principal, principal_paid,"
                + " interest_paid, due_date, version, created_at, updated_at) VALUES (gen_random_uuid(), '"
                + TestIds.cedula() + "', 'Deudor de las partes', 'FINE', 'REGULAR', 'PENDING', 10.00, 0, 0, '"
                + asOf.minusDays(40) + "', 0, now(), now())");
        AtomicInteger started = new AtomicInteger();
        AtomicInteger inside = new AtomicInteger();
        CountDownLatch othersInside = new CountDownLatch(2);
        assertThatThrownBy(() -> reads.readOpenPortfolio(portfolio -> {
            LocalDate first = portfolio.earliestDueDate(asOf).orElseThrow();
            return portfolio.inParts(part -> {
                inside.incrementAndGet();
                try {
                    if (started.incrementAndGet() == 1) {
                        // Fails once the two others are reading, so that they are still at it when it does.
                        othersInside.await(10, TimeUnit.SECONDS);
                        throw new IllegalArgumentException("a part failed on purpose");
                    }
                    othersInside.countDown();
                    BigDecimal[] rateDays = new BigDecimal[(int) ChronoUnit.DAYS.between(first, asOf)];
                    Arrays.fill(rateDays, BigDecimal.ZERO);
                    int groups = part.withoutHistory(asOf, first, rateDays).size();
                    Thread.sleep(500);
                    return groups;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } finally {
                    inside.decrementAndGet();
                }
            });
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("a part failed on purpose");
        // Every part had finished (or never began) when the read failed, and the next read is not held up.
        assertThat(inside.get()).isZero();
        long next = reads.readOpenPortfolio(portfolio -> mine(portfolio, asOf,
                portfolio.earliestDueDate(asOf).orElseThrow()));
        assertThat(next).isNotNegative();
    }

    /** How many of the test's group (AGREEMENT_INSTALLMENT, CREDIT_TITLE, 1-30 days) the parts of a read hold. */
    private static long mine(Reports.OpenPortfolio portfolio, LocalDate asOf, LocalDate first) {
        BigDecimal[] rateDays = new BigDecimal[(int) ChronoUnit.DAYS.between(first, asOf)];
        Arrays.fill(rateDays, BigDecimal.ZERO);
        List<Long> parts = portfolio.inParts(part -> part.withoutHistory(asOf, first, rateDays).stream()
                .filter(g -> g.type() == ObligationType.AGREEMENT_INSTALLMENT
                        && g.stage() == ObligationStage.CREDIT_TITLE && g.bucket() == AgingBucket.DAYS_1_30)
                .mapToLong(Reports.OpenGroup::count).sum());
        assertThat(parts).hasSize(3);
        return parts.stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void no_index_of_obligation_names_what_a_payment_changes_and_an_obligations_id_never_changes() {
        // Such an index would make every payment's update of an obligation write an entry in every index of the
        // table, even where its page has room for a heap-only update: the open portfolio has a table of its own.
        assertThat(db.strings("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'obligation'::regclass"
                + " AND pg_get_indexdef(indexrelid) ~ '\\m(status|principal_paid|interest_paid|principal_history"
                + "|updated_at|version)\\M'")).isEmpty();
        String id = UUID.randomUUID().toString();
        db.execute("INSERT INTO obligation (id, debtor_id, debtor_name, type, stage, status, principal, principal_paid,"
                + " interest_paid, due_date, version, created_at, updated_at) VALUES ('" + id + "', '"
                + TestIds.cedula() + "', 'Deudor del id', 'FINE', 'REGULAR', 'PENDING', 10.00, 0, 0, '2033-01-01', 0,"
                + " now(), now())");
        SQLException refused = db.tryExecute("UPDATE obligation SET id = gen_random_uuid() WHERE id = '" + id
                + "'");
        assertThat((Object) refused).isNotNull();
        assertThat(refused.getMessage()).contains("never changes");
    }

    /** The PENDING obligations due before {@code asOf} by type and bucket: "count principal-unpaid". */
    private Map<String, String> ledgerByTypeAndBucket(LocalDate asOf) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> principals = new TreeMap<>();
        for (String row : db.strings("SELECT type || '|' || due_date || '|' || count(*) || '|'"
                + " || sum(principal - principal_paid) FROM obligation WHERE status = 'PENDING' AND due_date < ?::date"
                + " GROUP BY type, due_date", asOf.toString())) {
            String[] f = row.split("\\|");
            String key = "type|" + f[0] + "|"
                    + AgingBucket.of(ChronoUnit.DAYS.between(LocalDate.parse(f[1]), asOf)).label();
            counts.computeIfAbsent(key, k -> new long[1])[0] += Long.parseLong(f[2]);
            principals.merge(key, new BigDecimal(f[3]), BigDecimal::add);
        }
        Map<String, String> ledger = new TreeMap<>();
        counts.forEach((key, n) -> ledger.put(key, n[0] + " " + principals.get(key)));
        return ledger;
    }

    private static String cents(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static JsonPath aging(LocalDate asOf) {
        return asStaff().queryParam("asOf", asOf.toString()).get("/api/v1/reports/portfolio-aging").then()
                .statusCode(200).extract().jsonPath();
    }

    /** What {@code after} has more than {@code before}, as "count principal interest" by section, key and bucket. */
    private static Map<String, String> difference(JsonPath before, JsonPath after) {
        Map<String, BigDecimal[]> b = figures(before);
        Map<String, BigDecimal[]> a = figures(after);
        Map<String, String> diff = new TreeMap<>();
        for (var e : a.entrySet()) {
            BigDecimal[] was = b.getOrDefault(e.getKey(), new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO.setScale(2),
                    BigDecimal.ZERO.setScale(2)});
            BigDecimal[] is = e.getValue();
            if (is[0].compareTo(was[0]) != 0) {
                diff.put(e.getKey(), is[0].subtract(was[0]) + " " + is[1].subtract(was[1]) + " "
                        + is[2].subtract(was[2]));
            }
        }
        return diff;
    }

    private static Map<String, BigDecimal[]> figures(JsonPath aging) {
        Map<String, BigDecimal[]> figures = new HashMap<>();
        for (Map<String, Object> bucket : aging.<Map<String, Object>>getList("buckets")) {
            figures.put("total|" + bucket.get("bucket"), figures(bucket));
        }
        for (String section : List.of("byType", "byStage")) {
            for (Map<String, Object> group : aging.<Map<String, Object>>getList(section)) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> buckets = (List<Map<String, Object>>) group.get("buckets");
                for (Map<String, Object> bucket : buckets) {
                    figures.put((section.equals("byType") ? "type|" : "stage|") + group.get("key") + "|"
                            + bucket.get("bucket"), figures(bucket));
                }
            }
        }
        return figures;
    }

    private static BigDecimal[] figures(Map<String, Object> bucket) {
        return new BigDecimal[]{new BigDecimal(bucket.get("count").toString()),
                new BigDecimal((String) bucket.get("principal")), new BigDecimal((String) bucket.get("interest"))};
    }

    @Test
    void agreements_today_are_the_statuses_the_table_holds_and_the_default_rate_follows_from_them() {
        JsonPath report = asStaff().get("/api/v1/reports/agreements").then().statusCode(200).extract().jsonPath();
        String today = LocalDate.now(clock).toString();
        assertThat(report.getString("asOf")).isEqualTo(today);
        long everActive = 0;
        long defaulted = 0;
        for (String status : List.of("PENDING_APPROVAL", "AWAITING_DOWN_PAYMENT", "ACTIVE", "COMPLETED", "DEFAULTED",
                "REJECTED", "LAPSED", "CANCELLED")) {
            long want = db.count("SELECT count(*) FROM agreement WHERE status = ? AND signed_on <= ?::date", status,
                    today);
            assertThat(report.getLong("byStatus.find { it.status == '" + status + "' }.count")).as(status)
                    .isEqualTo(want);
            assertThat(new BigDecimal(report.getString("byStatus.find { it.status == '" + status + "' }.debt")))
                    .isEqualByComparingTo(new BigDecimal(db.string("SELECT coalesce(sum(debt), 0) FROM agreement"
                            + " WHERE status = ? AND signed_on <= ?::date", status, today)));
            if (List.of("ACTIVE", "COMPLETED", "DEFAULTED").contains(status)) {
                everActive += want;
            }
            if (status.equals("DEFAULTED")) {
                defaulted = want;
            }
        }
        if (everActive > 0) {
            assertThat(new BigDecimal(report.getString("defaultRate"))).isEqualByComparingTo(BigDecimal.valueOf(
                    defaulted * 100).divide(BigDecimal.valueOf(everActive), 2, java.math.RoundingMode.HALF_UP));
        }
        asStaff().queryParam("asOf", "1999-12-31").get("/api/v1/reports/agreements").then().statusCode(200)
                .body("count", equalTo(0));
        String csv = asStaff().accept("text/csv").get("/api/v1/reports/agreements").then().statusCode(200)
                .extract().asString();
        assertThat(csv.split("\r\n")).hasSize(9).startsWith("status,count,debt,downPayment,financedAmount");
    }

    @Test
    void card_debit_public_sector_and_channels_say_what_their_tables_hold() {
        String from = "2020-01-01";
        String to = "2029-12-31";
        JsonPath card = asStaff().queryParam("from", from).queryParam("to", to).get("/api/v1/reports/card-debit")
                .then().statusCode(200).extract().jsonPath();
        assertThat(card.getLong("charges")).isEqualTo(db.count("SELECT count(*) FROM card_charge"
                + " WHERE charge_date BETWEEN ?::date AND ?::date", from, to));
        assertThat(card.getLong("byStatus.find { it.status == 'APPROVED' }.count")).isEqualTo(db.count(
                "SELECT count(*) FROM card_charge WHERE status = 'APPROVED'"
                        + " AND charge_date BETWEEN ?::date AND ?::date",
                from, to));
        assertThat(new BigDecimal(card.getString("amountCharged"))).isEqualByComparingTo(new BigDecimal(db.string(
                "SELECT coalesce(sum(amount), 0) FROM card_charge WHERE status = 'APPROVED'"
                        + " AND charge_date BETWEEN ?::date AND ?::date", from, to)));

        JsonPath sector = asStaff().queryParam("from", from).queryParam("to", to).get("/api/v1/reports/public-sector")
                .then().statusCode(200).extract().jsonPath();
        assertThat(sector.getLong("batches.count")).isEqualTo(db.count("SELECT count(*) FROM ministry_batch"
                + " WHERE value_date BETWEEN ?::date AND ?::date", from, to));
        assertThat(sector.getLong("batches.lines.count")).isEqualTo(sector.getLong("batches.applied.count")
                + sector.getLong("batches.partial.count") + sector.getLong("batches.rejected.count")
                + sector.getLong("batches.pending.count"));
        assertThat(new BigDecimal(sector.getString("batches.lines.amount"))).isEqualByComparingTo(new BigDecimal(
                sector.getString("batches.appliedAmount")).add(new BigDecimal(sector.getString(
                "batches.unappliedAmount"))).add(new BigDecimal(sector.getString("batches.pending.amount"))));
        assertThat(new BigDecimal(sector.getString("unappliedFunds.received.amount"))).isEqualByComparingTo(
                new BigDecimal(sector.getString("unappliedFunds.open.amount"))
                        .add(new BigDecimal(sector.getString("unappliedFunds.refunded.amount")))
                        .add(new BigDecimal(sector.getString("unappliedFunds.applied"))));
        assertThat(sector.getLong("settlements.count")).isEqualTo(db.count("SELECT count(*) FROM settlement"
                + " WHERE value_date BETWEEN ?::date AND ?::date", from, to));

        JsonPath channels = asStaff().queryParam("from", from).queryParam("to", to).get("/api/v1/reports/channels")
                .then().statusCode(200).extract().jsonPath();
        assertThat(channels.<Integer>getList("entities.reconciliations.submissions").stream()
                .mapToLong(Integer::longValue).sum()).isEqualTo(db.count(
                "SELECT count(*) FROM reconciliation WHERE business_date BETWEEN ?::date AND ?::date", from, to));
        assertThat(channels.<Integer>getList("entities.payments.count").stream()
                .mapToLong(Integer::longValue).sum()).isEqualTo(db.count(
                "SELECT count(*) FROM payment WHERE status = 'APPLIED' AND entity_code IS NOT NULL"
                        + " AND business_date BETWEEN ?::date AND ?::date", from, to));

        for (String report : List.of("card-debit", "public-sector", "channels", "recovery")) {
            String csv = asStaff().accept("text/csv").queryParam("from", from).queryParam("to", to)
                    .get("/api/v1/reports/" + report).then().statusCode(200)
                    .header("Content-Disposition", startsWith("attachment; filename=")).extract().asString();
            assertThat(csv).as(report).endsWith("\r\n").doesNotContain("\"amount\":");
        }
    }

    @Test
    void bad_parameters_are_named_and_only_staff_may_read_reports() {
        asStaff().queryParam("to", "2026-01-31").queryParam("groupBy", "day").get("/api/v1/reports/collections")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        asStaff().queryParam("from", "2026-02-01").queryParam("to", "2026-01-31").queryParam("groupBy", "day")
                .get("/api/v1/reports/collections").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-report-period")).body("errors[0].field", equalTo("to"));
        asStaff().queryParam("from", "2010-01-01").queryParam("to", "2026-01-31").queryParam("groupBy", "day")
                .get("/api/v1/reports/collections").then().statusCode(400).body("errors[0].field", equalTo("to"));
        asStaff().queryParam("from", "2026-01-01").queryParam("to", "2026-01-31").queryParam("groupBy", "week")
                .get("/api/v1/reports/collections").then().statusCode(400).body("errors[0].field", equalTo("groupBy"));
        asStaff().queryParam("from", "2026-01-01").queryParam("to", "2026-02-30").queryParam("groupBy", "day")
                .get("/api/v1/reports/collections").then().statusCode(400).body("errors[0].field", equalTo("to"));
        asStaff().queryParam("from", "2026-01-01\u0000").queryParam("to", "2026-01-31")
                .get("/api/v1/reports/recovery").then().statusCode(400).body("errors[0].field", equalTo("from"));
        asStaff().queryParam("year", "20x6").get("/api/v1/reports/collections/year-over-year").then().statusCode(400)
                .body("errors[0].field", equalTo("year"));
        asStaff().queryParam("year", "1900").get("/api/v1/reports/collections/year-over-year").then().statusCode(400)
                .body("errors[0].field", equalTo("year"));
        asStaff().get("/api/v1/reports/collections/year-over-year").then().statusCode(400)
                .body("errors[0].field", equalTo("year"));
        asStaff().queryParam("asOf", "yesterday").get("/api/v1/reports/portfolio-aging").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        // Far days are refused before anything is read or computed (a rate-days table to year 100000 would not fit).
        for (String far : List.of("+100000-01-01", "1899-12-31", "-0001-01-01")) {
            asStaff().queryParam("asOf", far).get("/api/v1/reports/portfolio-aging").then().statusCode(400)
                    .body("errors[0].field", equalTo("asOf"));
            asStaff().queryParam("asOf", far).get("/api/v1/reports/agreements").then().statusCode(400)
                    .body("errors[0].field", equalTo("asOf"));
            asStaff().queryParam("from", far).queryParam("to", "2026-01-31").get("/api/v1/reports/card-debit")
                    .then().statusCode(400).body("errors[0].field", equalTo("from"));
        }
        asStaff().queryParam("asOf", LocalDate.now(clock).plusYears(1).plusDays(1).toString())
                .get("/api/v1/reports/portfolio-aging").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        asStaff().queryParam("from", "2999-12-01").queryParam("to", "+3000-01-31").get("/api/v1/reports/channels")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));

        String bank = Api.newBankKey("RPT-NOSY");
        String employer = Api.newKey("EMPLOYER", TestIds.companyRuc());
        for (String key : List.of(bank, employer)) {
            as(key).queryParam("from", "2026-01-01").queryParam("to", "2026-01-31").queryParam("groupBy", "day")
                    .get("/api/v1/reports/collections").then().statusCode(403);
            as(key).accept("text/csv").queryParam("from", "2026-01-01").queryParam("to", "2026-01-31")
                    .queryParam("groupBy", "day").get("/api/v1/reports/collections").then().statusCode(403);
            as(key).get("/api/v1/reports/portfolio-aging").then().statusCode(403);
        }
        io.restassured.RestAssured.given().get("/api/v1/reports/agreements").then().statusCode(401);
    }
}
