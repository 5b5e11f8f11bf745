package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.adapter.out.cardprocessor.SimulatedCardProcessor;
import ec.gob.iess.recauda.application.port.in.RunCardDebitUseCase;
import ec.gob.iess.recauda.domain.card.ChargeOutcome;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Card debit over HTTP with the simulated processor (issue 12 §2): a run charges each due mandate for exactly the
 * debt due before the run date, with interest to that date, and pays it as a bank payment would (channel CARD); each
 * outcome does what it should (soft declines retried on the next two days, hard declines suspending, unknown outcomes
 * asked about before anything else is charged); runners racing on one date charge each mandate once. Its runs are
 * of dates in the first half of 2027, which no other test class runs (a run's counts are its date's).
 */
@QuarkusTest
class CardDebitHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";
    private static final String RUNS = "/api/v1/admin/card-debit-runs";

    @Inject
    Database db;
    @Inject
    TestClock clock;
    @Inject
    SimulatedCardProcessor processor;
    @Inject
    RunCardDebitUseCase debit;

    private final List<String> mandates = new ArrayList<>();

    /**
     * A day before the suite runs: the API clients and entities a test registers must sort before those other tests
     * register at the real time (PagingHttpTest); the runs move the clock on to their own days.
     */
    @BeforeEach
    void rates() {
        clock.fix(at(LocalDate.of(2026, 12, 1)));
        Api.setRate("2020-01-01", "0.1095");
    }

    /** Whatever the test did to obligations, the open portfolio the database keeps agrees with them (V19). */
    @AfterEach
    void openPortfolioStaysInStep() {
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    /** Every mandate a test registered is cancelled, so that the next test's run charges only its own. */
    @AfterEach
    void cancelMandates() {
        mandates.forEach(id -> asStaff().delete("/api/v1/card-mandates/" + id).then().statusCode(200));
        clock.reset();
    }

    /** 07:00 in Guayaquil on {@code date}. */
    private static Instant at(LocalDate date) {
        return date.atTime(LocalTime.of(7, 0)).atZone(TestClock.GUAYAQUIL).toInstant();
    }

    private static Map<String, Object> mandateBody(String token, int debitDay) {
        Map<String, Object> body = new HashMap<>();
        body.put("processorToken", token);
        body.put("brand", "VISA");
        body.put("last4", "4242");
        body.put("expiryMonth", 7);
        body.put("expiryYear", 2030);
        body.put("holderName", "MARIA PEREZ");
        body.put("debitDay", debitDay);
        return body;
    }

    private String mandate(String debtor, String token, int debitDay) {
        String id = asStaff().body(mandateBody(token + "_" + UUID.randomUUID().toString().substring(0, 8), debitDay))
                .post("/api/v1/debtors/" + debtor + "/card-mandates").then().statusCode(201)
                .body("status", equalTo("ACTIVE")).extract().path("id");
        mandates.add(id);
        return id;
    }

    /** Runs {@code date} as staff (the clock on that day) and waits until the run is COMPLETED. */
    private JsonPath run(LocalDate date) {
        clock.fix(at(date));
        String runId = asStaff().body(Map.of("date", date.toString())).post(RUNS).then().statusCode(202)
                .extract().path("runId");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonPath run = asStaff().get(RUNS + "/" + runId).then().statusCode(200).extract().jsonPath();
            if ("COMPLETED".equals(run.getString("status"))) {
                return run;
            }
            sleep(100);
        }
        throw new AssertionError("the run of " + date + " did not complete");
    }

    /**
     * The run once no charge of its date is unknown: a run is COMPLETED once its charges with no answer are known to
     * be unknown, and the runner asking the processor about one records its outcome a moment later.
     */
    private static JsonPath settled(JsonPath run) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (run.getLong("unknown") > 0 && System.nanoTime() < deadline) {
            sleep(100);
            run = asStaff().get(RUNS + "/" + run.getString("runId")).then().statusCode(200).extract().jsonPath();
        }
        return run;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<Map<String, Object>> charges(String debtor) {
        return asStaff().get("/api/v1/debtors/" + debtor + "/card-charges").then().statusCode(200).extract()
                .jsonPath().getList("items");
    }

    private static String status(String obligationId) {
        return asStaff().get("/api/v1/obligations/" + obligationId).then().statusCode(200).extract().path("status");
    }

    /** The statement total of these obligations of the debtor on {@code asOf}: principal and interest to that day. */
    private static BigDecimal owed(String debtor, LocalDate asOf, String... obligationIds) {
        List<Map<String, Object>> items = asStaff().get("/api/v1/debtors/" + debtor + "/statement?asOf=" + asOf)
                .then().statusCode(200).extract().jsonPath().getList("items");
        BigDecimal total = BigDecimal.ZERO;
        for (String id : obligationIds) {
            total = total.add(new BigDecimal((String) items.stream().filter(i -> id.equals(i.get("obligationId")))
                    .findFirst().orElseThrow().get("total")));
        }
        return total;
    }

    // ------------------------------------------------------------------------------------------------- mandates

    @Test
    void a_mandate_is_registered_read_listed_and_cancelled_and_a_debtor_has_one_active() {
        String debtor = TestIds.companyRuc();
        String id = mandate(debtor, "tok_sim_approve", 10);
        asStaff().get("/api/v1/card-mandates/" + id).then().statusCode(200)
                .body("debtorId", equalTo(debtor)).body("brand", equalTo("VISA")).body("last4", equalTo("4242"))
                .body("expiry", equalTo("2030-07")).body("debitDay", equalTo(10))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("processorToken")));
        asStaff().body(mandateBody("tok_other", 6)).post("/api/v1/debtors/" + debtor + "/card-mandates")
                .then().statusCode(409).body("type", equalTo(PROBLEMS + "mandate-active"));
        asStaff().delete("/api/v1/card-mandates/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        asStaff().delete("/api/v1/card-mandates/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        mandates.remove(id);
        clock.fix(at(LocalDate.of(2026, 12, 2)));
        String second = mandate(debtor, "tok_sim_approve", 14);
        List<Map<String, Object>> listed = asStaff().get("/api/v1/debtors/" + debtor + "/card-mandates").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(listed).extracting(m -> m.get("id")).containsExactly(second, id);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action IN"
                + " ('CARD_MANDATE_REGISTERED', 'CARD_MANDATE_CANCELLED')", id)).isEqualTo(2);
    }

    @Test
    void an_employer_manages_only_its_own_debtors_mandates() {
        String debtor = TestIds.companyRuc();
        String key = Api.newKey("EMPLOYER", debtor);
        String id = Api.as(key).body(mandateBody("tok_sim_approve", 6))
                .post("/api/v1/debtors/" + debtor + "/card-mandates").then().statusCode(201).extract().path("id");
        mandates.add(id);
        Api.as(key).get("/api/v1/debtors/" + debtor + "/card-charges").then().statusCode(200);
        String other = TestIds.companyRuc();
        String otherMandate = mandate(other, "tok_sim_approve", 6);
        Api.as(key).body(mandateBody("tok_x", 6)).post("/api/v1/debtors/" + other + "/card-mandates")
                .then().statusCode(404).body("type", equalTo(PROBLEMS + "debtor-not-found"));
        Api.as(key).get("/api/v1/card-mandates/" + otherMandate).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "mandate-not-found"));
        Api.as(key).delete("/api/v1/card-mandates/" + otherMandate).then().statusCode(404);
        Api.as(key).get("/api/v1/debtors/" + other + "/card-charges").then().statusCode(404);
        Api.as(key).body(Map.of("date", "2026-12-05")).post(RUNS).then().statusCode(403);
    }

    @Test
    void a_wrong_day_an_expired_card_and_wrong_fields_are_refused_and_named() {
        String debtor = TestIds.companyRuc();
        asStaff().body(mandateBody("tok_x", 7)).post("/api/v1/debtors/" + debtor + "/card-mandates").then()
                .statusCode(400).body("type", equalTo(PROBLEMS + "validation-error"))
                .body("errors[0].field", equalTo("debitDay"));
        Map<String, Object> expired = mandateBody("tok_x", 6);
        expired.put("expiryMonth", 11);
        expired.put("expiryYear", 2026);
        asStaff().body(expired).post("/api/v1/debtors/" + debtor + "/card-mandates").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "card-expired"));
        Map<String, Object> wrong = mandateBody("tok x", 6);
        wrong.put("brand", "VISAX");
        wrong.remove("last4");
        asStaff().body(wrong).post("/api/v1/debtors/" + debtor + "/card-mandates").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("processorToken", "brand", "last4"));
        assertThat(db.count("SELECT count(*) FROM card_mandate WHERE debtor_id = ?", debtor)).isZero();
    }

    // ---------------------------------------------------------------------------------------------------- runs

    @Test
    void a_run_charges_exactly_the_debt_due_before_its_date_and_pays_it_through_the_card_channel() {
        String debtor = TestIds.companyRuc();
        LocalDate day = LocalDate.of(2027, 1, 10);
        String old = Api.createObligation(obligation(debtor, "GLOSA", "50.00", "2026-11-15"));
        String overdue = Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-12-01"));
        String dueToday = Api.createObligation(obligation(debtor, "FINE", "70.00", "2027-01-10"));
        String later = Api.createObligation(obligation(debtor, "FINE", "30.00", "2027-01-20"));
        String held = Api.createObligation(obligation(debtor, "GLOSA", "40.00", "2026-10-01"));
        clock.fix(at(day.minusDays(2)));
        String heldBy = Api.issueVoucher(debtor, held).path("reference");
        mandate(debtor, "tok_sim_approve", 10);
        BigDecimal expected = owed(debtor, day, old, overdue);

        JsonPath run = run(day);

        assertThat(run.getString("date")).isEqualTo("2027-01-10");
        assertThat(run.getLong("mandates")).isEqualTo(1);
        assertThat(run.getLong("approved")).isEqualTo(1);
        assertThat(new BigDecimal(run.getString("amountCharged"))).isEqualByComparingTo(expected);
        List<Map<String, Object>> charges = charges(debtor);
        assertThat(charges).hasSize(1);
        Map<String, Object> charge = charges.get(0);
        assertThat(charge.get("status")).isEqualTo("APPROVED");
        assertThat(charge.get("chargeDate")).isEqualTo("2027-01-10");
        assertThat(new BigDecimal((String) charge.get("amount"))).isEqualByComparingTo(expected);
        assertThat(status(old)).isEqualTo("PAID");
        assertThat(status(overdue)).isEqualTo("PAID");
        assertThat(status(dueToday)).isEqualTo("PENDING");
        assertThat(status(later)).isEqualTo("PENDING");
        assertThat(status(held)).isEqualTo("PENDING");
        List<Map<String, Object>> payments = asStaff().get("/api/v1/debtors/" + debtor + "/payments").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0)).containsEntry("channel", "CARD").containsEntry("entityCode", "CARD-PROCESSOR")
                .containsEntry("paymentId", charge.get("paymentId"))
                .containsEntry("bankTransactionId", charge.get("id"))
                .containsEntry("reference", charge.get("voucherReference"))
                .containsEntry("businessDate", "2027-01-10");
        assertThat(heldBy).isNotEqualTo(charge.get("voucherReference"));
        String key = db.string("SELECT idempotency_key FROM card_charge WHERE id = ?::uuid", charge.get("id"));
        assertThat(processor.requests(key)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action IN ('CARD_CHARGE_SENT',"
                + " 'CARD_CHARGE_APPROVED')", charge.get("id"))).isEqualTo(2);

        // The same date again: nothing is charged twice.
        JsonPath again = run(day);
        assertThat(again.getLong("approved")).isEqualTo(1);
        assertThat(charges(debtor)).hasSize(1);
        assertThat(processor.requests(key)).isEqualTo(1);
    }

    @Test
    void a_soft_decline_frees_the_debt_and_is_retried_the_next_day_with_a_new_charge() {
        String debtor = TestIds.companyRuc();
        LocalDate day = LocalDate.of(2027, 1, 14);
        String fine = Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-12-01"));
        String mandateId = mandate(debtor, "tok_sim_soft_once", 14);

        JsonPath first = run(day);
        assertThat(first.getLong("softDeclined")).isEqualTo(1);
        Map<String, Object> declined = charges(debtor).get(0);
        assertThat(declined).containsEntry("status", "SOFT_DECLINED").containsEntry("declineCode",
                "insufficient_funds").containsEntry("retry", false);
        assertThat(status(fine)).isEqualTo("PENDING");
        asStaff().get("/api/v1/vouchers/" + declined.get("voucherReference")).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        asStaff().get("/api/v1/card-mandates/" + mandateId).then().body("retryOn", equalTo("2027-01-15"));

        JsonPath retry = run(day.plusDays(1));
        assertThat(retry.getLong("approved")).isEqualTo(1);
        Map<String, Object> approved = charges(debtor).get(0);
        assertThat(approved).containsEntry("status", "APPROVED").containsEntry("retry", true)
                .containsEntry("chargeDate", "2027-01-15");
        assertThat(new BigDecimal((String) approved.get("amount")))
                .isGreaterThan(new BigDecimal((String) declined.get("amount")));
        assertThat(status(fine)).isEqualTo("PAID");
        asStaff().get("/api/v1/card-mandates/" + mandateId).then().body("status", equalTo("ACTIVE"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("retryOn")));
    }

    @Test
    void soft_declines_are_tried_on_two_more_days_only() {
        String debtor = TestIds.companyRuc();
        LocalDate day = LocalDate.of(2027, 2, 10);
        Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-12-01"));
        mandate(debtor, "tok_sim_soft", 10);
        assertThat(run(day).getLong("softDeclined")).isEqualTo(1);
        assertThat(run(day.plusDays(1)).getLong("softDeclined")).isEqualTo(1);
        assertThat(run(day.plusDays(2)).getLong("softDeclined")).isEqualTo(1);
        assertThat(run(day.plusDays(3)).getLong("mandates")).isZero();
        assertThat(charges(debtor)).extracting(c -> c.get("status")).containsOnly("SOFT_DECLINED").hasSize(3);
    }

    @Test
    void a_hard_decline_suspends_the_mandate_which_is_never_charged_again() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-12-01"));
        String mandateId = mandate(debtor, "tok_sim_hard", 6);
        assertThat(run(LocalDate.of(2027, 2, 6)).getLong("hardDeclined")).isEqualTo(1);
        asStaff().get("/api/v1/card-mandates/" + mandateId).then().body("status", equalTo("SUSPENDED"))
                .body("statusReason", equalTo("hard decline: stolen_card"));
        assertThat(run(LocalDate.of(2027, 3, 6)).getLong("mandates")).isZero();
        assertThat(charges(debtor)).hasSize(1);
    }

    @Test
    void a_lost_charge_is_asked_about_and_sent_again_with_the_same_key() {
        String debtor = TestIds.companyRuc();
        String fine = Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-12-01"));
        mandate(debtor, "tok_sim_lost", 14);
        JsonPath run = settled(run(LocalDate.of(2027, 2, 14)));
        assertThat(run.getLong("approved")).isEqualTo(1);
        assertThat(run.getLong("unknown")).isZero();
        Map<String, Object> charge = charges(debtor).get(0);
        String key = db.string("SELECT idempotency_key FROM card_charge WHERE id = ?::uuid", charge.get("id"));
        // Lost, then asked about (by one runner: it holds the charge while it asks) and sent again with its key.
        assertThat(processor.requests(key)).isEqualTo(2);
        assertThat(processor.recorded(key).outcome()).isEqualTo(ChargeOutcome.APPROVED);
        assertThat(db.count("SELECT count(*) FROM payment WHERE channel = 'CARD' AND bank_transaction_id = ?",
                charge.get("id"))).isEqualTo(1);
        assertThat(status(fine)).isEqualTo("PAID");
    }

    @Test
    void a_charge_whose_answer_timed_out_is_resolved_by_its_status_without_charging_again() {
        String debtor = TestIds.companyRuc();
        String fine = Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-12-01"));
        mandate(debtor, "tok_sim_timeout", 10);
        JsonPath run = settled(run(LocalDate.of(2027, 3, 10)));
        assertThat(run.getLong("approved")).isEqualTo(1);
        String key = db.string("SELECT idempotency_key FROM card_charge WHERE debtor_id = ?", debtor);
        assertThat(processor.requests(key)).isEqualTo(1);
        assertThat(status(fine)).isEqualTo("PAID");
    }

    @Test
    void a_processor_that_answers_slowly_still_charges_once() {
        String debtor = TestIds.companyRuc();
        String fine = Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-12-01"));
        mandate(debtor, "tok_sim_slow", 14);
        long t0 = System.nanoTime();
        JsonPath run = settled(run(LocalDate.of(2027, 5, 14)));
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(1_000_000_000L); // the simulator's 1 s in tests
        assertThat(run.getLong("approved")).isEqualTo(1);
        String key = db.string("SELECT idempotency_key FROM card_charge WHERE debtor_id = ?", debtor);
        assertThat(processor.requests(key)).isEqualTo(1);
        assertThat(status(fine)).isEqualTo("PAID");
    }

    @Test
    void an_unknown_outcome_holds_the_debt_and_nothing_else_is_charged_to_the_mandate() {
        String debtor = TestIds.companyRuc();
        String fine = Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-12-01"));
        String bank = Api.newBankKey("BANCO-CARD-T");
        mandate(debtor, "tok_sim_down", 14);
        JsonPath run = run(LocalDate.of(2027, 3, 14));
        assertThat(run.getLong("unknown")).isEqualTo(1);
        Map<String, Object> charge = charges(debtor).get(0);
        assertThat(charge.get("status")).isEqualTo("PENDING_CONFIRMATION");
        String reference = (String) charge.get("voucherReference");

        // No bank can collect the debt meanwhile, nor the charge's voucher; nobody can cancel that voucher.
        Api.as(bank).get("/api/v1/channel/payables?debtorId=" + debtor).then().statusCode(200)
                .body("items.reference", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(reference)));
        Api.as(bank).get("/api/v1/channel/payables?reference=" + reference).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-of-card-charge"));
        String amount = (String) charge.get("amount");
        Api.as(bank).body(Map.of("bankTransactionId", "T-" + UUID.randomUUID(), "reference", reference, "amount",
                amount, "paidAt", at(LocalDate.of(2027, 3, 14)).plusSeconds(60).toString()))
                .post("/api/v1/channel/payments").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-of-card-charge"));
        asStaff().delete("/api/v1/vouchers/" + reference).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "voucher-of-card-charge"));
        assertThat(status(fine)).isEqualTo("PENDING");

        // The next debit day, the charge is still unknown: the mandate is skipped, not charged.
        clock.fix(at(LocalDate.of(2027, 4, 1)));
        Api.createObligation(obligation(debtor, "FINE", "10.00", "2027-04-01"));
        JsonPath next = run(LocalDate.of(2027, 4, 14));
        assertThat(next.getLong("skipped")).isEqualTo(1);
        assertThat(db.string("SELECT skip_reason FROM card_charge WHERE debtor_id = ? AND charge_date = '2027-04-14'",
                debtor)).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(charges(debtor)).hasSize(1);

        // This processor never comes back: the charge is closed by hand, or every later run on this database (other
        // test classes' included) would keep asking about it.
        db.execute("UPDATE card_charge SET status = 'SOFT_DECLINED', resolved_at = now() WHERE debtor_id = '"
                + debtor + "' AND status = 'PENDING_CONFIRMATION'");
    }

    @Test
    void an_expired_card_suspends_the_mandate_without_a_charge() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-12-01"));
        Map<String, Object> body = mandateBody("tok_sim_approve", 6);
        body.put("expiryMonth", 12);
        body.put("expiryYear", 2026);
        String id = asStaff().body(body).post("/api/v1/debtors/" + debtor + "/card-mandates").then().statusCode(201)
                .extract().path("id");
        mandates.add(id);
        JsonPath run = run(LocalDate.of(2027, 5, 6));
        assertThat(run.getLong("skipped")).isEqualTo(1);
        asStaff().get("/api/v1/card-mandates/" + id).then().body("status", equalTo("SUSPENDED"))
                .body("statusReason", equalTo("card expired"));
        assertThat(charges(debtor)).isEmpty();
    }

    @Test
    void only_todays_run_can_be_started() {
        clock.fix(at(LocalDate.of(2027, 5, 10)));
        asStaff().body(Map.of("date", "2027-05-11")).post(RUNS).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "run-date-not-today"));
        asStaff().body(Map.of("date", "2027-05-09")).post(RUNS).then().statusCode(422);
        asStaff().get(RUNS + "/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "card-debit-run-not-found"));
        asStaff().contentType(ContentType.JSON).body("{}").post(RUNS).then().statusCode(400);
    }

    /**
     * Four runners and the background job work on one date at once: every mandate is charged exactly once (one
     * charge row, one request to the processor, one payment), and the run's counts add up.
     */
    @Test
    void runners_racing_on_one_date_charge_each_mandate_once() throws Exception {
        LocalDate day = LocalDate.of(2027, 6, 10);
        int n = 30;
        List<String> debtors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String debtor = TestIds.companyRuc();
            debtors.add(debtor);
            Api.createObligation(obligation(debtor, "FINE", (100 + i) + ".00", "2027-05-01"));
            mandate(debtor, "tok_sim_approve", 10);
        }
        clock.fix(at(day));
        String runId = asStaff().body(Map.of("date", day.toString())).post(RUNS).then().statusCode(202)
                .extract().path("runId");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runners.add(pool.submit(() -> {
                go.await();
                return debit.work();
            }));
        }
        go.countDown();
        int taken = 0;
        for (Future<Integer> r : runners) {
            taken += r.get();
        }
        pool.shutdown();
        assertThat(taken).isLessThanOrEqualTo(n);
        JsonPath run = run(day);
        assertThat(run.getString("runId")).isEqualTo(runId);
        assertThat(run.getLong("mandates")).isEqualTo(n);
        assertThat(run.getLong("approved")).isEqualTo(n);
        for (String debtor : debtors) {
            assertThat(db.count("SELECT count(*) FROM card_charge WHERE debtor_id = ?", debtor)).isEqualTo(1);
            String key = db.string("SELECT idempotency_key FROM card_charge WHERE debtor_id = ?", debtor);
            assertThat(processor.requests(key)).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM payment p JOIN card_charge c ON p.bank_transaction_id ="
                    + " c.id::text WHERE c.debtor_id = ? AND p.channel = 'CARD'", debtor)).isEqualTo(1);
        }
    }
}
