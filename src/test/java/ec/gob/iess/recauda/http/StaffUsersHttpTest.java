package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import ec.gob.iess.recauda.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Staff people signed in through OpenID Connect (issue 10 §3, ADR 0014), over HTTP against the suite's own provider
 * ({@code support/OidcServer}) with real signed tokens: each staff role gets the answers its role allows, approval
 * above the thresholds needs a DIRECTOR other than the subscriber (four eyes), the audit trail names the person, a
 * broken or foreign token is a 401 problem, and API keys keep working beside tokens.
 */
@QuarkusTest
class StaffUsersHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";
    /** Tuesday 2026-03-10, 10:00 in Guayaquil. */
    private static final Instant SIGNING = Instant.parse("2026-03-10T15:00:00Z");

    @Inject
    TestClock clock;
    @Inject
    Database db;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final Tokens reader = Tokens.person("reader-" + suffix, "Ana Lectora", "READER");
    private final Tokens operator = Tokens.person("operator-" + suffix, "Óscar Operador", "OPERATOR",
            "offline_access");
    private final Tokens director = Tokens.person("director-" + suffix, "Dolores Directora", "DIRECTOR", "OPERATOR");
    private final Tokens otherDirector = Tokens.person("director-2-" + suffix, "Diego Director", "DIRECTOR");

    @BeforeEach
    void aRate() {
        clock.fix(SIGNING);
        db.clearRates();
        Api.setRate("2020-01-01", "0.1098");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ------------------------------------------------------------------------------------------------ the roles

    @Test
    void a_reader_reads_and_changes_nothing() {
        String debtor = TestIds.companyRuc();
        String id = Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-01-31"));

        Tokens.as(reader).get("/api/v1/obligations/" + id).then().statusCode(200).body("id", equalTo(id));
        Tokens.as(reader).get("/api/v1/debtors/" + debtor + "/statement").then().statusCode(200);
        Tokens.as(reader).get("/api/v1/admin/api-clients").then().statusCode(200);

        Tokens.as(reader).body(obligation(debtor, "FINE", "5.00", "2026-01-31")).post("/api/v1/obligations")
                .then().statusCode(403).body("type", equalTo(PROBLEMS + "forbidden"))
                .body("detail", containsString("READER"));
        Tokens.as(reader).body(Map.of("debtorId", debtor, "obligationIds", List.of(id)))
                .post("/api/v1/vouchers").then().statusCode(403);
        Tokens.as(reader).body(Map.of("name", "x", "role", "STAFF")).post("/api/v1/admin/api-clients").then()
                .statusCode(403);
        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?", debtor)).isEqualTo(1);
    }

    @Test
    void an_operator_changes_but_may_not_decide_an_approval() {
        String debtor = TestIds.companyRuc();
        String id = Tokens.as(operator).body(obligation(debtor, "FINE", "20000.00", "2026-01-31"))
                .post("/api/v1/obligations").then().statusCode(201).extract().path("id");
        String agreement = subscribe(operator, debtor);

        Tokens.as(operator).body(Map.of("approved", true)).post(approval(agreement)).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "forbidden")).body("detail", containsString("DIRECTOR"));
        assertThat(status(agreement)).isEqualTo("PENDING_APPROVAL");
        Tokens.as(operator).get("/api/v1/obligations/" + id).then().statusCode(200);
    }

    @Test
    void a_staff_key_acts_as_an_operator_machine_it_subscribes_but_never_decides() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "20000.00", "2026-01-31"));
        String agreement = asStaff().body(subscription(debtor)).post("/api/v1/agreements").then().statusCode(201)
                .extract().path("id");

        asStaff().body(Map.of("approved", true)).post(approval(agreement)).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "forbidden"));
        Tokens.as(director).body(Map.of("approved", true)).post(approval(agreement)).then().statusCode(200)
                .body("status", equalTo("AWAITING_DOWN_PAYMENT"))
                .body("decision.decidedBy", equalTo("person:director-" + suffix));
    }

    @Test
    void four_eyes_a_director_may_not_decide_what_they_subscribed_another_director_may() {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "20000.00", "2026-01-31"));
        String agreement = subscribe(director, debtor);

        for (boolean approved : new boolean[] {true, false}) {
            Tokens.as(director).body(Map.of("approved", approved)).post(approval(agreement)).then().statusCode(403)
                    .body("type", equalTo(PROBLEMS + "four-eyes"))
                    .body("title", equalTo("Four eyes: another person must decide"));
        }
        assertThat(status(agreement)).isEqualTo("PENDING_APPROVAL");

        Tokens.as(otherDirector).body(Map.of("approved", true, "note", "Aprobado"))
                .post(approval(agreement)).then().statusCode(200).body("status", equalTo("AWAITING_DOWN_PAYMENT"));
    }

    @Test
    void a_valid_token_that_grants_none_of_our_roles_is_forbidden_everywhere() {
        Tokens nobody = Tokens.person("nobody-" + suffix, "Sin Rol", "offline_access", "uma_authorization");
        Tokens.as(nobody).get("/api/v1/admin/api-clients").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "forbidden"));
        // Roles are read from the configured claim only: a "roles" claim elsewhere grants nothing.
        Tokens.as(Tokens.person("nobody-" + suffix, "Sin Rol").claim("roles", List.of("DIRECTOR")))
                .get("/api/v1/admin/api-clients").then().statusCode(403);
        // A public endpoint needs no role, but a sent credential is still checked.
        Tokens.as(nobody).get("/api/v1/concepts").then().statusCode(200);
    }

    @Test
    void a_bank_only_operation_is_refused_to_every_staff_person() {
        Tokens.as(director).get("/api/v1/channel/payables?reference=1000000000000097").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "forbidden"));
    }

    // ------------------------------------------------------------------------------------------- the audit trail

    @Test
    void the_audit_trail_names_the_person_behind_every_change_and_machines_keep_their_client_id() {
        String debtor = TestIds.companyRuc();
        String obligationId = Tokens.as(operator).body(obligation(debtor, "FINE", "20000.00", "2026-01-31"))
                .post("/api/v1/obligations").then().statusCode(201).extract().path("id");
        String agreement = subscribe(operator, debtor);
        Tokens.as(director).body(Map.of("approved", true)).post(approval(agreement)).then().statusCode(200);
        String byKey = Api.createObligation(obligation(debtor, "FINE", "10.00", "2026-01-31"));

        assertThat(auditRow("OBLIGATION_REGISTERED", obligationId)).containsExactly("person:operator-" + suffix,
                "operator-" + suffix, "Óscar Operador");
        assertThat(auditRow("AGREEMENT_SUBSCRIBED", agreement)).containsExactly("person:operator-" + suffix,
                "operator-" + suffix, "Óscar Operador");
        assertThat(auditRow("AGREEMENT_APPROVED", agreement)).containsExactly("person:director-" + suffix,
                "director-" + suffix, "Dolores Directora");
        assertThat(db.string("SELECT person_name FROM audit_log WHERE action = 'VOUCHER_ISSUED' AND details->>"
                + "'debtorId' = ?", debtor)).isEqualTo("Dolores Directora");
        assertThat(auditRow("OBLIGATION_REGISTERED", byKey)).containsExactly("bootstrap", null, null);
        assertThat(db.string("SELECT created_by FROM agreement WHERE id = ?::uuid", agreement))
                .isEqualTo("person:operator-" + suffix);
    }

    @Test
    void without_a_name_claim_the_preferred_username_names_the_person_and_without_either_the_token_is_refused() {
        String debtor = TestIds.companyRuc();
        Tokens unnamed = Tokens.person("unnamed-" + suffix, "x", "OPERATOR").without("name");
        String id = Tokens.as(unnamed).body(obligation(debtor, "FINE", "10.00", "2026-01-31"))
                .post("/api/v1/obligations").then().statusCode(201).extract().path("id");
        assertThat(auditRow("OBLIGATION_REGISTERED", id)).containsExactly("person:unnamed-" + suffix,
                "unnamed-" + suffix, "unnamed-" + suffix);

        refused(Tokens.person("anonymous-" + suffix, "x", "OPERATOR").without("name").without("preferred_username")
                .signed(), "/api/v1/admin/api-clients").body("detail", containsString("name"));
        refused(Tokens.person("x", "Sin Sujeto", "OPERATOR").without("sub").signed(), "/api/v1/admin/api-clients");
    }

    // --------------------------------------------------------------------------------------- refused credentials

    @Test
    void expired_foreign_unsigned_alg_none_and_forged_tokens_are_a_401_problem_never_a_500() {
        Tokens valid = Tokens.person("attacker-" + suffix, "Mallory", "DIRECTOR");
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("expired", Tokens.person("late-" + suffix, "Tarde", "DIRECTOR")
                .expiredFor(Duration.ofMinutes(2)).signed());
        broken.put("not yet valid", Tokens.person("early-" + suffix, "Pronto", "DIRECTOR")
                .claim("nbf", Instant.now().plus(Duration.ofHours(1)).getEpochSecond()).signed());
        broken.put("wrong issuer", Tokens.person("foreign-" + suffix, "Ajeno", "DIRECTOR")
                .claim("iss", "https://sso.example.org/realms/other").signed());
        broken.put("wrong audience", Tokens.person("foreign-" + suffix, "Ajeno", "DIRECTOR")
                .claim("aud", "another-application").signed());
        broken.put("no audience", Tokens.person("foreign-" + suffix, "Ajeno", "DIRECTOR").without("aud").signed());
        broken.put("no expiry", Tokens.person("forever-" + suffix, "Siempre", "DIRECTOR").without("exp").signed());
        broken.put("unsigned", valid.unsigned());
        broken.put("alg none", valid.algNone());
        broken.put("signed by an unknown key", Tokens.person("forger-" + suffix, "Falsario", "DIRECTOR")
                .signedByAnUnknownKey().signed());
        broken.put("unknown key id", Tokens.person("forger-" + suffix, "Falsario", "DIRECTOR")
                .signedByAnUnknownKey().keyId("another-key").signed());
        broken.put("HS256 with the public key", valid.hmacWithThePublicKey());
        broken.put("payload changed after signing", Tokens.person("forger-" + suffix, "Falsario", "READER")
                .tamperedTo("DIRECTOR"));
        broken.put("garbage in JWT shape", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2lnbmF0dXJl");
        for (Map.Entry<String, String> token : broken.entrySet()) {
            Response answer = refused(token.getValue(), "/api/v1/admin/api-clients").extract().response();
            assertThat(answer.asString()).as(token.getKey())
                    .doesNotContain("Exception", "io.quarkus", "jose4j", "java.", "ec.gob");
            // A refused credential counts against the client address's invalid-key quota.
            assertThat(answer.header("RateLimit-Policy")).as(token.getKey()).startsWith("\"invalid-key\"");
        }
        // Refused before matching: a 401, not the 404 of a path that does not exist.
        refused(valid.algNone(), "/api/v1/no-such-path");
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor LIKE 'person:forger-%' OR actor LIKE"
                + " 'person:attacker-%'")).isZero();
    }

    @Test
    void the_valid_token_those_were_made_from_is_accepted() {
        Tokens.as(Tokens.person("attacker-" + suffix, "Mallory", "READER")).get("/api/v1/admin/api-clients").then()
                .statusCode(200).header("RateLimit-Policy", startsWith("\"api-key\""));
    }

    @Test
    void api_keys_keep_working_beside_tokens_and_a_wrong_key_is_still_a_401() {
        asStaff().get("/api/v1/admin/api-clients").then().statusCode(200);
        String employer = Api.newKey("EMPLOYER", TestIds.companyRuc());
        Api.as(employer).get("/api/v1/admin/api-clients").then().statusCode(403);
        Api.as("rk_no_such_key_at_all_0123456789abcdef").get("/api/v1/admin/api-clients").then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "unauthorized"))
                .body("detail", equalTo("the API key is unknown or revoked"));
        given().get("/api/v1/admin/api-clients").then().statusCode(401)
                .body("detail", containsString("staff token"));
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static io.restassured.response.ValidatableResponse refused(String token, String path) {
        return given().header("Authorization", "Bearer " + token).get(path).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"recauda\""))
                .body("type", equalTo(PROBLEMS + "unauthorized"));
    }

    private static Map<String, Object> subscription(String debtor) {
        return Map.of("debtorId", debtor, "termMonths", 24, "acceptTerms", true);
    }

    private static String subscribe(Tokens who, String debtor) {
        return Tokens.as(who).body(subscription(debtor)).post("/api/v1/agreements").then().statusCode(201)
                .body("status", equalTo("PENDING_APPROVAL")).extract().path("id");
    }

    private static String approval(String agreement) {
        return "/api/v1/agreements/" + agreement + "/approval";
    }

    private static String status(String agreement) {
        return asStaff().get("/api/v1/agreements/" + agreement).then().statusCode(200).extract().path("status");
    }

    /** The actor, person subject and person name of the one audit row of an action on an entity. */
    private List<String> auditRow(String action, String entityId) {
        String where = " FROM audit_log WHERE action = ? AND entity_id = ?";
        assertThat(db.count("SELECT count(*)" + where, action, entityId)).as(action).isEqualTo(1);
        return java.util.Arrays.asList(db.string("SELECT actor" + where, action, entityId),
                db.string("SELECT person_subject" + where, action, entityId),
                db.string("SELECT person_name" + where, action, entityId));
    }
}
