package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import ec.gob.iess.recauda.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Staff register, list and revoke the Ed25519 public keys of MINISTRY clients (issue 11 §1). */
@QuarkusTest
class SigningKeysHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";
    /** openssl genpkey -algorithm ed25519 | openssl pkey -pubout. */
    private static final String PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEANnKXtv7kY+Wq5/NPRPkL0Zgh6p4thQSBW4vxUJGH3K8=
            -----END PUBLIC KEY-----
            """;
    private static final String FINGERPRINT = "SHA256:thF4hotArmOucBc/OkJ6t2eTs+WuqRrrec31wVjzSHM";

    @Inject
    Database db;

    private String ministry() {
        return asStaff().body(Map.of("name", "Ministerio de Finanzas " + UUID.randomUUID(), "role", "MINISTRY",
                        "scope", TestIds.publicEntityRuc())).post("/api/v1/admin/api-clients").then().statusCode(201)
                .extract().path("id");
    }

    private static String keysOf(String clientId) {
        return "/api/v1/admin/api-clients/" + clientId + "/signing-keys";
    }

    @Test
    void staff_register_list_and_revoke_a_ministry_key_and_the_audit_trail_records_each_change() {
        String client = ministry();
        Response registered = asStaff().body(Map.of("keyId", "mef-2026-01", "publicKey", PUBLIC_KEY))
                .post(keysOf(client));
        registered.then().statusCode(201)
                .header("Location", endsWith(keysOf(client) + "/mef-2026-01"))
                .body("keyId", equalTo("mef-2026-01"))
                .body("algorithm", equalTo("ed25519"))
                .body("publicKey", equalTo(PUBLIC_KEY))
                .body("fingerprint", equalTo(FINGERPRINT))
                .body("active", equalTo(true))
                .body("createdBy", equalTo("bootstrap"));
        asStaff().body(Map.of("keyId", "mef-2026-02", "publicKey", PUBLIC_KEY)).post(keysOf(client)).then()
                .statusCode(201);

        asStaff().get(keysOf(client)).then().statusCode(200)
                .body("items.keyId", contains("mef-2026-01", "mef-2026-02"))
                .body("totalItems", equalTo(2));

        asStaff().delete(keysOf(client) + "/mef-2026-01").then().statusCode(204);
        asStaff().delete(keysOf(client) + "/mef-2026-01").then().statusCode(204);
        asStaff().get(keysOf(client)).then().statusCode(200)
                .body("items[0].active", equalTo(false))
                .body("items[1].active", equalTo(true));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'SIGNING_KEY_REGISTERED'",
                client)).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'SIGNING_KEY_REVOKED'",
                client)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM signing_key WHERE client_id = ?::uuid AND octet_length(public_key)"
                + " = 44", client)).as("only the 44-byte public key is stored").isEqualTo(2);
    }

    @Test
    void a_key_id_is_never_reused_a_client_holds_at_most_five_active_keys_and_only_ministries_get_keys() {
        String client = ministry();
        asStaff().body(Map.of("keyId", "k1", "publicKey", PUBLIC_KEY)).post(keysOf(client)).then().statusCode(201);
        asStaff().delete(keysOf(client) + "/k1").then().statusCode(204);
        asStaff().body(Map.of("keyId", "k1", "publicKey", PUBLIC_KEY)).post(keysOf(client)).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "signing-key-exists"));
        for (int i = 2; i <= 6; i++) {
            asStaff().body(Map.of("keyId", "k" + i, "publicKey", PUBLIC_KEY)).post(keysOf(client)).then()
                    .statusCode(201);
        }
        asStaff().body(Map.of("keyId", "k7", "publicKey", PUBLIC_KEY)).post(keysOf(client)).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "too-many-signing-keys"));

        String employer = newClientId("EMPLOYER", TestIds.companyRuc());
        asStaff().body(Map.of("keyId", "k1", "publicKey", PUBLIC_KEY)).post(keysOf(employer)).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "signing-keys-for-ministry-only"));
        String revoked = ministry();
        asStaff().delete("/api/v1/admin/api-clients/" + revoked).then().statusCode(204);
        asStaff().body(Map.of("keyId", "k1", "publicKey", PUBLIC_KEY)).post(keysOf(revoked)).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "api-client-revoked"));
        assertThat(db.count("SELECT count(*) FROM signing_key WHERE client_id IN (?::uuid, ?::uuid)", employer,
                revoked)).isZero();
    }

    @Test
    void bad_keys_unknown_clients_and_keys_and_the_wrong_callers_get_problems_and_change_nothing() {
        String client = ministry();
        long before = db.count("SELECT count(*) FROM signing_key");
        asStaff().body(Map.of("keyId", "k1", "publicKey", "-----BEGIN PUBLIC KEY-----\nMEMwBQYDK2VxAzoAmc31giZQsV2J"
                        + "WYRcJrbaZOVW8mkiWd7op5+Aks/u76PYA3fl\n/EzCTi+Q3nAdRmZpoemI38K8PFoA\n-----END PUBLIC KEY-----"))
                .post(keysOf(client)).then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-signing-key"))
                .body("errors.field", contains("publicKey"));
        asStaff().body(Map.of("keyId", "has space", "publicKey", PUBLIC_KEY)).post(keysOf(client)).then()
                .statusCode(400).body("errors.field", contains("keyId"));
        asStaff().body(Map.of("keyId", "k1")).post(keysOf(client)).then().statusCode(400)
                .body("errors.field", contains("publicKey"));
        asStaff().body(Map.of("keyId", "k1", "publicKey", PUBLIC_KEY))
                .post(keysOf(UUID.randomUUID().toString())).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "api-client-not-found"));
        asStaff().delete(keysOf(client) + "/nope").then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "signing-key-not-found"));
        asStaff().get(keysOf("not-a-uuid")).then().statusCode(400).body("errors.field", contains("id"));

        // Only staff: a READER person lists but does not register; a MINISTRY key manages nothing, not even its own.
        Tokens reader = Tokens.person("reader-" + UUID.randomUUID(), "Ana Lectora", "READER");
        Tokens.as(reader).get(keysOf(client)).then().statusCode(200).body("items", hasSize(0));
        Tokens.as(reader).body(Map.of("keyId", "k1", "publicKey", PUBLIC_KEY)).post(keysOf(client)).then()
                .statusCode(403);
        String ministryKey = Api.newKey("MINISTRY", TestIds.publicEntityRuc());
        as(ministryKey).get(keysOf(client)).then().statusCode(403);
        as(ministryKey).body(Map.of("keyId", "k1", "publicKey", PUBLIC_KEY)).post(keysOf(client)).then()
                .statusCode(403);
        assertThat(db.count("SELECT count(*) FROM signing_key")).isEqualTo(before);
    }

    private static String newClientId(String role, String scope) {
        return asStaff().body(Map.of("name", role + " " + UUID.randomUUID(), "role", role, "scope", scope))
                .post("/api/v1/admin/api-clients").then().statusCode(201).extract().path("id");
    }
}
