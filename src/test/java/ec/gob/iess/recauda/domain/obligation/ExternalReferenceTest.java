package ec.gob.iess.recauda.domain.obligation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExternalReferenceTest {

    @Test
    void a_source_system_and_a_printable_reference_are_accepted() {
        ExternalReference ref = new ExternalReference("HOST_AS400-1", "GL-2001/000123 A");

        assertThat(ref.sourceSystem()).isEqualTo("HOST_AS400-1");
        assertThat(ref.reference()).isEqualTo("GL-2001/000123 A");
    }

    @Test
    void the_longest_source_system_and_reference_are_accepted() {
        assertThat(new ExternalReference("A".repeat(32), "r".repeat(64)).reference()).hasSize(64);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|x|source system is required",
            "host|x|source system must be 1 to 32 characters of A-Z, 0-9, underscore and hyphen",
            "HOST AS400|x|source system must be 1 to 32 characters of A-Z, 0-9, underscore and hyphen",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA|x|source system must be 1 to 32 characters of A-Z, 0-9, underscore and hyphen",
            "HOST|''|reference is required",
            "HOST|' GL-1'|reference must not start or end with a space",
            "HOST|'GL-1 '|reference must not start or end with a space",
            "HOST|glosa nº 5|reference must be 1 to 64 printable ASCII characters",
            "HOST|rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr|reference must be 1 to 64 printable ASCII characters"
    })
    void a_reference_breaking_a_rule_is_rejected_naming_it(String source, String reference, String message) {
        assertThatThrownBy(() -> new ExternalReference(source, reference))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.kind()).isEqualTo("invalid-external-reference"))
                .hasMessage(message);
    }

    @Test
    void a_control_character_is_not_printable() {
        assertThatThrownBy(() -> new ExternalReference("HOST", "GL\t1")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ExternalReference(null, "GL1")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ExternalReference("HOST", null)).isInstanceOf(InvalidValueException.class);
    }
}
