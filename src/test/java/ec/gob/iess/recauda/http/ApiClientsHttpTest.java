package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.domain.access.ApiKey;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Staff manage API clients; keys authenticate, are stored only as hashes and are revoked at once. */
@QuarkusTest
class ApiClientsHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";

    @Inject
    Database db;

    @Test
    void staff_register_a_client_and_its_key_is_shown_once_and_stored_only_as_its_sha256() {
        String scope = TestIds.companyRuc();
        var response = asStaff().body(Map.of("name", "Software del empleador", "role", "EMPLOYER", "scope", scope))
                .post("/api/v1/admin/api-clients")
                .then().statusCode(201)
                .body("role", equalTo("EMPLOYER"))
                .body("scope", equalTo(scope))
                .body("apiKey", startsWith("rk_"))
                .extract();
        String id = response.path("id");
        String key = response.path("apiKey");
        assertThat(key).hasSizeGreaterThanOrEqualTo(46);

        assertThat(db.string("SELECT key_hash FROM api_client WHERE id = ?::uuid", id)).isEqualTo(ApiKey.hash(key));
        assertThat(db.count("SELECT count(*) FROM api_client WHERE key_hash = ? OR key_prefix = ? OR name = ?",
                key, key, key)).isZero();
        asStaff().get("/api/v1/admin/api-clients").then().statusCode(200)
                .body("items", everyItem(not(hasKey("apiKey"))));
        assertThat(Api.allItems("/api/v1/admin/api-clients"))
                .allSatisfy(c -> assertThat(c).doesNotContainKey("apiKey"));
        assertThat(Api.itemOf("/api/v1/admin/api-clients", "id", id))
                .containsEntry("keyPrefix", key.substring(0, 11));
    }

    @Test
    void a_registered_key_authenticates_and_a_revoked_key_is_refused_at_once() {
        String debtor = TestIds.companyRuc();
        String key = Api.newKey("EMPLOYER", debtor);
        as(key).get("/api/v1/debtors/" + debtor + "/obligations").then().statusCode(200);

        String id = (String) Api.itemOf("/api/v1/admin/api-clients", "scope", debtor).get("id");
        asStaff().delete("/api/v1/admin/api-clients/" + id).then().statusCode(204);

        as(key).get("/api/v1/debtors/" + debtor + "/obligations").then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "unauthorized"));
        asStaff().delete("/api/v1/admin/api-clients/" + id).then().statusCode(204);
        assertThat(Api.itemOf("/api/v1/admin/api-clients", "id", id)).containsEntry("active", false)
                .containsKey("revokedAt");
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'API_CLIENT_REVOKED' AND entity_id = ?",
                id)).isEqualTo(1);
    }

    @Test
    void no_key_or_an_unknown_key_is_a_401_with_a_bearer_challenge() {
        given().get("/api/v1/admin/api-clients").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(PROBLEMS + "unauthorized"));
        as("rk_" + UUID.randomUUID()).get("/api/v1/admin/api-clients").then().statusCode(401);
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/admin/api-clients").then().statusCode(401);
        given().header("Authorization", "Bearer ").get("/api/v1/admin/api-clients").then().statusCode(401);
    }

    @ParameterizedTest
    @CsvSource({"BANK,PICHINCHA", "EMPLOYER,", "MINISTRY,"})
    void a_key_of_another_role_is_a_403_on_staff_operations(String role, String scope) {
        String realScope = switch (role) {
            case "EMPLOYER" -> TestIds.companyRuc();
            case "MINISTRY" -> TestIds.publicEntityRuc();
            default -> scope;
        };
        String key = role.equals("BANK") ? Api.newBankKey(realScope) : Api.newKey(role, realScope);
        as(key).get("/api/v1/admin/api-clients").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "forbidden"));
        as(key).body(Map.of("name", "x", "role", "STAFF")).post("/api/v1/admin/api-clients").then().statusCode(403);
        as(key).body(Map.of("annualRate", "0.5")).put("/api/v1/admin/interest-rates/2001-01-01").then()
                .statusCode(403);
        as(key).get("/api/v1/admin/interest-rates").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "forbidden"));
    }

    @Test
    void the_scope_must_fit_the_role() {
        record Case(String role, String scope, String field) {
        }
        for (Case c : List.of(
                new Case("STAFF", "PICHINCHA", "scope"),
                new Case("BANK", null, "scope"),
                new Case("BANK", "pichincha", "scope"),
                new Case("EMPLOYER", "1234567890", "scope"),
                new Case("MINISTRY", null, "scope"))) {
            var body = new java.util.HashMap<String, Object>();
            body.put("name", "bad scope");
            body.put("role", c.role());
            body.put("scope", c.scope());
            asStaff().body(body).post("/api/v1/admin/api-clients").then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c.field()));
        }
        assertThat(db.count("SELECT count(*) FROM api_client WHERE name = 'bad scope'")).isZero();
    }

    @Test
    void a_bank_client_is_registered_only_for_a_registered_entity() {
        asStaff().body(Map.of("name", "Banco fantasma", "role", "BANK", "scope", "NO-SUCH-BANK"))
                .post("/api/v1/admin/api-clients").then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "unknown-financial-entity"));
        assertThat(db.count("SELECT count(*) FROM api_client WHERE scope = 'NO-SUCH-BANK'")).isZero();
    }

    @Test
    void revoking_an_unknown_client_is_a_404_and_a_malformed_id_a_400() {
        asStaff().delete("/api/v1/admin/api-clients/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "api-client-not-found"));
        asStaff().delete("/api/v1/admin/api-clients/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void the_bootstrap_key_acts_as_staff_and_its_actions_are_audited_under_bootstrap() {
        String name = "registered by bootstrap " + UUID.randomUUID();
        String id = asStaff().body(Map.of("name", name, "role", "STAFF")).post("/api/v1/admin/api-clients")
                .then().statusCode(201).body("scope", nullValue()).extract().path("id");
        assertThat(db.string("SELECT actor FROM audit_log WHERE action = 'API_CLIENT_REGISTERED' AND entity_id = ?",
                id)).isEqualTo("bootstrap");
        assertThat(db.string("SELECT created_by FROM api_client WHERE id = ?::uuid", id)).isEqualTo("bootstrap");
    }
}
