package ec.gob.iess.recauda.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @Test
    void a_period_is_read_from_yyyy_mm_and_written_back_the_same_way() {
        Period period = Period.parse("2024-03");

        assertThat(period.value()).isEqualTo(YearMonth.of(2024, 3));
        assertThat(period).hasToString("2024-03");
    }

    @Test
    void the_first_and_last_years_accepted_are_1900_and_2999() {
        assertThat(Period.parse("1900-01")).hasToString("1900-01");
        assertThat(Period.parse("2999-12")).hasToString("2999-12");
        assertRejected("1899-12", "year must be 1900-2999");
        assertRejected("3000-01", "year must be 1900-2999");
    }

    @Test
    void month_13_and_month_00_are_rejected() {
        assertRejected("2024-13", "month must be 01-12");
        assertRejected("2024-00", "month must be 01-12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-1", "24-01", "2024/01", "202401", "2024-01-15", " 2024-01", "2024-01 ", "２024-01"})
    void anything_but_yyyy_mm_is_rejected(String text) {
        assertRejected(text, "must have the form YYYY-MM, e.g. 2024-03");
    }

    @Test
    void a_missing_period_is_required() {
        assertRejected(null, "is required");
        assertRejected("", "is required");
    }

    @Test
    void a_contribution_is_due_the_15th_of_the_following_month_even_across_a_year_end() {
        assertThat(Period.parse("2024-12").contributionDueDate()).isEqualTo(LocalDate.of(2025, 1, 15));
        assertThat(Period.parse("2024-01").contributionDueDate()).isEqualTo(LocalDate.of(2024, 2, 15));
    }

    @Test
    void periods_are_ordered_chronologically() {
        assertThat(Period.parse("2023-12")).isLessThan(Period.parse("2024-01"));
        assertThat(Period.of(2024, 1)).isEqualTo(Period.parse("2024-01"));
    }

    @Test
    void the_constructor_also_enforces_the_year_range() {
        assertThatThrownBy(() -> new Period(YearMonth.of(1850, 1))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Period(null)).isInstanceOf(NullPointerException.class);
    }

    private static void assertRejected(String text, String message) {
        assertThatThrownBy(() -> Period.parse(text))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.kind()).isEqualTo("invalid-period"))
                .hasMessage(message);
    }
}
