package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The OpenID Connect provider is configured but cannot be reached (down, or unreachable, since the service started):
 * the service still starts, API keys keep working, and a staff token is answered 503 {@code service-unavailable} with
 * {@code Retry-After}, not a 401 that would tell its holder that the token is bad (ADR 0014).
 */
@QuarkusTest
@TestProfile(ProviderDownHttpTest.ProviderDown.class)
class ProviderDownHttpTest {

    public static class ProviderDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:" + closedPort() + "/realms/recauda",
                    "quarkus.oidc.token.audience", "recauda-api",
                    "quarkus.oidc.connection-timeout", "2S");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true; // not the suite's provider: none at all
        }
    }

    @Test
    void api_keys_work_and_a_token_is_a_503_to_retry() {
        asStaff().get("/api/v1/admin/api-clients").then().statusCode(200);
        String token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ4IiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl";
        given().header("Authorization", "Bearer " + token).get("/api/v1/admin/api-clients").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://recauda.iess.gob.ec/problems/service-unavailable"));
        Api.as("rk_no_such_key_at_all_0123456789abcdef").get("/api/v1/admin/api-clients").then().statusCode(401);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again at once: nothing listens there
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
