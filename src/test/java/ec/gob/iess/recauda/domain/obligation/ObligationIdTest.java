package ec.gob.iess.recauda.domain.obligation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObligationIdTest {

    @Test
    void a_canonical_uuid_is_read_and_written_back_in_lower_case() {
        String text = "0b6f3c2e-7d1a-4f8e-9c5b-2a4d6e8f0a1c";

        assertThat(ObligationId.parse(text).value()).isEqualTo(UUID.fromString(text));
        assertThat(ObligationId.parse(text.toUpperCase())).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-1-1-1-1", "0b6f3c2e7d1a4f8e9c5b2a4d6e8f0a1c", "0b6f3c2e-7d1a-4f8e-9c5b-2a4d6e8f0a1",
            "{0b6f3c2e-7d1a-4f8e-9c5b-2a4d6e8f0a1c}", " 0b6f3c2e-7d1a-4f8e-9c5b-2a4d6e8f0a1c",
            "0b6f3c2g-7d1a-4f8e-9c5b-2a4d6e8f0a1c", ""})
    void anything_but_the_canonical_36_character_form_is_rejected(String text) {
        assertThatThrownBy(() -> ObligationId.parse(text))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.kind()).isEqualTo("invalid-obligation-id"));
    }

    @Test
    void a_malformed_id_names_the_expected_form() {
        assertThatThrownBy(() -> ObligationId.parse("42")).hasMessageStartingWith("must be a UUID such as ");
    }

    @Test
    void random_ids_differ() {
        assertThat(ObligationId.random()).isNotEqualTo(ObligationId.random());
    }
}
