package ec.gob.iess.recauda.adapter.in.demo;

import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.DebtorIdKind;
import ec.gob.iess.recauda.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/**
 * The demo data of the dev profile, loaded at start as in {@code ./mvnw quarkus:dev}: the debtors README lists (one
 * of each id kind), obligations of every type, the rate history, the partner entities and concepts; and a second
 * load stores nothing new. It shares the test database with the other classes (the embedded server is one per
 * JVM), so it looks only at DEMO obligations; what it adds (fixed debtor ids, rates from 2000, the partner entity
 * codes, concepts RENT and CERT-COPIES) is used by no other test that depends on its exact values.
 */
@QuarkusTest
@TestProfile(DemoDataLoaderTest.DemoData.class)
class DemoDataLoaderTest {

    /** The dev-profile switch, on in a test. */
    public static class DemoData implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recauda.demo-data.enabled", "true");
        }
    }

    /** README's demo debtors: id → kind and name. */
    private static final Map<String, Object[]> README_DEBTORS = new LinkedHashMap<>();

    static {
        README_DEBTORS.put("1790012344001", new Object[]{DebtorIdKind.RUC_PRIVATE_COMPANY, "Comercial Andina S.A."});
        README_DEBTORS.put("1790012345001", new Object[]{DebtorIdKind.RUC_PRIVATE_COMPANY,
                "Textiles del Pacífico Cía. Ltda."});
        README_DEBTORS.put("1760000150001", new Object[]{DebtorIdKind.RUC_PUBLIC_ENTITY, "Municipio de San Demo"});
        README_DEBTORS.put("1712345675001", new Object[]{DebtorIdKind.RUC_NATURAL_PERSON,
                "Juan Pérez - Ferretería El Clavo"});
        README_DEBTORS.put("1710034065", new Object[]{DebtorIdKind.CEDULA, "María Andrade"});
        README_DEBTORS.put("P1234567", new Object[]{DebtorIdKind.PASSPORT, "John Smith"});
    }

    @Inject
    DemoDataLoader loader;
    @Inject
    Database db;
    @Inject
    Clock clock;

    @Test
    void every_readme_debtor_is_there_with_its_id_kind_and_together_they_owe_every_obligation_type() {
        Set<ObligationType> types = EnumSet.noneOf(ObligationType.class);
        for (Map.Entry<String, Object[]> debtor : README_DEBTORS.entrySet()) {
            assertThat(DebtorId.parsePayer(debtor.getKey()).kind()).isEqualTo(debtor.getValue()[0]);
            // Only the DEMO obligations: other test classes sharing the database may add some for these ids.
            List<Map<String, Object>> demo = asStaff()
                    .get("/api/v1/debtors/" + debtor.getKey() + "/obligations?size=500").then().statusCode(200)
                    .extract().path("items.findAll { it.sourceSystem == 'DEMO' }");
            assertThat(demo).extracting(o -> o.get("debtorName")).containsOnly(debtor.getValue()[1]);
            List<String> found = demo.stream().map(o -> (String) o.get("type")).toList();
            assertThat(found).as("obligations of " + debtor.getKey()).isNotEmpty();
            found.forEach(t -> types.add(ObligationType.valueOf(t)));
            asStaff().get("/api/v1/debtors/" + debtor.getKey() + "/statement").then().statusCode(200);
        }
        assertThat(types).containsExactlyInAnyOrder(ObligationType.values());
        asStaff().get("/api/v1/debtors/1790012345001/obligations").then()
                .body("items[0].warnings", hasItem(DebtorId.RUC_CHECK_DIGIT_MISMATCH));
    }

    @Test
    void the_rate_history_partner_entities_and_concepts_of_the_readme_are_loaded() {
        List<Map<String, String>> rates = asStaff().get("/api/v1/admin/interest-rates").then().statusCode(200)
                .extract().path("items");
        for (String[] demo : new String[][]{{"2000-01-01", "0.12"}, {"2010-01-01", "0.095"},
                {"2019-01-01", "0.0921"}, {"2023-01-01", "0.1061"}, {"2024-01-01", "0.1133"},
                {"2025-07-01", "0.1098"}}) {
            assertThat(rates).as("rate from " + demo[0]).anySatisfy(r -> {
                assertThat(r.get("effectiveFrom")).isEqualTo(demo[0]);
                assertThat(new BigDecimal(r.get("annualRate"))).isEqualByComparingTo(demo[1]);
            });
        }
        for (String code : List.of("PICHINCHA", "GUAYAQUIL", "PACIFICO", "BOLIVARIANO", "PRODUBANCO",
                "INTERNACIONAL", "AUSTRO", "JEP", "EL-SAGRARIO", "COOPMEGO", "SAN-FRANCISCO", "SERVIPAGOS",
                "FACILITO", "WESTERN-UNION")) {
            assertThat(db.count("SELECT count(*) FROM financial_entity WHERE code = ?", code)).as(code).isEqualTo(1);
        }
        assertThat(db.count("SELECT count(*) FROM concept WHERE code IN ('RENT', 'CERT-COPIES')")).isEqualTo(2);
    }

    @Test
    void loading_again_stores_nothing_new() {
        List<String> tables = List.of(
                "SELECT count(*) FROM obligation WHERE source_system = 'DEMO'",
                "SELECT count(*) FROM interest_rate",
                "SELECT count(*) FROM financial_entity",
                "SELECT count(*) FROM concept",
                "SELECT count(*) FROM audit_log WHERE actor = 'demo-data'");
        List<Long> before = tables.stream().map(db::count).toList();
        assertThat(before.get(0)).isEqualTo(DemoDataLoader.demoObligations(LocalDate.now(clock)).size());

        loader.onStart(null);

        assertThat(tables.stream().map(db::count).toList()).isEqualTo(before);
    }
}
