package ec.gob.iess.recauda.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Small helpers to call the API as a given client in HTTP tests. */
public final class Api {

    /** The bootstrap STAFF key of the test profile (application.properties). */
    public static final String STAFF_KEY = "rk_test_staff_key_for_the_automated_test_suite";

    private Api() {
    }

    public static RequestSpecification as(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON);
    }

    public static RequestSpecification asStaff() {
        return as(STAFF_KEY);
    }

    /**
     * Every item of a paged list that staff read, 500 to a page (the test classes share one database, so the lists
     * of clients and entities grow long).
     */
    public static List<Map<String, Object>> allItems(String path) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<Map<String, Object>> chunk = asStaff().queryParam("page", page).queryParam("size", 500).get(path)
                    .then().statusCode(200).extract().jsonPath().getList("items");
            items.addAll(chunk);
            if (chunk.size() < 500) {
                return items;
            }
        }
    }

    /** The item of a paged list whose {@code field} is {@code value}; fails when there is none. */
    public static Map<String, Object> itemOf(String path, String field, Object value) {
        return allItems(path).stream().filter(i -> value.equals(i.get(field))).findFirst()
                .orElseThrow(() -> new AssertionError("no item with " + field + " " + value + " in " + path));
    }

    /** Registers a client and returns its key. */
    public static String newKey(String role, String scope) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", role + " test client " + UUID.randomUUID());
        body.put("role", role);
        if (scope != null) {
            body.put("scope", scope);
        }
        return asStaff().body(body).post("/api/v1/admin/api-clients")
                .then().statusCode(201).extract().path("apiKey");
    }

    /** Registers a financial entity (if new) with cut-off 23:59 and returns a BANK key for it. */
    public static String newBankKey(String entityCode) {
        registerEntity(entityCode, "23:59");
        return newKey("BANK", entityCode);
    }

    /** Registers a financial entity; an existing code is left as it is. */
    public static void registerEntity(String entityCode, String cutoff) {
        asStaff().body(Map.of("code", entityCode, "name", "Entidad " + entityCode, "type", "BANK",
                "cutoffTime", cutoff)).post("/api/v1/admin/financial-entities")
                .then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
    }

    /** A minimal valid obligation body; callers override fields. */
    public static Map<String, Object> obligation(String debtorId, String type, String principal, String dueDate) {
        Map<String, Object> body = new HashMap<>();
        body.put("debtorId", debtorId);
        body.put("debtorName", "Deudor de prueba " + debtorId);
        body.put("type", type);
        if (principal != null) {
            body.put("principal", principal);
        }
        if (dueDate != null) {
            body.put("dueDate", dueDate); // absent, not null: a field without a value is left out
        }
        return body;
    }

    /** Creates an obligation as staff and returns its id. */
    public static String createObligation(Map<String, Object> body) {
        return asStaff().body(body).post("/api/v1/obligations").then().statusCode(201).extract().path("id");
    }

    /** Issues a voucher as staff for the given obligations and returns the answer's JSON path access. */
    public static io.restassured.response.ExtractableResponse<io.restassured.response.Response> issueVoucher(
            String debtorId, String... obligationIds) {
        return asStaff().body(Map.of("debtorId", debtorId, "obligationIds", java.util.List.of(obligationIds)))
                .post("/api/v1/vouchers").then().statusCode(201).extract();
    }

    /** Sets a rate as staff. */
    public static void setRate(String effectiveFrom, String annualRate) {
        asStaff().body(Map.of("annualRate", annualRate)).put("/api/v1/admin/interest-rates/" + effectiveFrom)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
