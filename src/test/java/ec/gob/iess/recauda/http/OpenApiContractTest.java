package ec.gob.iess.recauda.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed contract {@code api-spec/openapi.yaml} is exactly what the service serves, and every operation in
 * it states its unique operationId, its summary, who may call it, its security requirement and its error answers
 * as problems (every status the service can send to any request: 400, 406, 413, 414, 431, 500).
 *
 * <p>After a deliberate change of the API, regenerate the file and review the diff:
 * {@code ./mvnw test -Dtest=OpenApiContractTest -Drecauda.openapi.update=true}.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path CONTRACT = Path.of("api-spec", "openapi.yaml");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    @Test
    void the_committed_contract_is_what_the_service_serves() throws Exception {
        String served = given().get("/q/openapi").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("recauda.openapi.update")) {
            Files.createDirectories(CONTRACT.getParent());
            Files.writeString(CONTRACT, served);
        }
        assertThat(Files.exists(CONTRACT)).as("api-spec/openapi.yaml must be committed").isTrue();
        assertThat(Files.readString(CONTRACT))
                .as("api-spec/openapi.yaml differs from /q/openapi: regenerate it with"
                        + " ./mvnw test -Dtest=OpenApiContractTest -Drecauda.openapi.update=true and review the diff")
                .isEqualTo(served);
    }

    @Test
    void answers_state_the_fields_a_client_can_count_on_and_bounds_follow_the_rules() throws Exception {
        JsonNode schemas = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .asString()).path("components").path("schemas");
        // Always there: required. Absent when it has no value: not required.
        assertThat(schemas.at("/Obligation/required")).extracting(JsonNode::asText)
                .contains("id", "debtorId", "status", "principalBalance", "warnings", "version")
                .doesNotContain("description", "period", "cancellationReason");
        assertThat(schemas.at("/Payment/required")).extracting(JsonNode::asText)
                .contains("paymentId", "amount", "allocations").doesNotContain("reversedAt");
        assertThat(schemas.at("/Problem/required")).extracting(JsonNode::asText)
                .contains("type", "title", "status").doesNotContain("errors", "instance");
        // A request body's schema keeps the required fields its annotations state.
        assertThat(schemas.at("/RegisterObligationRequest/required")).extracting(JsonNode::asText)
                .doesNotContain("description", "period");
        // The same name, the same bound, in requests and answers, from the rule that enforces it.
        assertThat(schemas.at("/RegisterObligationRequest/properties/debtorId/maxLength").asInt()).isEqualTo(20);
        assertThat(schemas.at("/Obligation/properties/debtorId/maxLength").asInt()).isEqualTo(20);
        assertThat(schemas.at("/PostPaymentRequest/properties/reference/maxLength").asInt()).isEqualTo(16);
        assertThat(schemas.at("/PostPaymentRequest/properties/amount/maxLength").asInt()).isEqualTo(15);
        assertThat(schemas.at("/Obligation/properties/id/format").asText()).isEqualTo("uuid");
    }

    @Test
    void every_operation_has_a_summary_its_callers_its_security_and_problem_errors() throws Exception {
        JsonNode api = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        List<String> defects = new ArrayList<>();
        int operations = 0;
        java.util.Set<String> operationIds = new java.util.HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                operations++;
                String name = method.toUpperCase() + " " + path.getKey();
                if (!op.hasNonNull("summary") || op.get("summary").asText().isBlank()) {
                    defects.add(name + ": no summary");
                }
                String operationId = op.path("operationId").asText();
                if (!operationId.matches("[a-z][A-Za-z]+") || !operationIds.add(operationId)) {
                    defects.add(name + ": no operationId, or one already used: '" + operationId + "'");
                }
                if (!op.path("description").asText().contains("**Who may call:**")) {
                    defects.add(name + ": the description does not say who may call it");
                }
                boolean isPublic = op.path("description").asText().contains("**Who may call:** anyone");
                if (!isPublic && (!op.has("security") || op.get("security").isEmpty())) {
                    defects.add(name + ": no security requirement");
                }
                JsonNode responses = op.path("responses");
                List<String> always = List.of("400", "406", "413", "414", "429", "431", "500", "503");
                List<String> keyed = List.of("400", "401", "403", "406", "413", "414", "429", "431", "500", "503");
                for (String required : isPublic ? always : keyed) {
                    if (!responses.has(required)) {
                        defects.add(name + ": no " + required + " response");
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = it.next();
                    if (response.getKey().matches("[45]\\d\\d")) {
                        String ref = response.getValue().path("content").path("application/problem+json")
                                .path("schema").path("$ref").asText();
                        if (!ref.equals("#/components/schemas/Problem")) {
                            defects.add(name + ": response " + response.getKey() + " is not a problem");
                        }
                        if (response.getKey().equals("429") && !response.getValue().path("headers")
                                .path("Retry-After").path("$ref").asText().equals("#/components/headers/Retry-After")) {
                            defects.add(name + ": response 429 does not declare Retry-After");
                        }
                    }
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(39);
        assertThat(api.path("servers").isArray() && !api.path("servers").isEmpty()).as("servers").isTrue();
        assertThat(api.path("openapi").asText()).isEqualTo("3.0.3");
        assertThat(api.path("components").path("schemas").has("Problem")).isTrue();
        assertThat(api.path("components").path("headers").path("Retry-After").path("required").asBoolean())
                .isTrue();
        assertThat(api.path("components").path("securitySchemes").path("apiKey").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(defects).isEmpty();
    }
}
