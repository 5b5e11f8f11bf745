package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.application.port.in.ReportsUseCase;
import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
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
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
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
