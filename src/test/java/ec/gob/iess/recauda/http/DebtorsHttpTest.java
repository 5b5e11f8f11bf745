package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
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

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A debtor's obligations and statement, for staff and for the debtor's own employer software; another debtor's
 * data is answered exactly as if it did not exist.
 */
@QuarkusTest
class DebtorsHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";

    @Inject
    TestClock clock;
    @Inject
    ec.gob.iess.recauda.support.Database db;

    /** Whatever the test did to obligations, the open portfolio the database keeps agrees with them (V19). */
    @AfterEach
    void openPortfolioStaysInStep() {
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    @BeforeEach
    void rates() {
        // The rate history of the statement tests: 12 % from 2020, 18.25 % from 2024-03-01, and nothing else.
        db.clearRates();
        Api.setRate("2020-01-01", "0.12");
        Api.setRate("2024-03-01", "0.1825");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void obligations_are_listed_newest_due_date_first_with_filters_and_pages() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "1.00", "2024-01-31"));
        Api.createObligation(obligation(debtor, "GLOSA", "2.00", "2024-03-31"));
        Api.createObligation(obligation(debtor, "FINE", "3.00", "2023-12-31"));
        String cancelled = Api.createObligation(obligation(debtor, "FINE", "4.00", "2024-02-29"));
        asStaff().header("If-Match", "\"0\"").body(Map.of("status", "CANCELLED", "reason", "duplicada"))
                .patch("/api/v1/obligations/" + cancelled).then().statusCode(200);
        String base = "/api/v1/debtors/" + debtor + "/obligations";

        asStaff().get(base).then().statusCode(200)
                .body("totalItems", equalTo(4)).body("page", equalTo(0)).body("size", equalTo(50))
                .body("items.dueDate", equalTo(List.of("2024-03-31", "2024-02-29", "2024-01-31", "2023-12-31")));
        asStaff().get(base + "?type=FINE&status=PENDING").then()
                .body("items.principal", equalTo(List.of("1.00", "3.00"))).body("totalItems", equalTo(2));
        asStaff().get(base + "?page=1&size=3").then()
                .body("items.dueDate", equalTo(List.of("2023-12-31"))).body("totalItems", equalTo(4))
                .body("size", equalTo(3)).body("page", equalTo(1));
        asStaff().get(base + "?size=500").then().statusCode(200);
    }

    @Test
    void bad_list_parameters_are_400s() {
        String base = "/api/v1/debtors/" + TestIds.companyRuc() + "/obligations";
        asStaff().get(base + "?size=501").then().statusCode(400).body("errors[0].field", equalTo("size"));
        asStaff().get(base + "?size=0").then().statusCode(400);
        asStaff().get(base + "?page=-1").then().statusCode(400);
        asStaff().get(base + "?page=x").then().statusCode(400);
        asStaff().get(base + "?status=OWED").then().statusCode(400).body("errors[0].field", equalTo("status"));
        asStaff().get(base + "?type=RENT").then().statusCode(400);
        asStaff().get("/api/v1/debtors/1790012344000/obligations").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-debtor-id"));
    }

    @Test
    void a_page_beyond_what_can_be_served_is_a_400_naming_page() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "1.00", "2024-01-31"));
        String base = "/api/v1/debtors/" + debtor + "/obligations";
        // 5,000,000 × 500 = 2,500,000,000 rows to skip: more than any page can start at (2^31 - 1).
        asStaff().get(base + "?page=5000000&size=500").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "validation-error"))
                .body("errors[0].field", equalTo("page"));
        asStaff().get(base + "?page=2147483647&size=2").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        // The last page that can be served is simply empty.
        asStaff().get(base + "?page=4294967&size=500").then().statusCode(200)
                .body("items", hasSize(0)).body("totalItems", equalTo(1));
    }

    @Test
    void a_passport_payer_has_its_obligations_listed_and_a_statement() {
        String passport = "X" + Long.toString(System.nanoTime(), 36).toUpperCase();
        Map<String, Object> rent = obligation(passport, "MISC_CONCEPT", "450.00", "2024-06-14");
        String id = Api.createObligation(rent);

        asStaff().get("/api/v1/debtors/" + passport + "/obligations").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo(id))
                .body("items[0].debtorId", equalTo(passport));
        // Stored upper-cased: the lower-case spelling finds the same payer.
        asStaff().get("/api/v1/debtors/" + passport.toLowerCase() + "/obligations").then().statusCode(200)
                .body("totalItems", equalTo(1));
        // 450.00 × 0.1825 / 365 = 0.225 → 0.23 for one day.
        asStaff().get("/api/v1/debtors/" + passport + "/statement?asOf=2024-06-15").then().statusCode(200)
                .body("debtorId", equalTo(passport))
                .body("items.obligationId", equalTo(List.of(id)))
                .body("items[0].interest", equalTo("0.23"))
                .body("totals.total", equalTo("450.23"));
        asStaff().get("/api/v1/debtors/" + passport + "/payments").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void a_malformed_debtor_id_is_still_a_400_naming_the_rule_on_every_debtor_path() {
        for (String path : List.of("obligations", "statement", "payments")) {
            asStaff().get("/api/v1/debtors/P-12/" + path).then().statusCode(400)
                    .body("type", equalTo(PROBLEMS + "invalid-debtor-id"))
                    .body("errors[0].field", equalTo("debtorId"))
                    .body("detail", org.hamcrest.Matchers.containsString("5 to 20 letters and digits"));
            asStaff().get("/api/v1/debtors/1790012344000/" + path).then().statusCode(400)
                    .body("type", equalTo(PROBLEMS + "invalid-debtor-id"))
                    .body("detail", org.hamcrest.Matchers.containsString("must not be 000"));
        }
    }

    @Test
    void the_statement_shows_interest_per_obligation_across_a_rate_change_and_the_totals() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "1000.00", "2024-02-15"));
        Api.createObligation(obligation(debtor, "GLOSA", "2500.00", "2024-03-20"));
        Api.createObligation(obligation(debtor, "FINE", "80.00", "2024-04-30"));

        // FINE 1000.00 due 2024-02-15, as of 2024-03-31: 2024-02-16..2024-02-29 = 14 days at 0.12 and
        // 2024-03-01..2024-03-31 = 31 days at 0.1825 (2024 is a leap year; the divisor stays 365):
        // 1000 × (0.12 × 14 + 0.1825 × 31) / 365 = 1000 × 7.3375 / 365 = 20.1027... → 20.10
        // GLOSA 2500.00 due 2024-03-20: 11 days at 0.1825: 2500 × 2.0075 / 365 = 13.75 exactly.
        // FINE 80.00 due 2024-04-30 is not overdue yet: 0.00.
        asStaff().get("/api/v1/debtors/" + debtor + "/statement?asOf=2024-03-31").then().statusCode(200)
                .body("debtorId", equalTo(debtor))
                .body("asOf", equalTo("2024-03-31"))
                .body("items", hasSize(3))
                .body("items.dueDate", equalTo(List.of("2024-02-15", "2024-03-20", "2024-04-30")))
                .body("items.principalBalance", equalTo(List.of("1000.00", "2500.00", "80.00")))
                .body("items.interest", equalTo(List.of("20.10", "13.75", "0.00")))
                .body("items.total", equalTo(List.of("1020.10", "2513.75", "80.00")))
                .body("items.daysOverdue", equalTo(List.of(45, 11, 0)))
                .body("totals.principalBalance", equalTo("3580.00"))
                .body("totals.interest", equalTo("33.85"))
                .body("totals.total", equalTo("3613.85"));
    }

    @Test
    void a_payment_on_the_due_date_owes_no_interest_and_the_day_after_owes_one_day() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "1000.00", "2024-06-14"));
        String statement = "/api/v1/debtors/" + debtor + "/statement?asOf=";
        asStaff().get(statement + "2024-06-14").then().body("items[0].interest", equalTo("0.00"))
                .body("items[0].daysOverdue", equalTo(0));
        // 1000 × 0.1825 / 365 = 0.50
        asStaff().get(statement + "2024-06-15").then().body("items[0].interest", equalTo("0.50"))
                .body("items[0].daysOverdue", equalTo(1));
    }

    @Test
    void paid_and_cancelled_obligations_are_not_on_the_statement() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "10.00", "2024-06-14"));
        String cancelled = Api.createObligation(obligation(debtor, "FINE", "20.00", "2024-06-14"));
        asStaff().header("If-Match", "\"0\"").body(Map.of("status", "CANCELLED", "reason", "anulada"))
                .patch("/api/v1/obligations/" + cancelled).then().statusCode(200);
        asStaff().get("/api/v1/debtors/" + debtor + "/statement?asOf=2024-06-01").then()
                .body("items.principalBalance", equalTo(List.of("10.00")))
                .body("totals.total", equalTo("10.00"));
    }

    @Test
    void the_statement_date_defaults_to_today_in_guayaquil() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "1000.00", "2024-06-14"));
        // 03:00 UTC on 2024-06-16 is still 2024-06-15 in Guayaquil (UTC-5).
        clock.fix(Instant.parse("2024-06-16T03:00:00Z"));
        asStaff().get("/api/v1/debtors/" + debtor + "/statement").then().statusCode(200)
                .body("asOf", equalTo("2024-06-15")).body("items[0].daysOverdue", equalTo(1));
    }

    @Test
    void a_missing_rate_is_a_422_naming_the_day() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "GLOSA", "10.00", "1995-01-31"));
        asStaff().get("/api/v1/debtors/" + debtor + "/statement?asOf=2024-01-01").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "interest-rate-unavailable"))
                .body("detail", org.hamcrest.Matchers.containsString("1995-02-01"));
    }

    @Test
    void a_statement_whose_totals_exceed_the_largest_amount_is_a_422_not_a_400() {
        String debtor = TestIds.companyRuc();
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            items.add(obligation(debtor, "FINE", "999999999999.99", "2030-01-31"));
        }
        asStaff().body(Map.of("items", items)).post("/api/v1/obligations/bulk").then().statusCode(200)
                .body("results.findAll { it.id != null }.size()", equalTo(11));

        // 11 × 999,999,999,999.99 = 10,999,999,999,999.89: beyond numeric(15,2), though every request was valid.
        asStaff().get("/api/v1/debtors/" + debtor + "/statement?asOf=2024-06-01").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "amount-out-of-range"))
                .body("detail", org.hamcrest.Matchers.containsString("9999999999999.99"))
                .body("errors", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void interest_to_a_far_future_date_beyond_the_largest_amount_is_a_422() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "999999999999.99", "2024-03-31"));
        // 18.25 % a year for 76 years is about 13.9 times the principal: more than 9,999,999,999,999.99.
        asStaff().get("/api/v1/debtors/" + debtor + "/statement?asOf=2100-03-31").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "amount-out-of-range"));
        asStaff().get("/api/v1/debtors/" + debtor + "/statement?asOf=2024-04-30").then().statusCode(200);
    }

    @Test
    void bad_statement_dates_are_400s() {
        String base = "/api/v1/debtors/" + TestIds.companyRuc() + "/statement?asOf=";
        asStaff().get(base + "2023-02-29").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        asStaff().get(base + "yesterday").then().statusCode(400);
    }

    @Test
    void an_employer_sees_only_its_own_debtor_and_another_debtor_looks_nonexistent() {
        String own = TestIds.companyRuc();
        String other = TestIds.companyRuc();
        String ownObligation = Api.createObligation(obligation(own, "FINE", "5.00", "2024-05-31"));
        String otherObligation = Api.createObligation(obligation(other, "FINE", "5.00", "2024-05-31"));
        String key = Api.newKey("EMPLOYER", own);

        as(key).get("/api/v1/debtors/" + own + "/obligations").then().statusCode(200)
                .body("totalItems", equalTo(1));
        as(key).get("/api/v1/debtors/" + own + "/statement?asOf=2024-06-30").then().statusCode(200);
        as(key).get("/api/v1/obligations/" + ownObligation).then().statusCode(200);

        String nonexistent = asStaff().get("/api/v1/obligations/" + java.util.UUID.randomUUID()).then()
                .statusCode(404).extract().path("type");
        as(key).get("/api/v1/obligations/" + otherObligation).then().statusCode(404)
                .body("type", equalTo(nonexistent));
        as(key).get("/api/v1/debtors/" + other + "/obligations").then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "debtor-not-found"));
        as(key).get("/api/v1/debtors/" + other + "/statement").then().statusCode(404);
        as(key).get("/api/v1/debtors/" + TestIds.companyRuc() + "/statement").then().statusCode(404);
    }

    @Test
    void banks_and_the_ministry_may_not_read_debtors() {
        String debtor = TestIds.companyRuc();
        as(Api.newBankKey("PICHINCHA")).get("/api/v1/debtors/" + debtor + "/obligations").then()
                .statusCode(403);
        as(Api.newKey("MINISTRY", TestIds.publicEntityRuc())).get("/api/v1/debtors/" + debtor + "/statement")
                .then().statusCode(403);
    }
}
