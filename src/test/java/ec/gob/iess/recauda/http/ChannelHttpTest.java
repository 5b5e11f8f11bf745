package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** The partner-bank channel: query, pay, reverse, reconcile; every operation scoped to the caller's entity. */
@QuarkusTest
class ChannelHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";

    @Inject
    TestClock clock;
    @Inject
    Database db;

    private String entity;
    private String bank;

    @BeforeEach
    void aBankWithCutoffAt17() {
        // Monday 2024-06-10, 10:00 in Guayaquil.
        clock.fix(Instant.parse("2024-06-10T15:00:00Z"));
        db.clearRates();
        Api.setRate("2020-01-01", "0.1095");
        entity = "BANK-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.registerEntity(entity, "17:00");
        bank = Api.newKey("BANK", entity);
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

    private void execute(String sql) {
        java.sql.SQLException failure = db.tryExecute(sql);
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private ExtractableResponse<Response> voucherFor(String debtor, String principal) {
        String id = Api.createObligation(obligation(debtor, "FINE", principal, "2024-05-31"));
        return Api.issueVoucher(debtor, id);
    }

    private Map<String, Object> payment(String transaction, ExtractableResponse<Response> voucher, String paidAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("bankTransactionId", transaction);
        body.put("reference", voucher.path("reference"));
        body.put("amount", voucher.path("amount"));
        body.put("paidAt", paidAt);
        return body;
    }

    @Test
    void onboarding_is_data_and_an_inactive_entity_is_locked_out_of_the_channel() {
        assertThat(Api.itemOf("/api/v1/admin/financial-entities", "code", entity)).containsEntry("active", true);
        String reference = voucherFor(TestIds.companyRuc(), "10.00").path("reference");
        as(bank).get("/api/v1/channel/payables?reference=" + reference).then().statusCode(200);

        asStaff().body(Map.of("active", false)).patch("/api/v1/admin/financial-entities/" + entity).then()
                .statusCode(200).body("active", equalTo(false));
        as(bank).get("/api/v1/channel/payables?reference=" + reference).then().statusCode(403);
        as(bank).get("/api/v1/channel/reconciliation/2024-06-10").then().statusCode(403);
        as(bank).get("/api/v1/vouchers/" + reference).then().statusCode(403);

        asStaff().body(Map.of("active", true, "cutoffTime", "18:30"))
                .patch("/api/v1/admin/financial-entities/" + entity).then().statusCode(200)
                .body("cutoffTime", equalTo("18:30"));
        as(bank).get("/api/v1/channel/payables?reference=" + reference).then().statusCode(200);
    }

    @Test
    void every_channel_operation_of_an_inactive_entity_is_forbidden_and_changes_nothing() {
        String debtor = TestIds.companyRuc();
        var paid = voucherFor(debtor, "10.00");
        Map<String, Object> posted = payment("INACTIVE-" + UUID.randomUUID(), paid, "2024-06-10T09:00:00-05:00");
        String paymentId = as(bank).body(posted).post("/api/v1/channel/payments").then().statusCode(201)
                .extract().path("paymentId");
        String unpaid = voucherFor(debtor, "20.00").path("reference");
        String freeDebtor = TestIds.companyRuc(); // a query by debtor id would issue a voucher for it
        Api.createObligation(obligation(freeDebtor, "FINE", "30.00", "2024-05-31"));
        asStaff().body(Map.of("active", false)).patch("/api/v1/admin/financial-entities/" + entity).then()
                .statusCode(200);
        long payments = db.count("SELECT count(*) FROM payment WHERE entity_code = ?", entity);
        String requestId = "INACTIVE-" + UUID.randomUUID();

        java.util.function.Supplier<io.restassured.specification.RequestSpecification> inactive =
                () -> as(bank).header("X-Request-Id", requestId);
        List<Response> answers = List.of(
                inactive.get().get("/api/v1/channel/payables?reference=" + unpaid),
                inactive.get().get("/api/v1/channel/payables?debtorId=" + freeDebtor),
                inactive.get().body(payment("INACTIVE-" + UUID.randomUUID(), voucherFor(debtor, "5.00"),
                        "2024-06-10T09:30:00-05:00")).post("/api/v1/channel/payments"),
                inactive.get().body(posted).post("/api/v1/channel/payments"), // not even a replay
                inactive.get().get("/api/v1/channel/payments/" + paymentId),
                inactive.get().queryParam("bankTransactionId", posted.get("bankTransactionId"))
                        .get("/api/v1/channel/payments"),
                inactive.get().body(Map.of("reason", "no")).post("/api/v1/channel/payments/" + paymentId + "/reversal"),
                inactive.get().get("/api/v1/channel/reconciliation/2024-06-10"),
                inactive.get().body(Map.of("items", List.of())).post("/api/v1/channel/reconciliation/2024-06-10"),
                inactive.get().get("/api/v1/vouchers/" + unpaid),
                inactive.get().accept("application/pdf").get("/api/v1/vouchers/" + unpaid));
        assertThat(answers).hasSize(11).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.jsonPath().getString("type")).isEqualTo(PROBLEMS + "forbidden");
            assertThat(r.jsonPath().getString("detail")).contains(entity).contains("inactive");
        });

        assertThat(db.count("SELECT count(*) FROM payment WHERE entity_code = ?", entity)).isEqualTo(payments);
        assertThat(db.string("SELECT status FROM payment WHERE id = ?::uuid", paymentId)).isEqualTo("APPLIED");
        assertThat(db.count("SELECT count(*) FROM voucher WHERE debtor_id = ?", freeDebtor)).isZero();
        assertThat(db.count("SELECT count(*) FROM reconciliation WHERE entity_code = ?", entity)).isZero();
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE correlation_id = ?", requestId)).isZero();

        asStaff().body(Map.of("active", true)).patch("/api/v1/admin/financial-entities/" + entity).then()
                .statusCode(200);
        as(bank).get("/api/v1/channel/payables?reference=" + unpaid).then().statusCode(200);
        as(bank).body(posted).post("/api/v1/channel/payments").then().statusCode(200)
                .body("paymentId", equalTo(paymentId));
    }

    @Test
    void two_entities_use_the_same_transaction_id_independently() {
        String otherEntity = "TWIN-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.registerEntity(otherEntity, "17:00");
        String other = Api.newKey("BANK", otherEntity);
        String transaction = "SHARED-" + UUID.randomUUID();
        var mine = voucherFor(TestIds.companyRuc(), "10.00");
        var theirs = voucherFor(TestIds.companyRuc(), "20.00");
        Map<String, Object> myBody = payment(transaction, mine, "2024-06-10T09:00:00-05:00");
        Map<String, Object> theirBody = payment(transaction, theirs, "2024-06-10T09:05:00-05:00");

        String myPayment = as(bank).body(myBody).post("/api/v1/channel/payments").then().statusCode(201)
                .body("entityCode", equalTo(entity)).extract().path("paymentId");
        String theirPayment = as(other).body(theirBody).post("/api/v1/channel/payments").then().statusCode(201)
                .body("entityCode", equalTo(otherEntity)).extract().path("paymentId");
        assertThat(theirPayment).isNotEqualTo(myPayment);

        as(bank).body(myBody).post("/api/v1/channel/payments").then().statusCode(200)
                .body("paymentId", equalTo(myPayment));
        as(other).body(theirBody).post("/api/v1/channel/payments").then().statusCode(200)
                .body("paymentId", equalTo(theirPayment));
        // Within one entity the id still names one payment: the other entity sending my body is a mismatch.
        as(other).body(myBody).post("/api/v1/channel/payments").then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "idempotency-mismatch"));
        as(bank).queryParam("bankTransactionId", transaction).get("/api/v1/channel/payments").then()
                .statusCode(200).body("paymentId", equalTo(myPayment));
        as(other).queryParam("bankTransactionId", transaction).get("/api/v1/channel/payments").then()
                .statusCode(200).body("paymentId", equalTo(theirPayment));
        as(other).body(Map.of("items", List.of(Map.of("bankTransactionId", transaction, "amount",
                        theirs.path("amount"))))).post("/api/v1/channel/reconciliation/2024-06-10").then()
                .statusCode(200).body("matchedCount", equalTo(1)).body("balanced", equalTo(true));
        assertThat(db.count("SELECT count(*) FROM payment WHERE bank_transaction_id = ?", transaction)).isEqualTo(2);
    }

    @Test
    void a_reversal_on_the_vouchers_last_day_leaves_it_expired_after_that_day_with_its_obligations_free() {
        String debtor = TestIds.companyRuc();
        var voucher = voucherFor(debtor, "70.00"); // expires 2024-06-17
        String reference = voucher.path("reference");
        String obligationId = voucher.path("lines[0].obligationId");
        clock.fix(Instant.parse("2024-06-17T15:00:00Z"));
        Map<String, Object> body = payment("LASTDAY-" + UUID.randomUUID(), voucher, "2024-06-17T09:30:00-05:00");
        String paymentId = as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(201)
                .body("businessDate", equalTo("2024-06-17")).extract().path("paymentId");
        clock.fix(Instant.parse("2024-06-17T21:30:00Z")); // 16:30, before the cut-off
        as(bank).body(Map.of("reason", "anulada")).post("/api/v1/channel/payments/" + paymentId + "/reversal")
                .then().statusCode(200).body("status", equalTo("REVERSED"));
        asStaff().get("/api/v1/vouchers/" + reference).then().body("status", equalTo("ISSUED"));

        clock.fix(Instant.parse("2024-06-18T15:00:00Z"));
        asStaff().get("/api/v1/vouchers/" + reference).then().body("status", equalTo("EXPIRED"));
        as(bank).get("/api/v1/vouchers/" + reference).then().body("status", equalTo("EXPIRED"));
        as(bank).get("/api/v1/channel/payables?reference=" + reference).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-expired"));
        asStaff().get("/api/v1/obligations/" + obligationId).then().body("status", equalTo("PENDING"))
                .body("principalPaid", equalTo("0.00")).body("interestPaid", equalTo("0.00"));
        as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(200)
                .body("status", equalTo("REVERSED"));
        // Free: the obligation goes on a new voucher.
        assertThat(Api.issueVoucher(debtor, obligationId).<List<String>>path("lines.obligationId"))
                .containsExactly(obligationId);
    }

    @Test
    void a_reversal_after_the_voucher_expired_at_an_earlier_cutoff_frees_its_obligations_for_a_newer_voucher() {
        String debtor = TestIds.companyRuc();
        String first = Api.createObligation(obligation(debtor, "FINE", "15.00", "2024-04-30"));
        String second = Api.createObligation(obligation(debtor, "GLOSA", "25.00", "2024-05-31"));
        var voucher = Api.issueVoucher(debtor, first, second); // expires 2024-06-17
        String reference = voucher.path("reference");
        String laterEntity = "LATE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.registerEntity(laterEntity, "18:00");
        String later = Api.newKey("BANK", laterEntity);

        clock.fix(Instant.parse("2024-06-17T22:10:00Z")); // 17:10: past this bank's cut-off, before the later one's
        String paymentId = as(later).body(payment("REV-" + UUID.randomUUID(), voucher, "2024-06-17T17:05:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201).body("businessDate", equalTo("2024-06-17"))
                .extract().path("paymentId");
        clock.fix(Instant.parse("2024-06-17T22:40:00Z")); // 17:40
        as(later).body(Map.of("reason", "anulada")).post("/api/v1/channel/payments/" + paymentId + "/reversal")
                .then().statusCode(200).body("status", equalTo("REVERSED"));

        // Restored exactly, and expired for the bank whose cut-off has passed: its obligations are free there.
        assertThat(db.count("SELECT count(*) FROM obligation WHERE held_by = ? AND status = 'PENDING'"
                + " AND principal_paid = 0 AND interest_paid = 0", reference)).isEqualTo(2);
        as(bank).get("/api/v1/channel/payables?reference=" + reference).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-expired"));
        var fresh = as(bank).get("/api/v1/channel/payables?debtorId=" + debtor).then().statusCode(200)
                .body("items", hasSize(1)).extract();
        String newer = fresh.path("items[0].reference");
        asStaff().get("/api/v1/vouchers/" + newer).then().body("lines.obligationId",
                org.hamcrest.Matchers.containsInAnyOrder(first, second));
        // The reversed voucher is EXPIRED now, everywhere.
        asStaff().get("/api/v1/vouchers/" + reference).then().body("status", equalTo("EXPIRED"));
        as(later).get("/api/v1/channel/payables?reference=" + reference).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-expired"));
    }

    @Test
    void a_payment_whose_transaction_fails_at_its_last_write_leaves_nothing_behind() {
        String debtor = TestIds.companyRuc();
        String first = Api.createObligation(obligation(debtor, "FINE", "15.00", "2024-04-30"));
        String second = Api.createObligation(obligation(debtor, "GLOSA", "25.00", "2024-05-31"));
        var voucher = Api.issueVoucher(debtor, first, second);
        String reference = voucher.path("reference");
        String transaction = "DOOMED-" + UUID.randomUUID();
        String obligationsBefore = db.string("SELECT string_agg(status || ' ' || principal_paid || ' ' || interest_paid"
                + " || ' ' || version || ' ' || updated_at, ',' ORDER BY id) FROM obligation WHERE held_by = ?", reference);
        String voucherBefore = db.string("SELECT status || ' ' || version FROM voucher WHERE reference = ?", reference);
        long auditBefore = db.count("SELECT count(*) FROM audit_log");
        // The audit row is the transaction's last write: make the database refuse it, for this transaction only.
        String function = "fail_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'injected failure'; END $$");
        execute("CREATE TRIGGER " + function + " BEFORE INSERT ON audit_log FOR EACH ROW"
                + " WHEN (NEW.details ->> 'bankTransactionId' = '" + transaction + "') EXECUTE FUNCTION "
                + function + "()");
        try {
            as(bank).body(payment(transaction, voucher, "2024-06-10T09:00:00-05:00"))
                    .post("/api/v1/channel/payments").then().statusCode(500)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "internal-error"));
        } finally {
            execute("DROP TRIGGER " + function + " ON audit_log");
            execute("DROP FUNCTION " + function + "()");
        }

        // The payment, its allocations, the obligations' changes, the voucher's and the audit row went together.
        assertThat(db.count("SELECT count(*) FROM payment WHERE bank_transaction_id = ?", transaction)).isZero();
        assertThat(db.count("SELECT count(*) FROM payment_allocation WHERE obligation_id IN (?::uuid, ?::uuid)",
                first, second)).isZero();
        assertThat(db.string("SELECT string_agg(status || ' ' || principal_paid || ' ' || interest_paid"
                + " || ' ' || version || ' ' || updated_at, ',' ORDER BY id) FROM obligation WHERE held_by = ?", reference))
                .isEqualTo(obligationsBefore);
        assertThat(db.string("SELECT status || ' ' || version FROM voucher WHERE reference = ?", reference))
                .isEqualTo(voucherBefore);
        assertThat(db.count("SELECT count(*) FROM audit_log")).isEqualTo(auditBefore);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE details ->> 'bankTransactionId' = ?", transaction))
                .isZero();
        // And the transaction id was not used up: the bank's retry pays.
        as(bank).body(payment(transaction, voucher, "2024-06-10T09:00:00-05:00")).post("/api/v1/channel/payments")
                .then().statusCode(201);
    }

    @Test
    void entity_codes_cutoffs_and_duplicates_are_checked() {
        asStaff().body(Map.of("code", entity, "name", "x", "type", "BANK", "cutoffTime", "17:00"))
                .post("/api/v1/admin/financial-entities").then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "entity-exists"));
        asStaff().body(Map.of("code", "bad code", "name", "x", "type", "BANK", "cutoffTime", "17:00"))
                .post("/api/v1/admin/financial-entities").then().statusCode(400);
        asStaff().body(Map.of("code", "OK-CODE", "name", "x", "type", "BANK", "cutoffTime", "25:00"))
                .post("/api/v1/admin/financial-entities").then().statusCode(400)
                .body("errors[0].field", equalTo("cutoffTime"));
        asStaff().body(Map.of("code", "OK-CODE", "name", "x", "type", "SHOP", "cutoffTime", "17:00"))
                .post("/api/v1/admin/financial-entities").then().statusCode(400);
        asStaff().body(Map.of("active", false)).patch("/api/v1/admin/financial-entities/NO-SUCH").then()
                .statusCode(404);
        as(bank).get("/api/v1/admin/financial-entities").then().statusCode(403);

        for (String bad : List.of("ok-code", "Ok-Code", "A", "ABCDEFGHIJKLMNOPQRSTU")) {
            asStaff().body(Map.of("code", bad, "name", "x", "type", "BANK", "cutoffTime", "17:00"))
                    .post("/api/v1/admin/financial-entities").then().statusCode(400)
                    .body("type", equalTo(PROBLEMS + "invalid-entity-code"));
        }
        asStaff().body(Map.of("code", "OK-CODE", "name", "x", "type", "BANK", "cutoffTime", "24:00"))
                .post("/api/v1/admin/financial-entities").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-cutoff-time"));
        for (String bad : List.of("25:00", "24:00", "5pm", "17:00:00", "")) {
            asStaff().body(Map.of("active", false, "cutoffTime", bad))
                    .patch("/api/v1/admin/financial-entities/" + entity).then().statusCode(400)
                    .body("type", equalTo(PROBLEMS + "invalid-cutoff-time"))
                    .body("errors[0].field", equalTo("cutoffTime"));
        }
        // Refused whole: neither the cut-off nor the flag sent with it changed.
        assertThat(Api.itemOf("/api/v1/admin/financial-entities", "code", entity))
                .containsEntry("cutoffTime", "17:00").containsEntry("active", true);
    }

    @Test
    void payables_by_reference_answer_only_a_voucher_that_can_be_paid_now() {
        String debtor = TestIds.companyRuc();
        var voucher = voucherFor(debtor, "100.00");
        String reference = voucher.path("reference");
        as(bank).get("/api/v1/channel/payables?reference=" + reference).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].reference", equalTo(reference))
                .body("items[0].debtorId", equalTo(debtor))
                .body("items[0].amount", equalTo(voucher.path("amount")))
                .body("items[0].expiresOn", equalTo("2024-06-17"))
                .body("items[0].description", notNullValue());

        as(bank).get("/api/v1/channel/payables?reference=4852016937150404").then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "voucher-not-found"));
        as(bank).get("/api/v1/channel/payables?reference=1234").then().statusCode(400);
        as(bank).get("/api/v1/channel/payables").then().statusCode(400);
        as(bank).get("/api/v1/channel/payables?reference=" + reference + "&debtorId=" + debtor).then()
                .statusCode(400);

        as(bank).body(payment("T-" + UUID.randomUUID(), voucher, "2024-06-10T09:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201);
        as(bank).get("/api/v1/channel/payables?reference=" + reference).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "already-paid"));

        String cancelled = voucherFor(debtor, "5.00").path("reference");
        asStaff().delete("/api/v1/vouchers/" + cancelled).then().statusCode(200);
        as(bank).get("/api/v1/channel/payables?reference=" + cancelled).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-cancelled"));

        String expiring = voucherFor(debtor, "6.00").path("reference");
        clock.fix(Instant.parse("2024-06-18T15:00:00Z"));
        as(bank).get("/api/v1/channel/payables?reference=" + expiring).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-expired"));
    }

    @Test
    void payables_by_debtor_offer_unexpired_vouchers_and_one_new_voucher_for_everything_else() {
        String debtor = TestIds.companyRuc();
        var existing = voucherFor(debtor, "10.00");
        Api.createObligation(obligation(debtor, "FINE", "20.00", "2024-04-30"));
        Api.createObligation(obligation(debtor, "GLOSA", "30.00", "2024-03-31"));

        var first = as(bank).get("/api/v1/channel/payables?debtorId=" + debtor).then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].reference", equalTo(existing.path("reference")))
                .extract();
        String fresh = first.path("items[1].reference");
        asStaff().get("/api/v1/vouchers/" + fresh).then().body("lines", hasSize(2)).body("status", equalTo("ISSUED"));

        as(bank).get("/api/v1/channel/payables?debtorId=" + debtor).then().statusCode(200)
                .body("items.reference", org.hamcrest.Matchers.containsInAnyOrder(existing.path("reference"), fresh));
        as(bank).get("/api/v1/channel/payables?debtorId=" + TestIds.companyRuc()).then().statusCode(200)
                .body("items", hasSize(0));
        as(bank).get("/api/v1/channel/payables?debtorId=123").then().statusCode(400);
    }

    @Test
    void a_payment_is_applied_interest_first_and_marks_obligations_and_voucher_paid() {
        String debtor = TestIds.companyRuc();
        var voucher = voucherFor(debtor, "1000.00");
        String obligationId = voucher.path("lines[0].obligationId");

        var paid = as(bank).body(payment("PCH-0001-" + UUID.randomUUID(), voucher, "2024-06-10T09:30:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201)
                .body("reference", equalTo(voucher.path("reference")))
                .body("amount", equalTo(voucher.path("amount")))
                .body("businessDate", equalTo("2024-06-10"))
                .body("status", equalTo("APPLIED"))
                .body("allocations", hasSize(1))
                .body("allocations[0].obligationId", equalTo(obligationId))
                .body("allocations[0].interest", equalTo(voucher.path("lines[0].interest")))
                .body("allocations[0].principal", equalTo("1000.00"))
                .extract();
        assertThat(paid.header("Location")).endsWith("/api/v1/channel/payments/" + paid.path("paymentId"));

        asStaff().get("/api/v1/obligations/" + obligationId).then().body("status", equalTo("PAID"))
                .body("principalPaid", equalTo("1000.00"))
                .body("interestPaid", equalTo(voucher.path("lines[0].interest")));
        asStaff().get("/api/v1/vouchers/" + voucher.path("reference")).then().body("status", equalTo("PAID"));
        asStaff().get("/api/v1/debtors/" + debtor + "/statement?asOf=2024-07-01").then().body("items", hasSize(0));
        asStaff().get("/api/v1/debtors/" + debtor + "/payments").then().body("items", hasSize(1))
                .body("items[0].paymentId", equalTo(paid.path("paymentId")));
        as(bank).get("/api/v1/channel/payments/" + paid.path("paymentId")).then().statusCode(200)
                .body("status", equalTo("APPLIED"));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'PAYMENT_APPLIED' AND entity_id = ?",
                (String) paid.path("paymentId"))).isEqualTo(1);
    }

    @Test
    void the_business_date_moves_to_the_next_day_after_the_cutoff() {
        var before = voucherFor(TestIds.companyRuc(), "10.00");
        var after = voucherFor(TestIds.companyRuc(), "10.00");
        clock.fix(Instant.parse("2024-06-10T23:00:00Z")); // 18:00 in Guayaquil
        as(bank).body(payment("T-" + UUID.randomUUID(), before, "2024-06-10T17:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201).body("businessDate", equalTo("2024-06-10"));
        as(bank).body(payment("T-" + UUID.randomUUID(), after, "2024-06-10T17:00:01-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201).body("businessDate", equalTo("2024-06-11"));
    }

    @Test
    void a_retry_with_the_same_transaction_replays_the_first_answer_and_a_different_body_is_refused() {
        var voucher = voucherFor(TestIds.companyRuc(), "50.00");
        // Nanoseconds in paidAt: the database keeps microseconds, and a retry must still match.
        Map<String, Object> body = payment("RETRY-" + UUID.randomUUID(), voucher,
                "2024-06-10T09:00:00.123456789-05:00");
        String paymentId = as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(201)
                .extract().path("paymentId");

        as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("paymentId", equalTo(paymentId)).body("status", equalTo("APPLIED"));
        Map<String, Object> changed = new HashMap<>(body);
        changed.put("paidAt", "2024-06-10T09:05:00-05:00");
        as(bank).body(changed).post("/api/v1/channel/payments").then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "idempotency-mismatch"));
        assertThat(db.count("SELECT count(*) FROM payment WHERE voucher_reference = ?",
                (String) voucher.path("reference"))).isEqualTo(1);
    }

    @Test
    void a_retry_more_than_a_day_after_paid_at_still_replays_the_first_answer() {
        var voucher = voucherFor(TestIds.companyRuc(), "50.00");
        Map<String, Object> body = payment("LATE-" + UUID.randomUUID(), voucher, "2024-06-10T09:00:00-05:00");
        String paymentId = as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(201)
                .extract().path("paymentId");

        clock.fix(Instant.parse("2024-06-11T15:00:00Z")); // 25 hours after paidAt
        as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("paymentId", equalTo(paymentId)).body("status", equalTo("APPLIED"));
        clock.fix(Instant.parse("2024-06-25T15:00:00Z")); // and after the voucher's expiry
        as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("paymentId", equalTo(paymentId));

        // The 24-hour rule still holds for a transaction id that was never used.
        Map<String, Object> fresh = new HashMap<>(body);
        fresh.put("bankTransactionId", "LATE-" + UUID.randomUUID());
        as(bank).body(fresh).post("/api/v1/channel/payments").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "paid-at-too-old"));
        assertThat(db.count("SELECT count(*) FROM payment WHERE voucher_reference = ?",
                (String) voucher.path("reference"))).isEqualTo(1);
    }

    @Test
    void a_retry_that_changes_the_reference_or_the_amount_is_a_mismatch_and_changes_nothing() {
        var voucher = voucherFor(TestIds.companyRuc(), "50.00");
        var another = voucherFor(TestIds.companyRuc(), "60.00");
        Map<String, Object> body = payment("MISMATCH-" + UUID.randomUUID(), voucher, "2024-06-10T09:00:00-05:00");
        as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(201);

        List<Map<String, Object>> changes = List.of(
                Map.of("reference", "4852016937150404"), // well formed, but no voucher has it: still a mismatch
                Map.of("reference", another.path("reference")),
                Map.of("reference", another.path("reference"), "amount", another.path("amount")),
                Map.of("amount", "49.99"));
        for (Map<String, Object> change : changes) {
            Map<String, Object> changed = new HashMap<>(body);
            changed.putAll(change);
            as(bank).body(changed).post("/api/v1/channel/payments").then().statusCode(409)
                    .body("type", equalTo(PROBLEMS + "idempotency-mismatch"))
                    .body("detail", org.hamcrest.Matchers.containsString((String) voucher.path("reference")));
        }
        assertThat(db.count("SELECT count(*) FROM payment WHERE bank_transaction_id = ?",
                (String) body.get("bankTransactionId"))).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM payment WHERE voucher_reference = ?",
                (String) another.path("reference"))).isZero();
        asStaff().get("/api/v1/vouchers/" + another.path("reference")).then().body("status", equalTo("ISSUED"));
    }

    @Test
    void every_reading_of_a_payment_lists_its_allocations_in_the_order_the_payment_reached_them() {
        // Four obligations whose id order is not their due-date order, so an answer sorted by id would show.
        String debtor;
        List<String> byDueDate;
        do {
            debtor = TestIds.companyRuc();
            byDueDate = new java.util.ArrayList<>();
            for (String due : List.of("2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31")) {
                byDueDate.add(Api.createObligation(obligation(debtor, "FINE", "100.00", due)));
            }
        } while (byDueDate.stream().sorted().toList().equals(byDueDate));
        var voucher = Api.issueVoucher(debtor, byDueDate.get(2), byDueDate.get(0), byDueDate.get(3),
                byDueDate.get(1));
        Map<String, Object> body = payment("ORDER-" + UUID.randomUUID(), voucher, "2024-06-10T09:00:00-05:00");

        var first = as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(201).extract();
        List<Map<String, String>> allocations = first.path("allocations");
        assertThat(allocations).extracting(a -> a.get("obligationId")).containsExactlyElementsOf(byDueDate);
        // Interest first, then principal: each obligation receives its frozen line whole, oldest first.
        assertThat(allocations).extracting(a -> a.get("interest"))
                .containsExactlyElementsOf(voucher.<List<String>>path("lines.interest"));
        assertThat(allocations).extracting(a -> a.get("principal")).containsOnly("100.00");

        String paymentId = first.path("paymentId");
        List<List<Map<String, String>>> readings = List.of(
                as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(200).extract()
                        .path("allocations"),
                as(bank).get("/api/v1/channel/payments/" + paymentId).then().statusCode(200).extract()
                        .path("allocations"),
                as(bank).get("/api/v1/channel/payments?bankTransactionId=" + body.get("bankTransactionId")).then()
                        .statusCode(200).extract().path("allocations"),
                asStaff().get("/api/v1/debtors/" + debtor + "/payments").then().statusCode(200).extract()
                        .path("items[0].allocations"));
        assertThat(readings).allSatisfy(r -> assertThat(r).isEqualTo(allocations));
        assertThat(db.string("SELECT string_agg(position::text, ',' ORDER BY position) FROM payment_allocation"
                + " WHERE payment_id = ?::uuid", paymentId)).isEqualTo("0,1,2,3");
    }

    @Test
    void a_wrong_amount_an_expired_or_paid_voucher_and_a_future_payment_are_refused() {
        String debtor = TestIds.companyRuc();
        var voucher = voucherFor(debtor, "50.00");
        Map<String, Object> wrongAmount = payment("T-" + UUID.randomUUID(), voucher, "2024-06-10T09:00:00-05:00");
        wrongAmount.put("amount", "50.00");
        as(bank).body(wrongAmount).post("/api/v1/channel/payments").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "amount-mismatch"));
        as(bank).body(payment("T-" + UUID.randomUUID(), voucher, "2024-06-10T11:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "paid-at-in-future"));
        as(bank).body(payment("T-" + UUID.randomUUID(), voucher, "2024-06-10T09:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201);
        as(bank).body(payment("T-" + UUID.randomUUID(), voucher, "2024-06-10T09:01:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "already-paid"));

        var expiring = voucherFor(debtor, "7.00");
        clock.fix(Instant.parse("2024-06-20T15:00:00Z"));
        as(bank).body(payment("T-" + UUID.randomUUID(), expiring, "2024-06-20T09:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-expired"));
    }

    @Test
    void a_payment_more_than_a_day_old_is_refused() {
        var voucher = voucherFor(TestIds.companyRuc(), "50.00");
        as(bank).body(payment("OLD-" + UUID.randomUUID(), voucher, "2024-06-09T09:59:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "paid-at-too-old"));
        as(bank).body(payment("OLD-" + UUID.randomUUID(), voucher, "2024-06-09T10:01:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201);
    }

    @Test
    void a_bank_finds_its_payment_by_transaction_id_after_a_timeout() {
        var voucher = voucherFor(TestIds.companyRuc(), "50.00");
        String transaction = "LOST-" + UUID.randomUUID();
        as(bank).get("/api/v1/channel/payments?bankTransactionId=" + transaction).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "payment-not-found"));
        String paymentId = as(bank).body(payment(transaction, voucher, "2024-06-10T09:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201).extract().path("paymentId");
        as(bank).get("/api/v1/channel/payments?bankTransactionId=" + transaction).then().statusCode(200)
                .body("paymentId", equalTo(paymentId));
        String other = "OTHER-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.registerEntity(other, "17:00");
        as(Api.newKey("BANK", other)).get("/api/v1/channel/payments?bankTransactionId=" + transaction).then()
                .statusCode(404);
    }

    @Test
    void after_the_cutoff_on_its_last_day_a_voucher_is_expired_for_the_bank_and_a_fresh_one_is_offered() {
        String debtor = TestIds.companyRuc();
        var voucher = voucherFor(debtor, "40.00"); // issued 2024-06-10, expires 2024-06-17
        clock.fix(Instant.parse("2024-06-17T23:30:00Z")); // 18:30 in Guayaquil: the entity's business date is the 18th
        as(bank).get("/api/v1/channel/payables?reference=" + voucher.path("reference")).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-expired"));
        as(bank).get("/api/v1/channel/payables?debtorId=" + debtor).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].reference", not(equalTo(voucher.path("reference"))))
                .body("items[0].expiresOn", equalTo("2024-06-25"));
    }

    @Test
    void a_voucher_superseded_after_an_earlier_cutoff_is_expired_everywhere_and_cannot_be_paid() {
        String debtor = TestIds.companyRuc();
        var voucher = voucherFor(debtor, "40.00"); // issued 2024-06-10, expires 2024-06-17
        String reference = voucher.path("reference");
        String obligationId = voucher.path("lines[0].obligationId");
        String laterEntity = "LATE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.registerEntity(laterEntity, "18:00");
        String later = Api.newKey("BANK", laterEntity);

        // 17:30 in Guayaquil on the voucher's last day: past this bank's cut-off (17:00), before the other's (18:00).
        clock.fix(Instant.parse("2024-06-17T22:30:00Z"));
        as(later).get("/api/v1/channel/payables?reference=" + reference).then().statusCode(200);
        as(later).get("/api/v1/channel/payables?debtorId=" + debtor).then().statusCode(200)
                .body("items.reference", equalTo(List.of(reference)));

        // For this bank the voucher has expired and its obligation is free: a query by debtor id issues a newer one.
        String newer = as(bank).get("/api/v1/channel/payables?debtorId=" + debtor).then().statusCode(200)
                .body("items", hasSize(1)).extract().path("items[0].reference");
        assertThat(newer).isNotEqualTo(reference);
        assertThat(db.string("SELECT held_by FROM obligation WHERE id = ?::uuid", obligationId)).isEqualTo(newer);

        // The old voucher is superseded: expired at the later bank too, by reference and for payment.
        as(later).get("/api/v1/channel/payables?reference=" + reference).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-expired"))
                .body("detail", org.hamcrest.Matchers.containsString("superseded by a newer voucher"));
        as(later).body(payment("SUP-" + UUID.randomUUID(), voucher, "2024-06-17T17:20:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-expired"))
                .body("detail", org.hamcrest.Matchers.containsString("superseded by a newer voucher"));
        // Nor does an earlier paidAt help, whose business date is still the voucher's last day.
        as(bank).body(payment("SUP-" + UUID.randomUUID(), voucher, "2024-06-17T16:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "voucher-expired"));
        as(later).get("/api/v1/channel/payables?debtorId=" + debtor).then().statusCode(200)
                .body("items.reference", equalTo(List.of(newer)));
        asStaff().get("/api/v1/vouchers/" + reference).then().statusCode(200).body("status", equalTo("EXPIRED"));
        assertThat(db.count("SELECT count(*) FROM payment WHERE voucher_reference = ?", reference)).isZero();

        // The newer voucher is what gets paid, once.
        var current = asStaff().get("/api/v1/vouchers/" + newer).then().statusCode(200).extract();
        as(later).body(payment("SUP-" + UUID.randomUUID(), current, "2024-06-17T17:25:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201);
        assertThat(db.string("SELECT status FROM obligation WHERE id = ?::uuid", obligationId)).isEqualTo("PAID");
    }

    @Test
    void a_transaction_id_may_hold_inner_spaces_and_letters_of_any_script_but_no_control_characters() {
        var voucher = voucherFor(TestIds.companyRuc(), "50.00");
        String id = "Pago Ñandú " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = payment(id, voucher, "2024-06-10T09:00:00-05:00");
        String paymentId = as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(201)
                .body("bankTransactionId", equalTo(id)).extract().path("paymentId");
        as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("paymentId", equalTo(paymentId));
        as(bank).queryParam("bankTransactionId", id).get("/api/v1/channel/payments").then().statusCode(200)
                .body("paymentId", equalTo(paymentId));
        as(bank).body(Map.of("items", List.of(Map.of("bankTransactionId", id, "amount", voucher.path("amount")))))
                .post("/api/v1/channel/reconciliation/2024-06-10").then().statusCode(200)
                .body("matchedCount", equalTo(1)).body("balanced", equalTo(true));
        // 64 characters outside the Basic Multilingual Plane are 64 characters (128 UTF-16 units), as stored.
        as(bank).body(payment("𝔸".repeat(64), voucherFor(TestIds.companyRuc(), "5.00"), "2024-06-10T09:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201);
        long before = db.count("SELECT count(*) FROM payment");

        var other = voucherFor(TestIds.companyRuc(), "6.00");
        for (String bad : List.of("bell\u0007", "two\nlines", "nul\u0000byte", "c1\u0085control", "tab\tinside",
                "trailing ", " leading", "no-break\u00A0", "𝔸".repeat(65))) {
            as(bank).body(payment(bad, other, "2024-06-10T09:00:00-05:00")).post("/api/v1/channel/payments").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "validation-error"))
                    .body("errors[0].field", equalTo("bankTransactionId"));
        }
        for (String bad : List.of("bell\u0007", "trailing ")) {
            as(bank).queryParam("bankTransactionId", bad).get("/api/v1/channel/payments").then().statusCode(400)
                    .body("errors[0].field", equalTo("bankTransactionId"));
            as(bank).body(Map.of("items", List.of(Map.of("bankTransactionId", bad, "amount", "1.00"))))
                    .post("/api/v1/channel/reconciliation/2024-06-10").then().statusCode(400)
                    .body("errors[0].field", equalTo("items[0].bankTransactionId"));
        }
        // Half a surrogate pair, which no database text can hold.
        as(bank).body("{\"bankTransactionId\":\"half\\ud800\",\"reference\":\"" + other.path("reference")
                        + "\",\"amount\":\"" + other.path("amount") + "\",\"paidAt\":\"2024-06-10T09:00:00-05:00\"}")
                .post("/api/v1/channel/payments").then().statusCode(400)
                .body("errors[0].field", equalTo("bankTransactionId"));
        assertThat(db.count("SELECT count(*) FROM payment")).isEqualTo(before);
        assertThat(db.count("SELECT count(*) FROM reconciliation WHERE entity_code = ?", entity)).isEqualTo(1);
    }

    @Test
    void bad_payment_requests_are_400s_that_store_nothing() {
        var voucher = voucherFor(TestIds.companyRuc(), "50.00");
        long before = db.count("SELECT count(*) FROM payment");
        for (Map.Entry<String, Object> bad : List.<Map.Entry<String, Object>>of(
                Map.entry("bankTransactionId", ""), Map.entry("bankTransactionId", "x".repeat(65)),
                Map.entry("bankTransactionId", " leading space"), Map.entry("reference", "123"),
                Map.entry("amount", "1.001"), Map.entry("amount", "-5.00"),
                Map.entry("paidAt", "2024-06-10T09:00:00"), Map.entry("paidAt", "ayer"))) {
            Map<String, Object> body = payment("T-" + UUID.randomUUID(), voucher, "2024-06-10T09:00:00-05:00");
            body.put(bad.getKey(), bad.getValue());
            as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        assertThat(db.count("SELECT count(*) FROM payment")).isEqualTo(before);
        Map<String, Object> unknown = payment("T-" + UUID.randomUUID(), voucher, "2024-06-10T09:00:00-05:00");
        unknown.put("reference", "4852016937150404");
        as(bank).body(unknown).post("/api/v1/channel/payments").then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "voucher-not-found"));
    }

    @Test
    void a_reversal_on_the_same_business_day_restores_everything_and_is_idempotent() {
        String debtor = TestIds.companyRuc();
        var voucher = voucherFor(debtor, "80.00");
        String obligationId = voucher.path("lines[0].obligationId");
        String paymentId = as(bank).body(payment("T-" + UUID.randomUUID(), voucher, "2024-06-10T09:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201).extract().path("paymentId");

        as(bank).body(Map.of("reason", "Cajero anuló")).post("/api/v1/channel/payments/" + paymentId + "/reversal")
                .then().statusCode(200).body("paymentId", equalTo(paymentId)).body("status", equalTo("REVERSED"));
        as(bank).body(Map.of("reason", "otra vez")).post("/api/v1/channel/payments/" + paymentId + "/reversal")
                .then().statusCode(200).body("status", equalTo("REVERSED"));

        asStaff().get("/api/v1/obligations/" + obligationId).then().body("status", equalTo("PENDING"))
                .body("principalPaid", equalTo("0.00")).body("interestPaid", equalTo("0.00"));
        asStaff().get("/api/v1/vouchers/" + voucher.path("reference")).then().body("status", equalTo("ISSUED"));
        as(bank).get("/api/v1/channel/payables?reference=" + voucher.path("reference")).then().statusCode(200);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'PAYMENT_REVERSED' AND entity_id = ?",
                paymentId)).isEqualTo(1);
        // Paid again after the reversal: a new payment of the same voucher is allowed.
        as(bank).body(payment("T-" + UUID.randomUUID(), voucher, "2024-06-10T09:45:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201);
    }

    @Test
    void a_reversal_after_the_cutoff_or_of_another_entitys_payment_is_refused() {
        var voucher = voucherFor(TestIds.companyRuc(), "80.00");
        String paymentId = as(bank).body(payment("T-" + UUID.randomUUID(), voucher, "2024-06-10T09:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201).extract().path("paymentId");

        String otherEntity = "OTHER-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.registerEntity(otherEntity, "17:00");
        String otherBank = Api.newKey("BANK", otherEntity);
        as(otherBank).body(Map.of("reason", "x")).post("/api/v1/channel/payments/" + paymentId + "/reversal")
                .then().statusCode(404).body("type", equalTo(PROBLEMS + "payment-not-found"));
        as(otherBank).get("/api/v1/channel/payments/" + paymentId).then().statusCode(404);

        clock.fix(Instant.parse("2024-06-10T22:00:01Z")); // 17:00:01 in Guayaquil: past the cut-off
        as(bank).body(Map.of("reason", "tarde")).post("/api/v1/channel/payments/" + paymentId + "/reversal")
                .then().statusCode(422).body("type", equalTo(PROBLEMS + "reversal-window-closed"));
        as(bank).body(Map.of()).post("/api/v1/channel/payments/" + paymentId + "/reversal").then().statusCode(400);
        as(bank).get("/api/v1/channel/payments/" + paymentId).then().body("status", equalTo("APPLIED"));
    }

    @Test
    void the_day_lists_every_payment_and_counts_only_the_applied_ones() {
        var one = voucherFor(TestIds.companyRuc(), "10.00");
        var two = voucherFor(TestIds.companyRuc(), "20.00");
        String t1 = "D-" + UUID.randomUUID();
        String t2 = "D-" + UUID.randomUUID();
        as(bank).body(payment(t1, one, "2024-06-10T09:00:00-05:00")).post("/api/v1/channel/payments").then()
                .statusCode(201);
        String reversed = as(bank).body(payment(t2, two, "2024-06-10T09:10:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201).extract().path("paymentId");
        as(bank).body(Map.of("reason", "error")).post("/api/v1/channel/payments/" + reversed + "/reversal").then()
                .statusCode(200);

        as(bank).get("/api/v1/channel/reconciliation/2024-06-10").then().statusCode(200)
                .body("entityCode", equalTo(entity))
                .body("businessDate", equalTo("2024-06-10"))
                .body("count", equalTo(1))
                .body("total", equalTo(one.path("amount")))
                .body("payments", hasSize(2))
                .body("payments.find { it.bankTransactionId == '" + t2 + "' }.status", equalTo("REVERSED"));
        as(bank).get("/api/v1/channel/reconciliation/2024-02-30").then().statusCode(400);
    }

    @Test
    void a_reconciliation_reports_every_difference_and_is_stored_for_staff() {
        var one = voucherFor(TestIds.companyRuc(), "10.00");
        var two = voucherFor(TestIds.companyRuc(), "20.00");
        var three = voucherFor(TestIds.companyRuc(), "30.00");
        String t1 = "R1-" + UUID.randomUUID();
        String t2 = "R2-" + UUID.randomUUID();
        String t3 = "R3-" + UUID.randomUUID();
        for (var p : List.of(payment(t1, one, "2024-06-10T09:00:00-05:00"),
                payment(t2, two, "2024-06-10T09:01:00-05:00"), payment(t3, three, "2024-06-10T09:02:00-05:00"))) {
            as(bank).body(p).post("/api/v1/channel/payments").then().statusCode(201);
        }
        List<Map<String, String>> bankList = List.of(
                Map.of("bankTransactionId", t1, "amount", one.path("amount")),
                Map.of("bankTransactionId", t2, "amount", "1.00"),
                Map.of("bankTransactionId", "ONLY-AT-BANK", "amount", "5.00"));

        as(bank).body(Map.of("items", bankList)).post("/api/v1/channel/reconciliation/2024-06-10").then()
                .statusCode(200)
                .body("matchedCount", equalTo(1))
                .body("matchedTotal", equalTo(one.path("amount")))
                .body("missingHere.bankTransactionId", equalTo(List.of("ONLY-AT-BANK")))
                .body("missingAtBank.bankTransactionId", equalTo(List.of(t3)))
                .body("amountMismatches[0].bankTransactionId", equalTo(t2))
                .body("amountMismatches[0].bankAmount", equalTo("1.00"))
                .body("amountMismatches[0].ourAmount", equalTo(two.path("amount")))
                .body("balanced", equalTo(false));
        asStaff().get("/api/v1/admin/reconciliations?businessDate=2024-06-10").then().statusCode(200)
                .body("items.result.entityCode", hasItem(entity));
        as(bank).get("/api/v1/admin/reconciliations?businessDate=2024-06-10").then().statusCode(403);
        asStaff().get("/api/v1/admin/reconciliations").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("businessDate"));
        asStaff().get("/api/v1/admin/reconciliations?businessDate=2024-02-30").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-date"));

        as(bank).body(Map.of("items", List.of(Map.of("bankTransactionId", t1, "amount", "1.00"),
                        Map.of("bankTransactionId", t1, "amount", "1.00"))))
                .post("/api/v1/channel/reconciliation/2024-06-10").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "duplicate-transaction-id"));
    }

    @Test
    void only_banks_use_the_channel_and_employers_see_only_their_debtors_receipts() {
        String debtor = TestIds.companyRuc();
        String employer = Api.newKey("EMPLOYER", debtor);
        as(employer).get("/api/v1/channel/payables?debtorId=" + debtor).then().statusCode(403);
        asStaff().get("/api/v1/channel/reconciliation/2024-06-10").then().statusCode(403);
        as(employer).get("/api/v1/debtors/" + debtor + "/payments").then().statusCode(200);
        as(employer).get("/api/v1/debtors/" + TestIds.companyRuc() + "/payments").then().statusCode(404);
        as(bank).get("/api/v1/debtors/" + debtor + "/payments").then().statusCode(403);
    }
}
