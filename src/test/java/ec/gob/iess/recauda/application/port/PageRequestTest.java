package ec.gob.iess.recauda.application.port;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void a_page_whose_first_row_is_beyond_the_largest_offset_is_refused_naming_page() {
        assertThatThrownBy(() -> new PageRequest(5_000_000, 500))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.kind()).isEqualTo("validation-error");
                    assertThat(e.violations()).extracting(InvalidValueException.Violation::field)
                            .containsExactly("page");
                });
        assertThatThrownBy(() -> new PageRequest(Integer.MAX_VALUE, 2)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void the_last_page_that_fits_is_accepted_with_its_offset() {
        PageRequest last = new PageRequest(4_294_967, 500);
        assertThat(last.offset()).isEqualTo(2_147_483_500L);
        assertThat(new PageRequest(Integer.MAX_VALUE, 1).offset()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void a_bad_size_is_reported_on_size_alone() {
        assertThatThrownBy(() -> new PageRequest(5_000_000, 501))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.violations())
                        .extracting(InvalidValueException.Violation::field).containsExactly("size"));
    }
}
