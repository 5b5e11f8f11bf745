package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Staff keep the arrears rate table: one rate per effective date, set with PUT, listed oldest first. */
@QuarkusTest
class InterestRatesHttpTest {

    @Inject
    Database db;

    @Test
    void putting_a_new_date_creates_it_and_putting_it_again_replaces_it() {
        String path = "/api/v1/admin/interest-rates/1990-04-01";
        asStaff().body(Map.of("annualRate", "0.2050")).put(path).then().statusCode(201)
                .body("effectiveFrom", equalTo("1990-04-01")).body("annualRate", equalTo("0.205"));
        asStaff().body(Map.of("annualRate", "0.1999")).put(path).then().statusCode(200)
                .body("annualRate", equalTo("0.1999"));
        asStaff().get("/api/v1/admin/interest-rates").then().statusCode(200)
                .body("items.find { it.effectiveFrom == '1990-04-01' }.annualRate", equalTo("0.1999"));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_type = 'INTEREST_RATE'"
                + " AND entity_id = '1990-04-01' AND action IN ('INTEREST_RATE_ADDED', 'INTEREST_RATE_REPLACED')"))
                .isEqualTo(2);
    }

    @Test
    void the_table_is_listed_oldest_first() {
        asStaff().body(Map.of("annualRate", "0.10")).put("/api/v1/admin/interest-rates/1980-01-01");
        asStaff().body(Map.of("annualRate", "0.11")).put("/api/v1/admin/interest-rates/1981-01-01");
        asStaff().get("/api/v1/admin/interest-rates").then().statusCode(200)
                .body("items[0].effectiveFrom", equalTo("1980-01-01"))
                .body("items[1].effectiveFrom", equalTo("1981-01-01"));
    }

    @Test
    void a_rate_outside_0_to_1_or_with_more_than_6_decimals_or_a_bad_date_is_a_400() {
        long before = db.count("SELECT count(*) FROM interest_rate");
        for (String rate : new String[]{"1.5", "-0.01", "0.1234567", "abc", ""}) {
            asStaff().body(Map.of("annualRate", rate)).put("/api/v1/admin/interest-rates/1970-01-01").then()
                    .statusCode(400).body("errors[0].field", equalTo("annualRate"));
        }
        asStaff().body(Map.of("annualRate", "0.1")).put("/api/v1/admin/interest-rates/1970-02-30").then()
                .statusCode(400).body("errors[0].field", equalTo("effectiveFrom"));
        asStaff().body(Map.of()).put("/api/v1/admin/interest-rates/1970-01-01").then().statusCode(400);
        assertThat(db.count("SELECT count(*) FROM interest_rate")).isEqualTo(before);
    }
}
