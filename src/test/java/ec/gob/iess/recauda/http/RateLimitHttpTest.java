package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.adapter.in.rest.security.RateLimitBuckets;
import ec.gob.iess.recauda.adapter.in.rest.security.RateLimitDecision;
import ec.gob.iess.recauda.adapter.in.rest.security.RateLimitPolicy;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

/**
 * The rate limits with small quotas: 3 public requests per address, 5 requests per API key and 3 refused keys per
 * address, each per minute. Every test starts from empty buckets; all requests come from 127.0.0.1.
 */
@QuarkusTest
@TestProfile(RateLimitHttpTest.SmallLimits.class)
class RateLimitHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";
    private static final String PUBLIC_POLICY = "\"public\";q=3;w=60";
    private static final String KEY_POLICY = "\"api-key\";q=5;w=60";
    private static final String INVALID_KEY_POLICY = "\"invalid-key\";q=3;w=60";

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recauda.rate-limit.public-per-minute", "3",
                    "recauda.rate-limit.per-key-per-minute", "5",
                    "recauda.rate-limit.invalid-key-per-minute", "3");
        }
    }

    @Inject
    Database db;

    @BeforeEach
    void emptyBuckets() {
        assertThat((Throwable) db.tryExecute("DELETE FROM rate_limit_bucket")).isNull();
    }

    @Test
    void the_fourth_public_request_of_an_address_in_a_minute_is_refused_with_429_and_creates_nothing() {
        String concept = newConcept();
        long vouchers = db.count("SELECT count(*) FROM voucher");
        long obligations = db.count("SELECT count(*) FROM obligation");

        for (int remaining = 2; remaining >= 0; remaining--) {
            Response ok = conceptVoucher(concept);
            assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(201);
            assertThat(ok.header("RateLimit-Policy")).isEqualTo(PUBLIC_POLICY);
            assertThat(ok.header("RateLimit")).matches("\"public\";r=" + remaining + ";t=([1-9]|[1-5][0-9]|60)");
        }
        assertThat(db.count("SELECT count(*) FROM voucher")).isEqualTo(vouchers + 3);

        Response refused = conceptVoucher(concept);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo(PROBLEMS + "rate-limited");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(refused.jsonPath().getString("title")).isEqualTo("Too many requests");
        assertThat(refused.jsonPath().getString("detail")).contains("3 per 60 s").doesNotContain("127.0.0.1");
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo(PUBLIC_POLICY);
        assertThat(refused.header("RateLimit")).matches("\"public\";r=0;t=([1-9]|[1-5][0-9]|60)");
        assertThat(Integer.parseInt(refused.header("RateLimit").replaceAll(".*;t=", "")))
                .as("Retry-After is not earlier than the end of the effective window").isLessThanOrEqualTo(retryAfter);
        assertThat(db.count("SELECT count(*) FROM voucher")).isEqualTo(vouchers + 3);
        assertThat(db.count("SELECT count(*) FROM obligation")).isEqualTo(obligations + 3);

        // Every public endpoint shares the address's quota; a keyed request from the address is counted by its key.
        given().get("/api/v1/concepts").then().statusCode(429).body("type", equalTo(PROBLEMS + "rate-limited"));
        asStaff().get("/api/v1/admin/financial-entities").then().statusCode(200)
                .header("RateLimit-Policy", KEY_POLICY);
    }

    @Test
    void each_api_key_has_its_own_quota_and_a_refused_write_stores_nothing() {
        String first = Api.newKey("STAFF", null);
        String second = Api.newKey("STAFF", null);

        for (int remaining = 4; remaining >= 0; remaining--) {
            as(first).get("/api/v1/admin/financial-entities").then().statusCode(200)
                    .header("RateLimit-Policy", KEY_POLICY)
                    .header("RateLimit", startsWith("\"api-key\";r=" + remaining + ";t="));
        }
        long obligations = db.count("SELECT count(*) FROM obligation");
        as(first).body(Api.obligation(TestIds.companyRuc(), "FINE", "10.00", "2024-01-31"))
                .post("/api/v1/obligations").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "rate-limited"))
                .header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .header("RateLimit", startsWith("\"api-key\";r=0;t="));
        assertThat(db.count("SELECT count(*) FROM obligation")).isEqualTo(obligations);

        // Another key, from the same address, is not affected; nor is the key that registered both.
        as(second).get("/api/v1/admin/financial-entities").then().statusCode(200)
                .header("RateLimit", startsWith("\"api-key\";r=4;t="));
        asStaff().get("/api/v1/admin/financial-entities").then().statusCode(200)
                .header("RateLimit", startsWith("\"api-key\";r=2;t="));
    }

    @Test
    void a_request_refused_for_the_keys_role_counts_against_its_quota() {
        String staff = Api.newKey("STAFF", null);
        for (int remaining = 4; remaining >= 3; remaining--) {
            as(staff).get("/api/v1/admin/financial-entities").then().statusCode(200)
                    .header("RateLimit", startsWith("\"api-key\";r=" + remaining + ";t="));
        }
        String employer = Api.newKey("EMPLOYER", TestIds.companyRuc());
        for (int remaining = 4; remaining >= 0; remaining--) {
            as(employer).get("/api/v1/admin/financial-entities").then().statusCode(403)
                    .contentType("application/problem+json")
                    .header("RateLimit-Policy", KEY_POLICY)
                    .header("RateLimit", startsWith("\"api-key\";r=" + remaining + ";t="));
        }
        as(employer).get("/api/v1/admin/financial-entities").then().statusCode(429)
                .body("type", equalTo(PROBLEMS + "rate-limited"))
                .header("Retry-After", matchesPattern("[1-9][0-9]?"));
        // The quota of another key is its own.
        as(staff).get("/api/v1/admin/financial-entities").then().statusCode(200)
                .header("RateLimit", startsWith("\"api-key\";r=2;t="));
    }

    @Test
    void a_flood_of_missing_or_unknown_keys_from_an_address_gets_429_while_valid_keys_still_work() {
        String[] refusedKeys = {null, "rk_unknown_" + UUID.randomUUID(), "not even a key"};
        for (int i = 0; i < refusedKeys.length; i++) {
            var request = refusedKeys[i] == null ? given()
                    : given().header("Authorization", "Bearer " + refusedKeys[i]);
            request.get("/api/v1/admin/financial-entities").then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "unauthorized"))
                    .header("WWW-Authenticate", "Bearer realm=\"recauda\"")
                    .header("RateLimit-Policy", INVALID_KEY_POLICY)
                    .header("RateLimit", startsWith("\"invalid-key\";r=" + (2 - i) + ";t="));
        }
        long clients = db.count("SELECT count(*) FROM api_client");
        given().header("Authorization", "Bearer rk_unknown_" + UUID.randomUUID()).contentType("application/json")
                .body(Map.of("name", "x", "role", "STAFF")).post("/api/v1/admin/api-clients").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "rate-limited"))
                .body("detail", containsString("missing, unknown or revoked API key"))
                .header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .header("RateLimit-Policy", INVALID_KEY_POLICY);
        given().get("/api/v1/admin/financial-entities").then().statusCode(429);
        assertThat(db.count("SELECT count(*) FROM api_client")).isEqualTo(clients);

        // A valid key from the same address is counted by its key only, and public endpoints by their own quota.
        asStaff().get("/api/v1/admin/financial-entities").then().statusCode(200)
                .header("RateLimit-Policy", KEY_POLICY);
        given().get("/api/v1/concepts").then().statusCode(200).header("RateLimit-Policy", PUBLIC_POLICY);
    }

    @Test
    void a_second_instance_on_the_same_database_counts_against_the_same_bucket() {
        // Another instance: its own bucket4j proxy manager on its own JDBC connection to the same database.
        PGSimpleDataSource otherConnection = new PGSimpleDataSource();
        otherConnection.setURL(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
        RateLimitBuckets otherInstance = new RateLimitBuckets(otherConnection);
        RateLimitPolicy publicPolicy = new RateLimitPolicy("public", 3, Duration.ofSeconds(60));

        given().get("/api/v1/concepts").then().statusCode(200)
                .header("RateLimit", startsWith("\"public\";r=2;"));
        RateLimitDecision taken = otherInstance.consume(publicPolicy, "127.0.0.1").orElseThrow();
        assertThat(taken.allowed()).isTrue();
        assertThat(taken.remaining()).as("the other instance sees the request this one counted").isEqualTo(1);
        given().get("/api/v1/concepts").then().statusCode(200)
                .header("RateLimit", startsWith("\"public\";r=0;"));
        RateLimitDecision refused = otherInstance.consume(publicPolicy, "127.0.0.1").orElseThrow();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
        given().get("/api/v1/concepts").then().statusCode(429);
        assertThat(db.count("SELECT count(*) FROM rate_limit_bucket")).as("one row: the address's public bucket")
                .isEqualTo(1);
    }

    private static String newConcept() {
        String code = "RL-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        asStaff().body(Map.of("code", code, "name", "Arriendo", "fixedAmount", "450.00"))
                .post("/api/v1/admin/concepts").then().statusCode(201);
        return code;
    }

    private static Response conceptVoucher(String concept) {
        Map<String, Object> body = new HashMap<>();
        body.put("conceptCode", concept);
        body.put("payerId", "P" + (1_000_000 + (int) (Math.random() * 8_999_999)));
        body.put("payerName", "John Smith");
        return given().contentType("application/json").body(body).post("/api/v1/public/concept-vouchers");
    }
}
