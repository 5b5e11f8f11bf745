package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Staff register, read, advance and cancel obligations; bad input is a 4xx that stores nothing. */
@QuarkusTest
class ObligationsHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";

    @Inject
    Database db;

    /** Whatever the test did to obligations, the open portfolio the database keeps agrees with them (V19). */
    @AfterEach
    void openPortfolioStaysInStep() {
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    @Test
    void registering_an_obligation_answers_201_with_location_etag_and_the_stored_obligation() {
        String debtor = TestIds.companyRuc();
        Map<String, Object> body = obligation(debtor, "CONTRIBUTION", "1250.50", null);
        body.put("period", "2024-03");
        body.put("sourceSystem", "PLANILLAS");
        body.put("externalReference", "PL-" + UUID.randomUUID());
        ExtractableResponse<Response> created = asStaff().body(body).post("/api/v1/obligations")
                .then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("debtorId", equalTo(debtor))
                .body("type", equalTo("CONTRIBUTION"))
                .body("stage", equalTo("REGULAR"))
                .body("status", equalTo("PENDING"))
                .body("principal", equalTo("1250.50"))
                .body("principalPaid", equalTo("0.00"))
                .body("interestPaid", equalTo("0.00"))
                .body("dueDate", equalTo("2024-04-15"))
                .body("period", equalTo("2024-03"))
                .body("warnings", hasSize(0))
                .body("version", equalTo(0))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/obligations/" + id);

        asStaff().get(created.header("Location")).then().statusCode(200).header("ETag", "\"0\"")
                .body("id", equalTo(id)).body("principal", equalTo("1250.50"));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'OBLIGATION_REGISTERED'"
                + " AND entity_id = ? AND actor = 'bootstrap'", id)).isEqualTo(1);
    }

    @Test
    void a_company_ruc_failing_its_check_digit_is_accepted_with_a_warning() {
        String debtor = TestIds.companyRucWithWrongCheckDigit();
        asStaff().body(obligation(debtor, "FINE", "10.00", "2024-01-31")).post("/api/v1/obligations")
                .then().statusCode(201).body("warnings", hasItem("RUC_CHECK_DIGIT_MISMATCH"));
    }

    @ParameterizedTest(name = "{0}={1} is refused: {3}")
    @CsvSource(delimiter = '|', value = {
            "debtorId|1712345678|invalid-debtor-id|check digit",
            "debtorId|2512345678|invalid-debtor-id|province code 25",
            "debtorId|1772345678|invalid-debtor-id|third digit",
            "debtorId|17123456|invalid-debtor-id|10 digits",
            "debtorId|1790012344000|invalid-debtor-id|000",
            "debtorId|ZQ99887766|invalid-debtor-id|passport is accepted only for",
            "principal|-10.00|invalid-amount|positive",
            "principal|0.00|invalid-amount|greater than zero",
            "principal|10.005|invalid-amount|two decimals",
            "principal|ten|invalid-amount|not a number",
            "principal|1e3|invalid-amount|not a number",
            "principal|1000000000000.00|invalid-amount|999999999999.99",
            "period|2024-13|invalid-period|month",
            "type|SALARY|validation-error|must be one of",
            "stage|LAWYER|validation-error|must be one of",
            "dueDate|2023-02-29|validation-error|must be a date that exists",
            "dueDate|31/01/2024|validation-error|must be a date that exists"})
    void bad_input_is_a_400_naming_the_rule_and_stores_nothing(String field, String value, String kind,
                                                                String rule) {
        String debtor = TestIds.companyRuc();
        Map<String, Object> body = obligation(debtor, "FINE", "10.00", "2024-01-31");
        body.put(field, value);
        if (field.equals("debtorId")) {
            debtor = value;
        }
        long before = db.count("SELECT count(*) FROM obligation");
        asStaff().body(body).post("/api/v1/obligations").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + kind))
                .body("status", equalTo(400))
                .body("detail", containsString(rule))
                .body("errors[0].field", equalTo(field));
        assertThat(db.count("SELECT count(*) FROM obligation")).isEqualTo(before);
        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?", debtor)).isZero();
    }

    @Test
    void several_bad_fields_are_reported_together() {
        Map<String, Object> body = new HashMap<>();
        body.put("debtorId", "123");
        body.put("debtorName", "");
        body.put("type", "FINE");
        body.put("principal", "1.001");
        asStaff().body(body).post("/api/v1/obligations").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "validation-error"))
                .body("errors.field", hasItem("debtorName"));
        body.put("debtorName", "x");
        asStaff().body(body).post("/api/v1/obligations").then().statusCode(400)
                .body("errors.field", equalTo(List.of("debtorId", "principal")));
    }

    @Test
    void an_amount_is_a_string_with_exactly_two_decimals_never_a_json_number() {
        String debtor = TestIds.companyRuc();
        Map<String, Object> body = obligation(debtor, "FINE", null, "2024-01-31");
        body.put("principal", new java.math.BigDecimal("1250.50"));
        asStaff().body(body).post("/api/v1/obligations").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "validation-error"))
                .body("detail", equalTo("principal: must be a string"));
        body.put("principal", "1250.5");
        asStaff().body(body).post("/api/v1/obligations").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-amount"))
                .body("detail", containsString("exactly two decimals"));
        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?", debtor)).isZero();
        body.put("principal", "1250.50");
        asStaff().body(body).post("/api/v1/obligations").then().statusCode(201).body("principal", equalTo("1250.50"));
    }

    @Test
    void a_passport_is_accepted_only_for_a_miscellaneous_concept() {
        asStaff().body(obligation("AB12345", "MISC_CONCEPT", "300.00", "2024-06-30"))
                .post("/api/v1/obligations").then().statusCode(201).body("debtorId", equalTo("AB12345"));
    }

    @Test
    void a_contribution_without_period_is_refused() {
        asStaff().body(obligation(TestIds.companyRuc(), "CONTRIBUTION", "10.00", "2024-01-31"))
                .post("/api/v1/obligations").then().statusCode(400).body("detail", containsString("period"));
    }

    @Test
    void an_external_reference_is_unique_per_source_system() {
        String reference = "GL-" + UUID.randomUUID();
        Map<String, Object> body = obligation(TestIds.companyRuc(), "GLOSA", "99.99", "2001-07-31");
        body.put("sourceSystem", "HOST");
        body.put("externalReference", reference);
        asStaff().body(body).post("/api/v1/obligations").then().statusCode(201);
        asStaff().body(body).post("/api/v1/obligations").then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "duplicate-external-reference"));
        body.put("sourceSystem", "OTHER");
        asStaff().body(body).post("/api/v1/obligations").then().statusCode(201);
        assertThat(db.count("SELECT count(*) FROM obligation WHERE external_reference = ?", reference)).isEqualTo(2);
    }

    @Test
    void reading_an_unknown_obligation_is_a_404_and_a_malformed_id_a_400() {
        asStaff().get("/api/v1/obligations/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "obligation-not-found"));
        asStaff().get("/api/v1/obligations/12345").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-obligation-id"));
    }

    @Test
    void the_stage_moves_forward_with_if_match_and_never_back() {
        String id = Api.createObligation(obligation(TestIds.companyRuc(), "FINE", "50.00", "2022-01-31"));
        String path = "/api/v1/obligations/" + id;

        asStaff().header("If-Match", "\"0\"").body(Map.of("stage", "GLOSA")).patch(path).then().statusCode(200)
                .header("ETag", "\"1\"").body("stage", equalTo("GLOSA")).body("version", equalTo(1));
        asStaff().header("If-Match", "\"0\"").body(Map.of("stage", "CREDIT_TITLE")).patch(path).then()
                .statusCode(412).body("type", equalTo(PROBLEMS + "stale-version"));
        asStaff().body(Map.of("stage", "CREDIT_TITLE")).patch(path).then()
                .statusCode(428).body("type", equalTo(PROBLEMS + "precondition-required"));
        asStaff().header("If-Match", "\"1\"").body(Map.of("stage", "REGULAR")).patch(path).then()
                .statusCode(422).body("type", equalTo(PROBLEMS + "invalid-stage-transition"));
        asStaff().header("If-Match", "\"1\"").body(Map.of("stage", "GLOSA")).patch(path).then()
                .statusCode(422).body("type", equalTo(PROBLEMS + "invalid-stage-transition"));
        asStaff().header("If-Match", "1").body(Map.of("stage", "ENFORCEMENT")).patch(path).then()
                .statusCode(400);
        asStaff().header("If-Match", "\"1\"").body(Map.of("stage", "ENFORCEMENT")).patch(path).then()
                .statusCode(200).body("stage", equalTo("ENFORCEMENT"));

        asStaff().get(path).then().body("stage", equalTo("ENFORCEMENT")).body("version", equalTo(2));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ?"
                + " AND action = 'OBLIGATION_STAGE_ADVANCED'", id)).isEqualTo(2);
    }

    @Test
    void cancelling_needs_a_reason_and_a_cancelled_obligation_cannot_change() {
        String id = Api.createObligation(obligation(TestIds.companyRuc(), "FINE", "50.00", "2022-01-31"));
        String path = "/api/v1/obligations/" + id;
        asStaff().header("If-Match", "\"0\"").body(Map.of("status", "CANCELLED")).patch(path).then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        asStaff().header("If-Match", "\"0\"").body(Map.of("status", "PAID")).patch(path).then().statusCode(400);
        asStaff().header("If-Match", "\"0\"").body(Map.of("status", "CANCELLED", "reason", "Emitida por error"))
                .patch(path).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancellationReason", equalTo("Emitida por error"));
        asStaff().header("If-Match", "\"1\"").body(Map.of("stage", "GLOSA")).patch(path).then()
                .statusCode(422).body("type", equalTo(PROBLEMS + "obligation-not-pending"));
        asStaff().header("If-Match", "\"1\"").body(Map.of()).patch(path).then().statusCode(400);
    }

    @Test
    void changing_an_unknown_obligation_is_a_404() {
        asStaff().header("If-Match", "\"0\"").body(Map.of("stage", "GLOSA"))
                .patch("/api/v1/obligations/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void a_bulk_request_stores_the_valid_items_and_answers_each_in_order() {
        String debtor = TestIds.companyRuc();
        String reference = "B-" + UUID.randomUUID();
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(obligation(debtor, "FINE", "10.00", "2024-01-31"));
        items.add(obligation(debtor, "FINE", "-1.00", "2024-01-31"));
        Map<String, Object> withReference = obligation(debtor, "GLOSA", "20.00", "2003-01-31");
        withReference.put("sourceSystem", "HOST");
        withReference.put("externalReference", reference);
        items.add(withReference);
        items.add(withReference);
        items.add(obligation("0000000000", "FINE", "10.00", "2024-01-31"));
        Map<String, Object> missingName = obligation(debtor, "FINE", "10.00", "2024-01-31");
        missingName.remove("debtorName");
        items.add(missingName);

        asStaff().body(Map.of("items", items)).post("/api/v1/obligations/bulk").then().statusCode(200)
                .body("results", hasSize(6))
                .body("results.index", equalTo(List.of(0, 1, 2, 3, 4, 5)))
                .body("results[0].id", notNullValue())
                .body("results[0].error", nullValue())
                .body("results[1].error.type", equalTo(PROBLEMS + "invalid-amount"))
                .body("results[1].error.status", equalTo(400))
                .body("results[2].id", notNullValue())
                .body("results[3].error.type", equalTo(PROBLEMS + "duplicate-external-reference"))
                .body("results[3].error.status", equalTo(409))
                .body("results[4].error.type", equalTo(PROBLEMS + "invalid-debtor-id"))
                .body("results[5].error.errors[0].field", equalTo("debtorName"));
        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?", debtor)).isEqualTo(2);

        asStaff().body(Map.of("items", List.of(withReference))).post("/api/v1/obligations/bulk").then()
                .statusCode(200).body("results[0].error.type", equalTo(PROBLEMS + "duplicate-external-reference"));
    }

    @Test
    void an_atomic_bulk_request_stores_nothing_when_any_item_fails() {
        String debtor = TestIds.companyRuc();
        List<Map<String, Object>> items = List.of(
                obligation(debtor, "FINE", "10.00", "2024-01-31"),
                obligation(debtor, "FINE", "10.001", "2024-01-31"),
                obligation(debtor, "FINE", "30.00", "2024-01-31"));
        asStaff().body(Map.of("items", items)).post("/api/v1/obligations/bulk?atomic=true").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "bulk-rejected"))
                .body("results", hasSize(1))
                .body("results[0].index", equalTo(1))
                .body("results[0].error.type", equalTo(PROBLEMS + "invalid-amount"));
        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?", debtor)).isZero();

        asStaff().body(Map.of("items", List.of(items.get(0), items.get(2))))
                .post("/api/v1/obligations/bulk?atomic=true").then().statusCode(200)
                .body("results", hasSize(2));
        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?", debtor)).isEqualTo(2);
    }

    @Test
    void atomic_must_be_true_or_false_and_anything_else_is_a_400_that_stores_nothing() {
        String debtor = TestIds.companyRuc();
        List<Map<String, Object>> items = List.of(
                obligation(debtor, "FINE", "10.00", "2024-01-31"),
                obligation(debtor, "FINE", "10.001", "2024-01-31"));
        for (String value : new String[]{"1", "yes", "TRUE", "True", "0", "no", "", "true,false"}) {
            asStaff().body(Map.of("items", items)).queryParam("atomic", value).post("/api/v1/obligations/bulk")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "validation-error"))
                    .body("errors[0].field", equalTo("atomic"));
        }
        asStaff().body(Map.of("items", items)).post("/api/v1/obligations/bulk?atomic=true&atomic=false").then()
                .statusCode(400).body("errors[0].field", equalTo("atomic"));
        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?", debtor)).isZero();

        // atomic=false is the default: the valid item is stored, the other answered with its error.
        asStaff().body(Map.of("items", items)).post("/api/v1/obligations/bulk?atomic=false").then().statusCode(200)
                .body("results", hasSize(2)).body("results[1].error.type", equalTo(PROBLEMS + "invalid-amount"));
        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?", debtor)).isEqualTo(1);
    }

    @Test
    void a_bulk_request_carries_1_to_10000_items() {
        asStaff().body(Map.of("items", List.of())).post("/api/v1/obligations/bulk").then().statusCode(400);
        Map<String, Object> item = obligation(TestIds.companyRuc(), "FINE", "1.00", "2024-01-31");
        List<Map<String, Object>> tooMany = java.util.Collections.nCopies(10_001, item);
        long before = db.count("SELECT count(*) FROM obligation");
        asStaff().body(Map.of("items", tooMany)).post("/api/v1/obligations/bulk").then().statusCode(400)
                .body("errors[0].field", equalTo("items"));
        assertThat(db.count("SELECT count(*) FROM obligation")).isEqualTo(before);
    }

    @Test
    void a_bulk_request_of_ten_thousand_items_is_stored_with_one_audit_row_each() {
        String debtor = TestIds.companyRuc();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            items.add(obligation(debtor, "FINE", (i % 500 + 1) + ".25", "2024-01-31"));
        }
        asStaff().body(Map.of("items", items)).post("/api/v1/obligations/bulk").then().statusCode(200)
                .body("results.findAll { it.id != null }.size()", equalTo(10_000));
        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?", debtor)).isEqualTo(10_000);
        assertThat(db.count("SELECT count(*) FROM audit_log a JOIN obligation o ON a.entity_id = o.id::text"
                + " WHERE o.debtor_id = ? AND a.action = 'OBLIGATION_REGISTERED'", debtor)).isEqualTo(10_000);
    }

    @Test
    void registration_and_changes_are_staff_only() {
        String debtor = TestIds.companyRuc();
        String employer = Api.newKey("EMPLOYER", debtor);
        as(employer).body(obligation(debtor, "FINE", "1.00", "2024-01-31")).post("/api/v1/obligations").then()
                .statusCode(403);
        String id = Api.createObligation(obligation(debtor, "FINE", "1.00", "2024-01-31"));
        as(employer).header("If-Match", "\"0\"").body(Map.of("stage", "GLOSA"))
                .patch("/api/v1/obligations/" + id).then().statusCode(403);
        as(employer).get("/api/v1/obligations/" + id).then().statusCode(200)
                .body("id", equalTo(id)).header("ETag", endsWith("\""));
    }
}
