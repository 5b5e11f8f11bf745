package ec.gob.iess.recauda.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint states who may call it, once, and the contract says the same (ADR 0014): each {@link Allowed} is
 * coherent (a STAFF key is an OPERATOR-level machine, so it is listed exactly where an OPERATOR person may call), its
 * operation in {@code api-spec/openapi.yaml} offers the {@code apiKey} scheme exactly when keys may call and the
 * {@code staffToken} scheme exactly when staff people may, and its "Who may call" sentence names the least staff role.
 */
class AccessDeclarationsTest {

    private static final String REST = "ec.gob.iess.recauda.adapter.in.rest";
    private static final Set<StaffRole> STAFF_KEY_LEVELS = Set.of(StaffRole.READER, StaffRole.OPERATOR);

    @Test
    void every_allowed_is_coherent_and_the_contract_states_it() throws Exception {
        OpenAPI spec = new OpenAPIV3Parser().read(Path.of("api-spec", "openapi.yaml").toString());
        Map<String, Operation> operations = new HashMap<>();
        spec.getPaths().values().forEach(item -> item.readOperations()
                .forEach(op -> operations.put(op.getOperationId(), op)));

        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(REST)) {
            Class<?> type = Class.forName(c.getName());
            for (Method method : type.getDeclaredMethods()) {
                Allowed allowed = Optional.ofNullable(method.getAnnotation(Allowed.class))
                        .orElse(type.getAnnotation(Allowed.class));
                org.eclipse.microprofile.openapi.annotations.Operation doc =
                        method.getAnnotation(org.eclipse.microprofile.openapi.annotations.Operation.class);
                if (allowed == null || doc == null || doc.hidden()) {
                    continue;
                }
                checked++;
                String where = type.getSimpleName() + "." + method.getName();
                violations.addAll(coherence(where, allowed));
                Operation op = operations.get(doc.operationId());
                if (op == null) {
                    violations.add(where + ": operation " + doc.operationId() + " is not in the contract");
                    continue;
                }
                Set<String> schemes = op.getSecurity() == null ? Set.of() : op.getSecurity().stream()
                        .map(SecurityRequirement::keySet).flatMap(Set::stream).collect(Collectors.toSet());
                if (schemes.contains("apiKey") != (allowed.value().length > 0)) {
                    violations.add(where + ": the contract's apiKey scheme disagrees with @Allowed's key roles");
                }
                if (schemes.contains("staffToken") != (allowed.staff().length > 0)) {
                    violations.add(where + ": the contract's staffToken scheme disagrees with @Allowed's staff");
                }
                String description = op.getDescription() == null ? "" : op.getDescription();
                int end = description.indexOf(". ");
                String who = end < 0 ? description : description.substring(0, end); // the "Who may call" sentence
                String expected = allowed.staff().length == 0 ? null : switch (allowed.staff()[0]) {
                    case READER -> "staff from READER up (people) and STAFF keys";
                    case OPERATOR -> "staff from OPERATOR up (people) and STAFF keys";
                    case DIRECTOR -> "a staff DIRECTOR (a person";
                };
                if (!who.startsWith("**Who may call:** ") || (expected == null ? who.contains("staff")
                        : !who.contains(expected))) {
                    violations.add(where + ": its description's 'Who may call' does not say " + (expected == null
                            ? "that no staff may" : "'" + expected + "'"));
                }
            }
        }
        assertThat(checked).as("documented resource methods with @Allowed").isGreaterThan(30);
        assertThat(violations).isEmpty();
    }

    private static List<String> coherence(String where, Allowed allowed) {
        List<String> violations = new ArrayList<>();
        if (allowed.staff().length > 1) {
            violations.add(where + ": @Allowed(staff) names the least staff role, one at most");
        }
        if (allowed.value().length == 0 && allowed.staff().length == 0) {
            violations.add(where + ": @Allowed lets nobody in");
        }
        boolean staffKeys = Arrays.asList(allowed.value()).contains(Role.STAFF);
        boolean operatorLevel = allowed.staff().length == 1 && STAFF_KEY_LEVELS.contains(allowed.staff()[0]);
        if (staffKeys != operatorLevel) {
            violations.add(where + ": a STAFF key acts at OPERATOR level, so Role.STAFF must be listed exactly"
                    + " where staff from READER or OPERATOR may call");
        }
        return violations;
    }
}
