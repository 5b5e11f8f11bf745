package ec.gob.iess.recauda.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's dependency rules, checked on every build against the production classes. Every package a rule
 * names is a constant below, and {@link #every_layer_named_in_a_rule_exists_and_has_classes()} fails when one of
 * them holds no class, so a misspelt or renamed package breaks the build instead of letting a rule pass on
 * nothing. Each rule also refuses to pass vacuously ({@code allowEmptyShould(false)}).
 */
class DependencyRuleTest {

    private static final String ROOT = "ec.gob.iess.recauda";
    private static final String DOMAIN = ROOT + ".domain";
    private static final String APPLICATION = ROOT + ".application";
    private static final String PORT_IN = APPLICATION + ".port.in";
    private static final String PORT_OUT = APPLICATION + ".port.out";
    private static final String SERVICE = APPLICATION + ".service";
    private static final String ADAPTER = ROOT + ".adapter";
    private static final String REST = ADAPTER + ".in.rest";
    private static final String PERSISTENCE = ADAPTER + ".out.persistence";

    private static final String TRANSACTIONAL = "jakarta.transaction.Transactional";
    private static final String ALLOWED = REST + ".security.Allowed";
    private static final String PUBLIC_ENDPOINT = REST + ".security.PublicEndpoint";
    private static final Set<String> HTTP_METHODS = Set.of("jakarta.ws.rs.GET", "jakarta.ws.rs.POST",
            "jakarta.ws.rs.PUT", "jakarta.ws.rs.PATCH", "jakarta.ws.rs.DELETE", "jakarta.ws.rs.HEAD",
            "jakarta.ws.rs.OPTIONS");

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void every_layer_named_in_a_rule_exists_and_has_classes() {
        List<String> missing = new ArrayList<>();
        for (String layer : List.of(DOMAIN, APPLICATION, PORT_IN, PORT_OUT, SERVICE, ADAPTER, REST, PERSISTENCE)) {
            if (classes.stream().noneMatch(c -> isIn(c, layer))) {
                missing.add("package " + layer);
            }
        }
        for (String annotation : List.of(ALLOWED, PUBLIC_ENDPOINT)) {
            if (!classes.contain(annotation)) {
                missing.add("annotation " + annotation);
            }
        }
        assertThat(missing)
                .as("packages and annotations named in the rules that do not exist (misspelt or renamed?)")
                .isEmpty();
    }

    @Test
    void the_domain_depends_only_on_java_and_on_itself() {
        classes().that().resideInAPackage(DOMAIN + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN + "..")
                .because("the domain is plain Java: no Quarkus, Jakarta, Hibernate, Jackson or application code")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void the_application_does_not_depend_on_adapters() {
        noClasses().that().resideInAPackage(APPLICATION + "..")
                .should().dependOnClassesThat().resideInAPackage(ADAPTER + "..")
                .because("adapters plug into ports; the application never knows which")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void the_application_imports_no_framework_transactions_go_through_a_port_and_configuration_arrives_as_values() {
        noClasses().that().resideInAPackage(APPLICATION + "..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "org.eclipse.microprofile..",
                        "org.hibernate..", "io.agroal..", "com.fasterxml..", "jakarta.persistence..", "jakarta.ws..")
                .because("use cases import no framework: programmatic transactions go through the Transactions"
                        + " port, configuration is produced as domain values in config/ (only the Jakarta"
                        + " annotations of CDI and JTA mark them as beans and transactional)")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void no_adapter_depends_on_another_adapter() {
        SlicesRuleDefinition.slices().matching(ADAPTER + ".(*).(*)..")
                .should().notDependOnEachOther()
                .because("each adapter (in.rest, in.demo, out.persistence ...) talks only to ports")
                .allowEmptyShould(false)
                .check(classes);
    }

    /** "Meta-annotated" in ArchUnit covers a direct annotation too, and a stereotype carrying it. */
    @Test
    void transactions_are_declared_only_on_application_services() {
        noClasses().that().resideOutsideOfPackage(SERVICE + "..")
                .should().beMetaAnnotatedWith(TRANSACTIONAL)
                .because("@Transactional belongs on the application services and nowhere else")
                .allowEmptyShould(false)
                .check(classes);
        noMethods().that().areDeclaredInClassesThat().resideOutsideOfPackage(SERVICE + "..")
                .should().beMetaAnnotatedWith(TRANSACTIONAL)
                .because("@Transactional belongs on the application services and nowhere else")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void every_rest_resource_method_declares_exactly_one_of_allowed_or_public_endpoint() {
        List<String> resourceMethods = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        classes.stream().filter(c -> isIn(c, REST)).forEach(owner -> {
            for (JavaMethod method : owner.getMethods()) {
                if (!method.getModifiers().contains(JavaModifier.PUBLIC) || !isHttpMethod(method)) {
                    continue;
                }
                resourceMethods.add(method.getFullName());
                boolean allowed = method.isAnnotatedWith(ALLOWED) || owner.isAnnotatedWith(ALLOWED);
                boolean open = method.isAnnotatedWith(PUBLIC_ENDPOINT) || owner.isAnnotatedWith(PUBLIC_ENDPOINT);
                if (allowed == open) {
                    violations.add(method.getFullName() + (allowed
                            ? " carries both @Allowed and @PublicEndpoint"
                            : " carries neither @Allowed nor @PublicEndpoint (it would be refused to everyone)"));
                }
            }
        });

        assertThat(resourceMethods).as("JAX-RS resource methods found under %s", REST).isNotEmpty();
        assertThat(violations).as("resource methods without exactly one access annotation").isEmpty();
    }

    private static boolean isHttpMethod(JavaMethod method) {
        for (JavaAnnotation<JavaMethod> annotation : method.getAnnotations()) {
            JavaClass type = annotation.getRawType();
            if (HTTP_METHODS.contains(type.getName()) || type.isAnnotatedWith("jakarta.ws.rs.HttpMethod")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIn(JavaClass javaClass, String packageName) {
        String p = javaClass.getPackageName();
        return p.equals(packageName) || p.startsWith(packageName + ".");
    }
}
