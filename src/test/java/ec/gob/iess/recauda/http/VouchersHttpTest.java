package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Vouchers: issued for a debtor's obligations with a frozen amount, read, printed and cancelled. */
@QuarkusTest
class VouchersHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";

    @Inject
    TestClock clock;
    @Inject
    Database db;

    /** Whatever the test did to obligations, the open portfolio the database keeps agrees with them (V19). */
    @AfterEach
    void openPortfolioStaysInStep() {
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    @BeforeEach
    void fixTheDateAndRates() {
        // 2024-06-10 at 10:00 in Guayaquil.
        clock.fix(Instant.parse("2024-06-10T15:00:00Z"));
        db.clearRates();
        Api.setRate("2020-01-01", "0.1095");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void a_voucher_freezes_principal_plus_interest_projected_to_its_expiry_and_holds_its_obligations() {
        String debtor = TestIds.companyRuc();
        String old = Api.createObligation(obligation(debtor, "FINE", "1000.00", "2024-05-31"));
        String recent = Api.createObligation(obligation(debtor, "GLOSA", "333.33", "2024-06-05"));

        var voucher = Api.issueVoucher(debtor, recent, old);

        // Expires 2024-06-17. 0.1095/365 = 0.0003 a day. FINE: 17 days × 1000 × 0.0003 = 5.10;
        // GLOSA: 12 days × 333.33 × 0.0003 = 1.199988 → 1.20. Amount 1000 + 5.10 + 333.33 + 1.20 = 1339.63.
        assertThat((String) voucher.path("reference")).matches("[1-9][0-9]{15}");
        VoucherReference.parse(voucher.path("reference"));
        assertThat((String) voucher.path("amount")).isEqualTo("1339.63");
        assertThat((String) voucher.path("issuedOn")).isEqualTo("2024-06-10");
        assertThat((String) voucher.path("expiresOn")).isEqualTo("2024-06-17");
        assertThat((String) voucher.path("status")).isEqualTo("ISSUED");
        assertThat((String) voucher.path("debtorId")).isEqualTo(debtor);
        assertThat((String) voucher.path("debtorName")).isEqualTo("Deudor de prueba " + debtor);
        asStaff().get("/api/v1/vouchers/" + voucher.path("reference")).then().statusCode(200)
                .body("debtorName", equalTo("Deudor de prueba " + debtor));
        assertThat((List<String>) voucher.path("lines.obligationId")).containsExactly(old, recent);
        assertThat((List<String>) voucher.path("lines.interest")).containsExactly("5.10", "1.20");
        assertThat((List<String>) voucher.path("lines.principal")).containsExactly("1000.00", "333.33");
        assertThat(db.string("SELECT held_by FROM obligation WHERE id = ?::uuid", old))
                .isEqualTo(voucher.path("reference"));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'VOUCHER_ISSUED' AND entity_id = ?",
                (String) voucher.path("reference"))).isEqualTo(1);
    }

    @Test
    void a_voucher_over_debt_not_yet_due_expires_by_its_due_date_and_charges_no_arrears() {
        String debtor = TestIds.companyRuc();
        // Due in 3 days: the voucher expires on the due date, so it is exactly the principal.
        String soon = Api.createObligation(obligation(debtor, "FINE", "500.00", "2024-06-13"));
        var single = Api.issueVoucher(debtor, soon);
        assertThat((String) single.path("expiresOn")).isEqualTo("2024-06-13");
        assertThat((String) single.path("amount")).isEqualTo("500.00");
        assertThat((String) single.path("lines[0].interest")).isEqualTo("0.00");
        assertThat(db.string("SELECT held_until::text FROM obligation WHERE id = ?::uuid", soon))
                .isEqualTo("2024-06-13");

        // Mixed: overdue debt and a line due in 2 days. The voucher expires in 2 days; the overdue line's interest is
        // projected to then (12 days × 1000 × 0.0003 = 3.60), the other carries none.
        String overdue = Api.createObligation(obligation(debtor, "GLOSA", "1000.00", "2024-05-31"));
        String inTwoDays = Api.createObligation(obligation(debtor, "FINE", "200.00", "2024-06-12"));
        var mixed = Api.issueVoucher(debtor, inTwoDays, overdue);
        assertThat((String) mixed.path("expiresOn")).isEqualTo("2024-06-12");
        assertThat((List<String>) mixed.path("lines.obligationId")).containsExactly(overdue, inTwoDays);
        assertThat((List<String>) mixed.path("lines.interest")).containsExactly("3.60", "0.00");
        assertThat((String) mixed.path("amount")).isEqualTo("1203.60");

        // Due today: payable today only, still without arrears. Overdue debt alone keeps the 7 days.
        String today = Api.createObligation(obligation(debtor, "FINE", "80.00", "2024-06-10"));
        assertThat((String) Api.issueVoucher(debtor, today).path("expiresOn")).isEqualTo("2024-06-10");
        String late = Api.createObligation(obligation(debtor, "FINE", "90.00", "2024-06-09"));
        assertThat((String) Api.issueVoucher(debtor, late).path("expiresOn")).isEqualTo("2024-06-17");
    }

    @Test
    void an_expired_voucher_cannot_be_cancelled_while_a_bank_may_still_post_a_payment_of_its_last_day() {
        String debtor = TestIds.companyRuc();
        String id = Api.createObligation(obligation(debtor, "FINE", "100.00", "2024-05-31"));
        String reference = Api.issueVoucher(debtor, id).path("reference"); // expires 2024-06-17

        clock.fix(Instant.parse("2024-06-18T15:00:00Z")); // the grace day
        asStaff().delete("/api/v1/vouchers/" + reference).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "voucher-in-grace"));
        assertThat(db.string("SELECT held_by FROM obligation WHERE id = ?::uuid", id)).isEqualTo(reference);
        // Nor can the obligation itself be cancelled meanwhile.
        asStaff().header("If-Match", "\"1\"").body(Map.of("status", "CANCELLED", "reason", "duplicada"))
                .patch("/api/v1/obligations/" + id).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "obligation-held"));

        clock.fix(Instant.parse("2024-06-19T15:00:00Z"));
        asStaff().delete("/api/v1/vouchers/" + reference).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void an_obligation_on_an_unexpired_voucher_cannot_go_on_another_until_that_one_is_cancelled() {
        String debtor = TestIds.companyRuc();
        String id = Api.createObligation(obligation(debtor, "FINE", "10.00", "2024-05-31"));
        String first = Api.issueVoucher(debtor, id).path("reference");

        asStaff().body(Map.of("debtorId", debtor, "obligationIds", List.of(id))).post("/api/v1/vouchers").then()
                .statusCode(409).body("type", equalTo(PROBLEMS + "obligation-held"));
        asStaff().header("If-Match", "\"1\"").body(Map.of("status", "CANCELLED", "reason", "x"))
                .patch("/api/v1/obligations/" + id).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "obligation-held"));

        asStaff().delete("/api/v1/vouchers/" + first).then().statusCode(200).body("status", equalTo("CANCELLED"));
        asStaff().delete("/api/v1/vouchers/" + first).then().statusCode(200).body("status", equalTo("CANCELLED"));
        Api.issueVoucher(debtor, id);
    }

    @Test
    void after_its_expiry_a_voucher_is_expired_and_its_obligations_are_free() {
        String debtor = TestIds.companyRuc();
        String id = Api.createObligation(obligation(debtor, "FINE", "10.00", "2024-05-31"));
        String reference = Api.issueVoucher(debtor, id).path("reference");

        clock.fix(Instant.parse("2024-06-17T20:00:00Z")); // 2024-06-17, its last day
        asStaff().get("/api/v1/vouchers/" + reference).then().body("status", equalTo("ISSUED"));
        clock.fix(Instant.parse("2024-06-18T15:00:00Z"));
        asStaff().get("/api/v1/vouchers/" + reference).then().body("status", equalTo("EXPIRED"));
        Api.issueVoucher(debtor, id);
    }

    @Test
    void every_obligation_must_be_the_debtors_and_pending() {
        String debtor = TestIds.companyRuc();
        String others = Api.createObligation(obligation(TestIds.companyRuc(), "FINE", "10.00", "2024-05-31"));
        String mine = Api.createObligation(obligation(debtor, "FINE", "10.00", "2024-05-31"));
        for (String id : List.of(others, UUID.randomUUID().toString())) {
            asStaff().body(Map.of("debtorId", debtor, "obligationIds", List.of(mine, id))).post("/api/v1/vouchers")
                    .then().statusCode(422).body("type", equalTo(PROBLEMS + "obligation-not-of-debtor"));
        }
        String cancelled = Api.createObligation(obligation(debtor, "FINE", "10.00", "2024-05-31"));
        asStaff().header("If-Match", "\"0\"").body(Map.of("status", "CANCELLED", "reason", "x"))
                .patch("/api/v1/obligations/" + cancelled).then().statusCode(200);
        asStaff().body(Map.of("debtorId", debtor, "obligationIds", List.of(cancelled))).post("/api/v1/vouchers")
                .then().statusCode(422).body("type", equalTo(PROBLEMS + "obligation-not-pending"));
        asStaff().body(Map.of("debtorId", debtor, "obligationIds", List.of(mine, mine))).post("/api/v1/vouchers")
                .then().statusCode(400);
        asStaff().body(Map.of("debtorId", debtor, "obligationIds", List.of())).post("/api/v1/vouchers")
                .then().statusCode(400);
        asStaff().body(Map.of("debtorId", debtor, "obligationIds", List.of("nope"))).post("/api/v1/vouchers")
                .then().statusCode(400).body("errors[0].field", equalTo("obligationIds[0]"));
        assertThat(db.count("SELECT count(*) FROM voucher WHERE debtor_id = ?", debtor)).isZero();
    }

    @Test
    void an_employer_issues_reads_and_cancels_vouchers_of_its_own_debtor_only() {
        String debtor = TestIds.companyRuc();
        String other = TestIds.companyRuc();
        String key = Api.newKey("EMPLOYER", debtor);
        String mine = Api.createObligation(obligation(debtor, "FINE", "10.00", "2024-05-31"));
        String theirs = Api.createObligation(obligation(other, "FINE", "10.00", "2024-05-31"));

        String reference = as(key).body(Map.of("debtorId", debtor, "obligationIds", List.of(mine)))
                .post("/api/v1/vouchers").then().statusCode(201).extract().path("reference");
        as(key).get("/api/v1/vouchers/" + reference).then().statusCode(200);
        as(key).body(Map.of("debtorId", other, "obligationIds", List.of(theirs))).post("/api/v1/vouchers").then()
                .statusCode(404).body("type", equalTo(PROBLEMS + "debtor-not-found"));
        String othersVoucher = Api.issueVoucher(other, theirs).path("reference");
        as(key).get("/api/v1/vouchers/" + othersVoucher).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "voucher-not-found"));
        as(key).delete("/api/v1/vouchers/" + othersVoucher).then().statusCode(404);
        as(key).delete("/api/v1/vouchers/" + reference).then().statusCode(200);
    }

    @Test
    void any_bank_reads_any_voucher_but_may_not_issue_or_cancel() {
        String debtor = TestIds.companyRuc();
        String id = Api.createObligation(obligation(debtor, "FINE", "10.00", "2024-05-31"));
        String reference = Api.issueVoucher(debtor, id).path("reference");
        String bank = Api.newBankKey("BANCO-LECTOR");
        as(bank).get("/api/v1/vouchers/" + reference).then().statusCode(200).body("debtorId", equalTo(debtor));
        as(bank).delete("/api/v1/vouchers/" + reference).then().statusCode(403);
        as(bank).body(Map.of("debtorId", debtor, "obligationIds", List.of(id))).post("/api/v1/vouchers").then()
                .statusCode(403);
    }

    @Test
    void a_malformed_reference_or_one_failing_its_check_digits_is_a_400_before_any_look_up() {
        String valid = VoucherReference.random(new java.util.Random(7)).value();
        String swapped = valid.substring(0, 3) + valid.charAt(4) + valid.charAt(3) + valid.substring(5);
        String mistyped = valid.substring(0, 6) + (char) ('0' + (valid.charAt(6) - '0' + 1) % 10)
                + valid.substring(7);
        for (String bad : List.of("12345", "123456789012345X", swapped, mistyped, "0" + valid.substring(1))) {
            if (bad.equals(valid)) {
                continue;
            }
            asStaff().get("/api/v1/vouchers/" + bad).then().statusCode(400)
                    .body("type", equalTo(PROBLEMS + "invalid-voucher-reference"));
        }
        asStaff().get("/api/v1/vouchers/" + valid).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "voucher-not-found"));
    }

    @Test
    void the_voucher_prints_as_a_pdf_when_asked_for_one() {
        String debtor = TestIds.companyRuc();
        String id = Api.createObligation(obligation(debtor, "FINE", "10.00", "2024-05-31"));
        String reference = Api.issueVoucher(debtor, id).path("reference");
        byte[] pdf = asStaff().accept("application/pdf").get("/api/v1/vouchers/" + reference).then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        asStaff().get("/api/v1/vouchers/" + reference).then().statusCode(200).contentType("application/json");
    }

    @Test
    void a_paid_voucher_cannot_be_cancelled() {
        String debtor = TestIds.companyRuc();
        String id = Api.createObligation(obligation(debtor, "FINE", "10.00", "2024-05-31"));
        var voucher = Api.issueVoucher(debtor, id);
        String bank = Api.newBankKey("BANCO-PAGO");
        as(bank).body(Map.of("bankTransactionId", "T-" + UUID.randomUUID(), "reference", voucher.path("reference"),
                        "amount", voucher.path("amount"), "paidAt", "2024-06-10T09:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201);
        asStaff().delete("/api/v1/vouchers/" + voucher.path("reference")).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "already-paid"));
        asStaff().get("/api/v1/vouchers/" + voucher.path("reference")).then().body("status", equalTo("PAID"))
                .body("lines", hasSize(1));
        asStaff().get("/api/v1/obligations/" + id).then().body("status", equalTo("PAID"))
                .body("principalPaid", equalTo("10.00"));
    }
}
