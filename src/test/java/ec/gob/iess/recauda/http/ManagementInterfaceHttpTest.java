package ec.gob.iess.recauda.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Health and metrics are served by the management interface, on a port of its own bound to loopback, and no longer
 * on the main port; the contract stays on the main port.
 */
@QuarkusTest
class ManagementInterfaceHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";

    /** The management interface (its root path /q included). */
    @TestHTTPResource(management = true)
    URL management;

    private String managementPort(String path) {
        return "http://" + management.getHost() + ":" + management.getPort() + path;
    }

    @Test
    void the_management_port_serves_health_checking_the_database_and_metrics() {
        assertThat(management.getHost()).as(management.toString()).isEqualTo("127.0.0.1");
        given().get(managementPort("/q/health/live")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(managementPort("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/api/v1/concepts").then().statusCode(200);
        given().get(managementPort("/q/metrics")).then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("uri=\"/api/v1/concepts\""));
    }

    @Test
    void the_main_port_answers_404_problems_for_health_and_metrics_and_still_serves_the_contract() {
        assertThat(management.getPort()).isNotEqualTo(io.restassured.RestAssured.port);
        for (String path : new String[]{"/q/metrics", "/q/health", "/q/health/live", "/q/health/ready"}) {
            given().get(path).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "not-found"))
                    .body(not(containsString("http_server_requests")));
        }
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi:"));
        given().get(managementPort("/q/openapi")).then().statusCode(404);
    }
}
