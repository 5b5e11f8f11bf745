package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import ec.gob.iess.recauda.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Hostile and sloppy request bodies: control characters, unpaired surrogates, numbers and dates of the wrong JSON
 * type, padded enum names and bodies of the wrong shape get a 400 naming the field in the API's words, and nothing
 * is stored.
 */
@QuarkusTest
class HostileInputHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";
    private static final String NUL = "\\u0000";

    @Inject
    Database db;

    private static ValidatableResponse refusedNaming(ValidatableResponse response, String field) {
        return response.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "validation-error"))
                .body("errors.field", hasItem(field))
                .body(not(containsString("Exception")))
                .body(not(containsString("java.")))
                .body(not(containsString("com.fasterxml")))
                .body(not(containsString("Cannot ")));
    }

    private long rows() {
        return db.count("SELECT (SELECT count(*) FROM obligation) + (SELECT count(*) FROM voucher)"
                + " + (SELECT count(*) FROM api_client) + (SELECT count(*) FROM financial_entity)"
                + " + (SELECT count(*) FROM concept) + (SELECT count(*) FROM audit_log)");
    }

    @Test
    void a_nul_character_in_any_text_field_is_a_400_naming_the_field_and_nothing_is_stored() {
        String debtor = TestIds.companyRuc();
        String someId = UUID.randomUUID().toString();
        long before = rows();
        record Case(String method, String path, String body, String field) {
        }
        List<Case> cases = List.of(
                new Case("POST", "/api/v1/public/concept-vouchers", "{\"conceptCode\":\"RE" + NUL + "NT\","
                        + "\"payerId\":\"P1234567\",\"payerName\":\"John\",\"amount\":\"10.00\"}", "conceptCode"),
                new Case("POST", "/api/v1/public/concept-vouchers", "{\"conceptCode\":\"RENT\","
                        + "\"payerId\":\"P1234567\",\"payerName\":\"Jo" + NUL + "hn\",\"amount\":\"10.00\"}",
                        "payerName"),
                new Case("POST", "/api/v1/obligations", "{\"debtorId\":\"" + debtor + "\",\"debtorName\":\"A"
                        + NUL + "\",\"type\":\"FINE\",\"principal\":\"10.00\",\"dueDate\":\"2024-01-15\"}",
                        "debtorName"),
                new Case("POST", "/api/v1/obligations", "{\"debtorId\":\"" + debtor + "\",\"debtorName\":\"A\","
                        + "\"type\":\"FINE\",\"principal\":\"10.00\",\"dueDate\":\"2024-01-15\",\"description\":\"x"
                        + NUL + "\"}", "description"),
                new Case("POST", "/api/v1/admin/api-clients", "{\"name\":\"n" + NUL + "\",\"role\":\"STAFF\"}",
                        "name"),
                new Case("POST", "/api/v1/admin/financial-entities", "{\"code\":\"NULBANK\",\"name\":\"B" + NUL
                        + "\",\"type\":\"BANK\",\"cutoffTime\":\"17:00\"}", "name"),
                new Case("POST", "/api/v1/admin/concepts", "{\"code\":\"NULCON\",\"name\":\"C" + NUL + "\"}",
                        "name"),
                new Case("POST", "/api/v1/channel/payments/" + someId + "/reversal", "{\"reason\":\"r" + NUL + "\"}",
                        "reason"),
                new Case("PATCH", "/api/v1/obligations/" + someId, "{\"status\":\"CANCELLED\",\"reason\":\"r" + NUL
                        + "\"}", "reason"),
                new Case("POST", "/api/v1/agreements/" + someId + "/cancellation", "{\"reason\":\"r" + NUL + "\"}",
                        "reason"),
                new Case("POST", "/api/v1/agreements/" + someId + "/approval", "{\"approved\":true,\"note\":\"n"
                        + NUL + "\"}", "note"));
        String bank = Api.newBankKey("NULB" + (System.nanoTime() % 100000));
        String director = Tokens.person("hostile-director", "Directora", "DIRECTOR").signed();
        long afterSetUp = rows();
        for (Case c : cases) {
            String key = c.path().startsWith("/api/v1/channel") ? bank
                    : c.path().endsWith("/approval") ? director : Api.STAFF_KEY;
            refusedNaming(as(key).header("If-Match", "\"1\"").body(c.body()).request(c.method(), c.path()).then(),
                    c.field())
                    .body("detail", containsString("U+0000"));
        }
        assertThat(before).isLessThanOrEqualTo(afterSetUp);
        assertThat(rows()).as("nothing stored").isEqualTo(afterSetUp);
    }

    @Test
    void a_bulk_item_with_a_nul_fails_alone_and_the_other_items_are_stored() {
        String debtor = TestIds.companyRuc();
        String body = "{\"items\":[{\"debtorId\":\"" + debtor + "\",\"debtorName\":\"Good\",\"type\":\"FINE\","
                + "\"principal\":\"10.00\",\"dueDate\":\"2024-01-15\"},{\"debtorId\":\"" + debtor + "\","
                + "\"debtorName\":\"B" + NUL + "d\",\"type\":\"FINE\",\"principal\":10,\"dueDate\":\"2024-01-15\"}]}";
        asStaff().body(body).post("/api/v1/obligations/bulk").then().statusCode(200)
                .body("results[0].id", org.hamcrest.Matchers.notNullValue())
                .body("results[1].error.type", equalTo(PROBLEMS + "validation-error"))
                .body("results[1].error.errors.field", containsInAnyOrder("debtorName", "principal"));
        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?", debtor)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_name LIKE 'B%d' AND debtor_id = ?", debtor))
                .isZero();
    }

    @Test
    void an_unpaired_surrogate_or_a_control_character_is_refused_but_tab_and_newline_pass_in_free_text() {
        String debtor = TestIds.companyRuc();
        refusedNaming(asStaff().body("{\"name\":\"Jo\\ud800hn\",\"role\":\"STAFF\"}")
                .post("/api/v1/admin/api-clients").then(), "name")
                .body("detail", containsString("unpaired surrogate"));
        refusedNaming(asStaff().body("{\"name\":\"Jo\\udc00hn\",\"role\":\"STAFF\"}")
                .post("/api/v1/admin/api-clients").then(), "name");
        refusedNaming(asStaff().body("{\"name\":\"Jo\\thn\",\"role\":\"STAFF\"}")
                .post("/api/v1/admin/api-clients").then(), "name");
        refusedNaming(asStaff().body("{\"name\":\"Jo\\u001bhn\",\"role\":\"STAFF\"}")
                .post("/api/v1/admin/api-clients").then(), "name");
        refusedNaming(asStaff().body(Map.of("debtorId", debtor, "debtorName", "A", "type", "FINE",
                "principal", "10.00", "dueDate", "2024-01-15", "description", "line\r\nbreak"))
                .post("/api/v1/obligations").then(), "description");
        // A pair that forms a real character (an emoji) is valid text, and tab and newline are allowed in free text.
        String id = asStaff().body(Map.of("debtorId", debtor, "debtorName", "Café \uD83D\uDE00", "type", "FINE",
                        "principal", "10.00", "dueDate", "2024-01-15", "description", "line one\n\tline two"))
                .post("/api/v1/obligations").then().statusCode(201).extract().path("id");
        asStaff().get("/api/v1/obligations/" + id).then().statusCode(200)
                .body("debtorName", equalTo("Café \uD83D\uDE00"))
                .body("description", equalTo("line one\n\tline two"));
    }

    @Test
    void numbers_dates_and_enums_are_read_strictly() {
        String bank = Api.newBankKey("STRICTB");
        long before = rows();
        for (String term : new String[]{"12.9", "\"12\"", "12.0", "1e1", "true", "99999999999"}) {
            refusedNaming(given().contentType("application/json")
                    .body("{\"debtAmount\":\"1000.00\",\"termMonths\":" + term + ",\"debtorKind\":\"COMPANY\"}")
                    .post("/api/v1/public/agreement-simulations").then(), "termMonths");
        }
        refusedNaming(given().contentType("application/json")
                .body("{\"debtAmount\":\"1000.00\",\"termMonths\":12,\"debtorKind\":\"COMPANY \"}")
                .post("/api/v1/public/agreement-simulations").then(), "debtorKind")
                .body("detail", containsString("[PERSON, COMPANY]"));
        refusedNaming(given().contentType("application/json")
                .body("{\"debtAmount\":\"1000.00\",\"termMonths\":12,\"debtorKind\":\"company\"}")
                .post("/api/v1/public/agreement-simulations").then(), "debtorKind");
        refusedNaming(as(bank).body("{\"bankTransactionId\":\"T-1\",\"reference\":\"4852016937150404\","
                + "\"amount\":\"10.00\",\"paidAt\":1710516600}").post("/api/v1/channel/payments").then(), "paidAt");
        refusedNaming(as(bank).body("{\"bankTransactionId\":\"T-1\",\"reference\":\"4852016937150404\","
                + "\"amount\":10.00,\"paidAt\":\"2024-03-15T10:30:00\"}").post("/api/v1/channel/payments").then(),
                "paidAt").body("errors.field", hasItem("amount"));
        refusedNaming(as(bank).body("{\"bankTransactionId\":\"T-1\",\"reference\":\"4852016937150404\","
                + "\"amount\":\"10.00\",\"paidAt\":\"2024-03-15T10:30-05:00\"}").post("/api/v1/channel/payments").then(),
                "paidAt");
        refusedNaming(asStaff().body("{\"active\":\"false\"}").patch("/api/v1/admin/financial-entities/STRICTB")
                .then(), "active");
        refusedNaming(asStaff().body(Map.of("debtorId", TestIds.companyRuc(), "debtorName", "A", "type", "FINE",
                "principal", "10.00", "dueDate", "2024-02-30")).post("/api/v1/obligations").then(), "dueDate");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void several_bad_fields_are_all_listed_and_a_wrong_shape_names_its_field() {
        asStaff().body("{\"debtorId\":1790012344001,\"debtorName\":[\"x\"],\"type\":\"FINE \","
                        + "\"principal\":\"10.00\",\"dueDate\":20240115}")
                .post("/api/v1/obligations").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "validation-error"))
                .body("errors.field", containsInAnyOrder("debtorId", "debtorName", "type", "dueDate"))
                .body("detail", allOf(containsString("debtorId: must be a string"),
                        containsString("dueDate: must be a date")));
        refusedNaming(asStaff().body("{\"items\":{\"debtorId\":\"x\"}}").post("/api/v1/obligations/bulk").then(),
                "items").body("detail", containsString("must be a list"));
        refusedNaming(asStaff().body("{\"debtorId\":\"" + TestIds.companyRuc() + "\",\"obligationIds\":\"abc\"}")
                .post("/api/v1/vouchers").then(), "obligationIds");
        refusedNaming(asStaff().body("[{\"name\":\"x\"}]").post("/api/v1/admin/api-clients").then(), "body")
                .body("detail", containsString("must be an object"));
    }

    @Test
    void a_body_that_is_not_json_says_where_without_parser_text() {
        asStaff().body("{\"name\": x}").post("/api/v1/admin/api-clients").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "malformed-request"))
                .body("detail", equalTo("the body is not valid JSON (line 1, column 10)"));
        asStaff().body(new byte[]{'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'})
                .post("/api/v1/admin/api-clients").then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "malformed-request"));
    }

    @Test
    void a_query_parameter_given_twice_or_badly_encoded_is_a_400_naming_it() {
        String bank = Api.newBankKey("QRYBANK");
        refusedNaming(as(bank).get("/api/v1/channel/payables?reference=4852016937150404&reference=1234567890123456")
                .then(), "reference").body("detail", containsString("more than once"));
        refusedNaming(as(bank).urlEncodingEnabled(false).get("/api/v1/channel/payables?reference=%00").then(),
                "reference").body("detail", containsString("U+0000"));
        // A broken escape is not valid HTTP: the server's codec refuses it before the service sees it.
        assertThat(rawGet("/api/v1/channel/payables?reference=%zz", bank)).startsWith("HTTP/1.1 400");
        refusedNaming(as(bank).urlEncodingEnabled(false).get("/api/v1/channel/payables?reference=%C3").then(),
                "reference");
    }

    @Test
    void a_ruc_with_a_digit_dropped_is_told_so_instead_of_nothing_to_pay() {
        String bank = Api.newBankKey("RUCBANK");
        as(bank).get("/api/v1/channel/payables?debtorId=179001234401").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-debtor-id"))
                .body("detail", containsString("has 12 digits"))
                .body("detail", containsString("is a digit missing?"));
    }

    @Test
    void a_long_url_and_large_headers_get_problem_answers() {
        given().get("/api/v1/concepts?x=" + "a".repeat(9000)).then().statusCode(414)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "uri-too-long"));
        given().header("X-Filler", "b".repeat(20_000)).get("/api/v1/concepts").then().statusCode(431)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "headers-too-large"));
    }

    @Test
    void a_wrong_key_is_a_401_before_any_406_405_or_404() {
        for (String path : new String[]{"/api/v1/admin/api-clients", "/api/v1/nothing-here"}) {
            given().header("Authorization", "Bearer rk_not_a_real_key_at_all_0000000000000000")
                    .accept("application/xml").get(path).then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "unauthorized"));
        }
        given().header("Authorization", "Bearer rk_not_a_real_key_at_all_0000000000000000")
                .put("/api/v1/admin/api-clients").then().statusCode(401);
        asStaff().accept("application/xml").get("/api/v1/admin/api-clients").then().statusCode(406)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "not-acceptable"));
    }

    /** A GET written byte by byte, for request lines no HTTP client library would send. */
    private static String rawGet(String target, String key) {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
