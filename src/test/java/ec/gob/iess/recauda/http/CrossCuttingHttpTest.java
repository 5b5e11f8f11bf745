package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What holds for every request: problem+json errors, correlation ids, the audit trail, the rate-limit headers
 * (health and metrics: {@link ManagementInterfaceHttpTest}).
 */
@QuarkusTest
class CrossCuttingHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";

    @Inject
    Database db;

    @Test
    void an_unknown_path_is_a_problem_404() {
        asStaff().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "not-found"))
                .body("title", notNullValue())
                .body("status", equalTo(404))
                .body("instance", equalTo("/api/v1/nothing-here"));
        given().get("/nothing/at/all").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_wrong_method_is_a_problem_405() {
        asStaff().put("/api/v1/admin/api-clients").then().statusCode(405)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "method-not-allowed"));
        asStaff().delete("/api/v1/obligations").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void an_unsupported_media_type_is_a_problem_415_and_an_unacceptable_one_a_406() {
        Api.asStaff().contentType(ContentType.XML).body("<x/>").post("/api/v1/obligations").then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "unsupported-media-type"));
        Api.asStaff().accept(ContentType.XML).get("/api/v1/admin/api-clients").then().statusCode(406)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-acceptable"));
    }

    @Test
    void malformed_json_is_a_problem_400_without_internals() {
        long before = db.count("SELECT count(*) FROM obligation");
        for (String body : new String[]{"{", "[]", "\"text\"", "{\"debtorId\": }", "{} {}", "null",
                "{\"debtorId\":\"1\",\"debtorId\":\"2\"}", "{\"principal\": {\"a\": 1}}"}) {
            asStaff().body(body).post("/api/v1/obligations").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", matchesPattern(PROBLEMS + "(malformed-request|validation-error)"))
                    .body(not(containsString("Exception")))
                    .body(not(containsString("at ec.gob")));
        }
        assertThat(db.count("SELECT count(*) FROM obligation")).isEqualTo(before);
    }

    @Test
    void a_json_number_where_an_enum_is_expected_is_refused() {
        Map<String, Object> body = obligation(TestIds.companyRuc(), "FINE", "1.00", "2024-01-31");
        body.put("type", 3);
        asStaff().body(body).post("/api/v1/obligations").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
    }

    @Test
    void a_body_over_1_mib_is_a_problem_413_and_bulk_allows_10_mib() {
        String big = "{\"debtorName\":\"" + "x".repeat(1_100_000) + "\"}";
        asStaff().body(big).post("/api/v1/obligations").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "payload-too-large"));

        // 1.1 MiB is fine for bulk (it fails validation, not the size limit) ...
        String bigBulk = "{\"items\":[" + "{\"debtorName\":\"" + "x".repeat(1_100_000) + "\"}]}";
        asStaff().body(bigBulk).post("/api/v1/obligations/bulk").then().statusCode(200)
                .body("results[0].error.status", equalTo(400));
        // ... and 10.5 MiB is not.
        String hugeBulk = "{\"items\":[" + "{\"debtorName\":\"" + "x".repeat(11_000_000) + "\"}]}";
        asStaff().body(hugeBulk).post("/api/v1/obligations/bulk").then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void a_chunked_body_without_content_length_is_limited_as_it_is_read() throws Exception {
        long before = db.count("SELECT count(*) FROM obligation");
        String big = "{\"debtorName\":\"" + "x".repeat(1_100_000) + "\"}";
        HttpResponse<String> tooLarge = postChunked("/api/v1/obligations", big);
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(tooLarge.body()).contains(PROBLEMS + "payload-too-large").contains("1 MiB")
                .doesNotContain("Exception");

        // 1.1 MiB streamed to bulk passes the limit (and fails validation) ...
        String bigBulk = "{\"items\":[{\"debtorName\":\"" + "x".repeat(1_100_000) + "\"}]}";
        HttpResponse<String> bulk = postChunked("/api/v1/obligations/bulk", bigBulk);
        assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
        assertThat(bulk.body()).contains("\"status\":400");
        // ... and 10.5 MiB streamed to bulk is refused.
        String hugeBulk = "{\"items\":[{\"debtorName\":\"" + "x".repeat(11_000_000) + "\"}]}";
        HttpResponse<String> huge = postChunked("/api/v1/obligations/bulk", hugeBulk);
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(413);
        assertThat(huge.body()).contains(PROBLEMS + "payload-too-large").contains("10 MiB");
        assertThat(db.count("SELECT count(*) FROM obligation")).isEqualTo(before);
    }

    /** POSTs {@code body} as HTTP/1.1 chunks, so the request carries no Content-Length. */
    private static HttpResponse<String> postChunked(String path, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Authorization", "Bearer " + Api.STAFF_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.request().headers().firstValue("Content-Length")).isEmpty();
        return response;
    }

    @Test
    void an_unknown_path_under_q_is_a_problem_404_not_an_html_page() {
        for (String path : new String[]{"/q/nothing-here", "/q/health/nothing", "/q/openapi/nothing", "/q/"}) {
            given().get(path).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "not-found"))
                    .body(not(containsString("<html")))
                    .body(not(containsString("Exception")));
        }
    }

    @Test
    void the_request_id_is_echoed_or_generated_and_written_to_the_audit_row() {
        String id = "req-" + System.nanoTime();
        String obligationId = asStaff().header("X-Request-Id", id)
                .body(obligation(TestIds.companyRuc(), "FINE", "1.00", "2024-01-31")).post("/api/v1/obligations")
                .then().statusCode(201).header("X-Request-Id", id).extract().path("id");
        assertThat(db.string("SELECT correlation_id FROM audit_log WHERE entity_id = ?", obligationId)).isEqualTo(id);

        String generated = asStaff().get("/api/v1/admin/api-clients").then().statusCode(200)
                .extract().header("X-Request-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
        asStaff().header("X-Request-Id", "bad id with spaces").get("/api/v1/admin/api-clients").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "validation-error"))
                .body("errors[0].field", equalTo("X-Request-Id"))
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        asStaff().header("X-Request-Id", id).get("/api/v1/obligations/nope").then().statusCode(400)
                .header("X-Request-Id", id).body("correlationId", equalTo(id));
    }

    @Test
    void the_audit_log_is_append_only_in_the_database() {
        Api.createObligation(obligation(TestIds.companyRuc(), "FINE", "1.00", "2024-01-31"));
        SQLException update = db.tryExecute("UPDATE audit_log SET actor = 'someone else'");
        SQLException delete = db.tryExecute("DELETE FROM audit_log");
        SQLException truncate = db.tryExecute("TRUNCATE audit_log");
        assertThat(List.of(update, delete, truncate)).allSatisfy(refused ->
                assertThat(refused.getMessage()).contains("append-only"));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'someone else'")).isZero();
    }

    @Test
    void a_refused_request_writes_no_audit_row() {
        String debtor = TestIds.companyRuc();
        long before = db.count("SELECT count(*) FROM audit_log");
        asStaff().body(obligation(debtor, "FINE", "-1.00", "2024-01-31")).post("/api/v1/obligations").then()
                .statusCode(400);
        assertThat(db.count("SELECT count(*) FROM audit_log")).isEqualTo(before);
    }

    @Test
    void answers_carry_the_rate_limit_headers_of_the_policy_the_request_counted_against() {
        asStaff().get("/api/v1/admin/api-clients").then().statusCode(200)
                .header("RateLimit-Policy", "\"api-key\";q=1000000;w=60")
                .header("RateLimit", matchesPattern("\"api-key\";r=\\d+;t=\\d+"));
        given().get("/api/v1/concepts").then().statusCode(200)
                .header("RateLimit-Policy", "\"public\";q=1000000;w=60");
        given().get("/api/v1/admin/api-clients").then().statusCode(401)
                .header("RateLimit-Policy", "\"invalid-key\";q=1000000;w=60");
    }

    @Test
    void many_refusals_in_a_row_leave_the_service_healthy() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            statuses.add(given().header("Authorization", "Bearer rk_wrong" + i).get("/api/v1/admin/api-clients")
                    .statusCode());
        }
        assertThat(statuses).containsOnly(401);
        asStaff().get("/api/v1/admin/api-clients").then().statusCode(200);
    }
}
