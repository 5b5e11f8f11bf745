package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.application.port.in.ExpireConceptVouchersUseCase;
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
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Miscellaneous concepts: a staff catalogue, read and paid by anyone without a key. */
@QuarkusTest
class ConceptsHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";

    @Inject
    TestClock clock;
    @Inject
    Database db;
    @Inject
    ExpireConceptVouchersUseCase expiry;

    private String fixed;
    private String open;

    /** Whatever the test did to obligations, the open portfolio the database keeps agrees with them (V19). */
    @AfterEach
    void openPortfolioStaysInStep() {
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    @BeforeEach
    void twoConcepts() {
        clock.fix(Instant.parse("2024-06-10T15:00:00Z"));
        fixed = "RENT-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        open = "COPIES-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        asStaff().body(Map.of("code", fixed, "name", "Arriendo de local", "fixedAmount", "450.00"))
                .post("/api/v1/admin/concepts").then().statusCode(201).body("fixedAmount", equalTo("450.00"));
        asStaff().body(Map.of("code", open, "name", "Copias certificadas")).post("/api/v1/admin/concepts").then()
                .statusCode(201);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, Object> request(String concept, String payer, String amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("conceptCode", concept);
        body.put("payerId", payer);
        body.put("payerName", "John Smith");
        if (amount != null) {
            body.put("amount", amount);
        }
        return body;
    }

    @Test
    void anyone_reads_the_catalogue_without_a_key() {
        given().get("/api/v1/concepts").then().statusCode(200).body("items.code", hasItem(fixed));
        asStaff().body(Map.of("code", fixed, "name", "otra")).post("/api/v1/admin/concepts").then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "concept-exists"));
        given().contentType("application/json").body(Map.of("code", "X1", "name", "x"))
                .post("/api/v1/admin/concepts").then().statusCode(401);
    }

    @Test
    void anyone_gets_a_voucher_for_a_concept_and_a_bank_can_collect_it() {
        var voucher = given().contentType("application/json").body(request(fixed, "p1234567", null))
                .post("/api/v1/public/concept-vouchers").then().statusCode(201)
                .body("debtorId", equalTo("P1234567"))
                .body("amount", equalTo("450.00"))
                .body("lines[0].type", equalTo("MISC_CONCEPT"))
                .body("lines[0].interest", equalTo("0.00"))
                .body("expiresOn", equalTo("2024-06-17"))
                .extract();
        String bank = Api.newBankKey("BANCO-CONCEPTOS");
        as(bank).get("/api/v1/channel/payables?reference=" + voucher.path("reference")).then().statusCode(200);
        assertThat(db.string("SELECT actor FROM audit_log WHERE action = 'VOUCHER_ISSUED' AND entity_id = ?",
                (String) voucher.path("reference"))).isEqualTo("public");
    }

    @Test
    void staff_alone_create_concepts_and_a_bad_code_or_fixed_amount_is_a_400_that_stores_nothing() {
        long before = db.count("SELECT count(*) FROM concept");
        for (String code : List.of("rent", "R", "BAD CODE", "ABCDEFGHIJKLMNOPQRSTU", "RENTA$")) {
            asStaff().body(Map.of("code", code, "name", "Arriendo")).post("/api/v1/admin/concepts").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "invalid-concept-code"));
        }
        for (String amount : List.of("0.00", "0", "abc", "-5.00", "1.001", "1e3")) {
            asStaff().body(Map.of("code", "FIX-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(),
                            "name", "Arriendo", "fixedAmount", amount)).post("/api/v1/admin/concepts").then()
                    .statusCode(400).body("type", equalTo(PROBLEMS + "invalid-amount"))
                    .body("errors[0].field", equalTo("fixedAmount"));
        }
        Map<String, Object> valid = Map.of("code", "BANKS-" + UUID.randomUUID().toString().substring(0, 6)
                .toUpperCase(), "name", "Arriendo", "fixedAmount", "10.00");
        for (String key : List.of(Api.newBankKey("BANCO-CONCEPTOS"), Api.newKey("EMPLOYER", "1710034065"))) {
            as(key).body(valid).post("/api/v1/admin/concepts").then().statusCode(403)
                    .body("type", equalTo(PROBLEMS + "forbidden"));
        }
        assertThat(db.count("SELECT count(*) FROM concept")).isEqualTo(before);
    }

    @Test
    void a_company_pays_a_concept_with_its_ruc() {
        String ruc = TestIds.companyRuc();
        Map<String, Object> body = request(fixed, ruc, null);
        body.put("payerName", "Comercial Andina S.A.");
        var voucher = given().contentType("application/json").body(body).post("/api/v1/public/concept-vouchers")
                .then().statusCode(201)
                .body("debtorId", equalTo(ruc))
                .body("debtorName", equalTo("Comercial Andina S.A."))
                .body("amount", equalTo("450.00"))
                .body("lines[0].type", equalTo("MISC_CONCEPT"))
                .extract();
        assertThat(db.string("SELECT debtor_id FROM obligation WHERE held_by = ?", (String) voucher.path("reference")))
                .isEqualTo(ruc);
    }

    @Test
    void the_amount_is_required_exactly_when_the_concept_has_no_fixed_amount() {
        given().contentType("application/json").body(request(fixed, "1710034065", "10.00"))
                .post("/api/v1/public/concept-vouchers").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "amount-not-allowed"));
        given().contentType("application/json").body(request(open, "1710034065", null))
                .post("/api/v1/public/concept-vouchers").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "amount-required"));
        given().contentType("application/json").body(request(open, "1710034065", "12.50"))
                .post("/api/v1/public/concept-vouchers").then().statusCode(201).body("amount", equalTo("12.50"));
    }

    @Test
    void public_requests_are_validated_like_any_other_and_small() {
        long before = db.count("SELECT count(*) FROM obligation");
        given().contentType("application/json").body(request(open, "1710034066", "1.00"))
                .post("/api/v1/public/concept-vouchers").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-debtor-id"));
        given().contentType("application/json").body(request(open, "AB", "1.00"))
                .post("/api/v1/public/concept-vouchers").then().statusCode(400);
        given().contentType("application/json").body(request(open, "1710034065", "0.00"))
                .post("/api/v1/public/concept-vouchers").then().statusCode(400);
        given().contentType("application/json").body(request("NO-SUCH", "1710034065", "1.00"))
                .post("/api/v1/public/concept-vouchers").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "unknown-concept"));
        Map<String, Object> big = request(open, "1710034065", "1.00");
        big.put("payerName", "x".repeat(20_000));
        given().contentType("application/json").body(big).post("/api/v1/public/concept-vouchers").then()
                .statusCode(413).contentType("application/problem+json");
        assertThat(db.count("SELECT count(*) FROM obligation")).isEqualTo(before);
    }

    @Test
    void an_unpaid_concept_voucher_leaves_no_debt_once_its_grace_day_for_late_postings_has_passed() {
        String reference = given().contentType("application/json").body(request(open, "1710034065", "33.00"))
                .post("/api/v1/public/concept-vouchers").then().statusCode(201).extract().path("reference");
        String obligation = db.string("SELECT id::text FROM obligation WHERE held_by = ?", reference);

        // Last payable day 2024-06-17; a bank may post that day's payment up to 24 hours late, on the 18th. (The job
        // is global: other tests' obligations may lapse too, so this one's status is what is checked.)
        expiry.expire(LocalDate.of(2024, 6, 17));
        expiry.expire(LocalDate.of(2024, 6, 18));
        assertThat(db.string("SELECT status FROM obligation WHERE id = ?::uuid", obligation)).isEqualTo("PENDING");

        assertThat(expiry.expire(LocalDate.of(2024, 6, 19))).isGreaterThanOrEqualTo(1);
        assertThat(db.string("SELECT status FROM obligation WHERE id = ?::uuid", obligation)).isEqualTo("CANCELLED");
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'OBLIGATION_CANCELLED'",
                obligation)).isEqualTo(1);
        assertThat(expiry.expire(LocalDate.of(2024, 6, 20))).isZero();
    }

    @Test
    void a_payment_made_on_the_last_day_and_posted_after_the_nightly_expiry_still_applies() {
        String bank = Api.newBankKey("CONC-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase());
        var voucher = given().contentType("application/json").body(request(open, "1710034065", "33.00"))
                .post("/api/v1/public/concept-vouchers").then().statusCode(201).extract();
        String reference = voucher.path("reference");
        String obligation = db.string("SELECT id::text FROM obligation WHERE held_by = ?", reference);

        // The nightly job runs at 00:30 on the 18th; the bank posts at 10:00 a payment made at 20:00 on the 17th.
        clock.fix(Instant.parse("2024-06-18T05:30:00Z"));
        expiry.expire(LocalDate.of(2024, 6, 18));
        assertThat(db.string("SELECT status FROM obligation WHERE id = ?::uuid", obligation)).isEqualTo("PENDING");
        clock.fix(Instant.parse("2024-06-18T15:00:00Z"));
        as(bank).body(Map.of("bankTransactionId", "LATE-" + UUID.randomUUID(), "reference", reference,
                        "amount", voucher.path("amount"), "paidAt", "2024-06-17T20:00:00-05:00"))
                .post("/api/v1/channel/payments").then().statusCode(201).body("businessDate", equalTo("2024-06-17"));
        assertThat(db.string("SELECT status FROM obligation WHERE id = ?::uuid", obligation)).isEqualTo("PAID");
        expiry.expire(LocalDate.of(2024, 6, 19));
        assertThat(db.string("SELECT status FROM obligation WHERE id = ?::uuid", obligation)).isEqualTo("PAID");
    }
}
