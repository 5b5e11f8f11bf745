package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Lump-sum settlements over HTTP (issue 11 §3): one transfer applied exactly across obligations of several debtors,
 * interest first and oldest first; a repeated transfer answered with the first result, under concurrency too; the
 * surplus held as an unapplied fund that staff apply later through the SETTLEMENT channel.
 */
@QuarkusTest
class SettlementsHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";
    private static final String PATH = "/api/v1/admin/settlements";
    /** Friday 4 December 2026, 10:00 in Guayaquil: the settlements' value date. */
    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");

    @Inject
    Database db;
    @Inject
    TestClock clock;

    @BeforeEach
    void fixClock() {
        clock.fix(NOW);
        Api.setRate("2020-01-01", "0.1095");
    }

    /** Whatever the test did to obligations, the open portfolio the database keeps agrees with them (V19). */
    @AfterEach
    void openPortfolioStaysInStep() {
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Map<String, Object> request(String payer, String transfer, String amount, String key,
                                               List<String> ids) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("payerId", payer);
        body.put("transferReference", transfer);
        body.put("amount", amount);
        body.put("valueDate", "2026-12-04");
        body.put(key, ids);
        return body;
    }

    /** The statement lines of these debtors on the value date, oldest due first (ties by id), as the money goes. */
    private static List<Map<String, Object>> owed(String... debtors) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String debtor : debtors) {
            lines.addAll(asStaff().get("/api/v1/debtors/" + debtor + "/statement?asOf=2026-12-04").then()
                    .statusCode(200).extract().jsonPath().getList("items"));
        }
        lines.sort(Comparator.comparing((Map<String, Object> l) -> (String) l.get("dueDate"))
                .thenComparing(l -> UUID.fromString((String) l.get("obligationId"))));
        return lines;
    }

    private static BigDecimal amount(Object value) {
        return new BigDecimal((String) value);
    }

    @Test
    void a_ministrys_transfer_pays_its_schools_debts_interest_first_oldest_first_and_is_recorded_once() {
        String ministry = db.unusedPublicEntityRuc();
        String school = db.unusedPublicEntityRuc();
        String college = db.unusedPublicEntityRuc();
        Api.createObligation(Api.obligation(school, "GLOSA", "1200.00", "2021-03-31"));
        Api.createObligation(Api.obligation(college, "CREDIT_TITLE", "845.33", "2022-07-15"));
        Api.createObligation(Api.obligation(school, "CREDIT_TITLE", "300.00", "2024-01-10"));
        Api.createObligation(Api.obligation(college, "GLOSA", "99.99", "2026-11-30"));
        List<Map<String, Object>> owed = owed(school, college);
        assertThat(owed).hasSize(4);
        BigDecimal total = owed.stream().map(l -> amount(l.get("total"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        // Ten dollars short of everything: the newest obligation keeps 10.00 of its principal.
        BigDecimal paid = total.subtract(new BigDecimal("10.00"));
        String transfer = "BCE-" + UUID.randomUUID().toString().substring(0, 12);
        Map<String, Object> body = request(ministry, transfer, paid.toPlainString(), "debtorIds",
                List.of(school, college));

        JsonPath first = asStaff().body(body).post(PATH).then().statusCode(201).extract().jsonPath();
        String settlementId = first.getString("settlementId");
        assertThat(first.getString("payerId")).isEqualTo(ministry);
        assertThat(first.getString("appliedAmount")).isEqualTo(paid.toPlainString());
        assertThat(first.getString("unappliedAmount")).isEqualTo("0.00");
        assertThat(first.getString("unappliedFundId")).isNull();
        List<Map<String, Object>> applied = first.getList("applied");
        assertThat(applied).extracting(a -> a.get("obligationId"))
                .containsExactlyElementsOf(owed.stream().map(l -> l.get("obligationId")).toList());
        for (int i = 0; i < 4; i++) {
            Map<String, Object> a = applied.get(i);
            Map<String, Object> o = owed.get(i);
            assertThat(a.get("interest")).as("interest to the value date first").isEqualTo(o.get("interest"));
            BigDecimal principal = amount(o.get("principalBalance")).subtract(i == 3 ? BigDecimal.TEN
                    : BigDecimal.ZERO);
            assertThat(amount(a.get("principal"))).isEqualByComparingTo(principal);
            assertThat(a.get("fullyPaid")).isEqualTo(i < 3);
        }
        String partly = (String) owed.get(3).get("obligationId");
        asStaff().get("/api/v1/obligations/" + partly).then().body("status", equalTo("PENDING"));
        Map<String, Object> payment = Api.itemOf("/api/v1/debtors/" + college + "/payments", "settlementId",
                settlementId);
        assertThat(payment).containsEntry("channel", "SETTLEMENT").containsEntry("businessDate", "2026-12-04")
                .containsEntry("amount", paid.toPlainString());

        // The same request again: the first result. Another request with the transfer: a conflict. Nothing moves.
        asStaff().body(body).post(PATH).then().statusCode(200).body("settlementId", equalTo(settlementId))
                .body("applied.size()", equalTo(4));
        asStaff().body(request(ministry, transfer, "5.00", "debtorIds", List.of(school))).post(PATH).then()
                .statusCode(409).body("type", equalTo(PROBLEMS + "settlement-conflict"));
        // One transfer typed again in other letters' case, or with a space at its end, is never a second settlement.
        Map<String, Object> retyped = new LinkedHashMap<>(body);
        retyped.put("transferReference", transfer.toLowerCase(java.util.Locale.ROOT));
        asStaff().body(retyped).post(PATH).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "settlement-conflict"));
        retyped.put("transferReference", transfer + " ");
        asStaff().body(retyped).post(PATH).then().statusCode(400)
                .body("errors[0].field", equalTo("transferReference"));
        asStaff().get(PATH + "/" + settlementId).then().statusCode(200).body("transferReference", equalTo(transfer));
        assertThat(db.count("SELECT count(*) FROM payment WHERE settlement_id::text = ?", settlementId)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'SETTLEMENT_RECORDED'",
                settlementId)).isEqualTo(1);

        // A surplus is held as an unapplied fund; applied later, it pays through the SETTLEMENT channel.
        JsonPath surplus = asStaff().body(request(ministry, transfer + "-2", "25.00", "obligationIds",
                List.of(partly))).post(PATH).then().statusCode(201).extract().jsonPath();
        assertThat(surplus.getString("appliedAmount")).isEqualTo("10.00");
        assertThat(surplus.getString("unappliedAmount")).isEqualTo("15.00");
        String fund = surplus.getString("unappliedFundId");
        asStaff().get("/api/v1/admin/unapplied-funds/" + fund).then().statusCode(200)
                .body("settlementId", equalTo(surplus.getString("settlementId")))
                .body("amount", equalTo("15.00")).body("reason", equalTo("surplus")).body("status", equalTo("OPEN"));
        String fine = Api.createObligation(Api.obligation(school, "FINE", "15.00", "2026-12-20"));
        asStaff().body(Map.of("obligationIds", List.of(fine))).post("/api/v1/admin/unapplied-funds/" + fund
                + "/application").then().statusCode(200)
                .body("payment.channel", equalTo("SETTLEMENT"))
                .body("payment.settlementId", equalTo(surplus.getString("settlementId")))
                .body("payment.unappliedFundId", equalTo(fund))
                .body("fund.status", equalTo("APPLIED"));
        asStaff().get("/api/v1/obligations/" + fine).then().body("status", equalTo("PAID"));
    }

    @Test
    void a_settlement_that_may_not_pay_what_it_names_is_refused_whole_and_stores_nothing() {
        String ministry = db.unusedPublicEntityRuc();
        String school = db.unusedPublicEntityRuc();
        String open = Api.createObligation(Api.obligation(school, "GLOSA", "50.00", "2025-05-31"));
        String onVoucher = Api.createObligation(Api.obligation(school, "FINE", "20.00", "2026-12-20"));
        Api.issueVoucher(school, onVoucher);
        String transfer = "BCE-" + UUID.randomUUID().toString().substring(0, 12);

        asStaff().body(request(ministry, transfer, "70.00", "obligationIds", List.of(open, onVoucher,
                UUID.randomUUID().toString()))).post(PATH).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "obligation-not-eligible"))
                .body("obligations.reason", org.hamcrest.Matchers.contains("HELD_BY_VOUCHER", "NOT_FOUND"));
        asStaff().body(request(ministry, transfer, "70.00", "debtorIds", List.of(db.unusedPublicEntityRuc())))
                .post(PATH).then().statusCode(422).body("type", equalTo(PROBLEMS + "nothing-payable"));
        Map<String, Object> both = request(ministry, transfer, "70.00", "debtorIds", List.of(school));
        both.put("obligationIds", List.of(open));
        asStaff().body(both).post(PATH).then().statusCode(400).body("errors[0].field", equalTo("obligationIds"));
        asStaff().body(request(ministry, transfer, "70", "obligationIds", List.of(open))).post(PATH).then()
                .statusCode(400).body("errors[0].field", equalTo("amount"));
        Map<String, Object> future = request(ministry, transfer, "70.00", "obligationIds", List.of(open, open));
        future.put("valueDate", "2026-12-05");
        asStaff().body(future).post(PATH).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("valueDate", "obligationIds[1]"));

        assertThat(db.count("SELECT count(*) FROM settlement WHERE transfer_reference = ?", transfer)).isZero();
        asStaff().get("/api/v1/obligations/" + open).then().body("principalPaid", equalTo("0.00"));
    }

    @Test
    void one_transfer_sent_by_eight_threads_at_once_is_settled_once_and_answered_alike() throws Exception {
        String ministry = db.unusedPublicEntityRuc();
        String school = db.unusedPublicEntityRuc();
        Api.createObligation(Api.obligation(school, "GLOSA", "400.00", "2024-06-30"));
        Api.createObligation(Api.obligation(school, "GLOSA", "600.00", "2025-06-30"));
        Map<String, Object> body = request(ministry, "BCE-" + UUID.randomUUID().toString().substring(0, 12),
                "700.00", "debtorIds", List.of(school));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return asStaff().body(body).post(PATH);
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new HashMap<>();
            List<String> ids = new ArrayList<>();
            List<String> appliedAmounts = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response r = answer.get();
                statuses.merge(r.statusCode(), 1, Integer::sum);
                ids.add(r.path("settlementId"));
                appliedAmounts.add(r.path("appliedAmount"));
            }
            assertThat(statuses).containsEntry(201, 1).containsEntry(200, threads - 1).hasSize(2);
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(appliedAmounts).containsOnly("700.00");
            assertThat(db.count("SELECT count(*) FROM payment WHERE settlement_id::text = ?", ids.get(0)))
                    .isEqualTo(1);
            assertThat(db.string("SELECT sum(principal_paid + interest_paid)::text FROM obligation"
                    + " WHERE debtor_id = ?", school)).isEqualTo("700.00");
        } finally {
            pool.shutdownNow();
        }
    }
}
