package ec.gob.iess.recauda.domain.obligation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterestRateTest {

    private static final LocalDate JAN_1 = LocalDate.of(2024, 1, 1);

    @Test
    void a_rate_is_a_fraction_between_zero_and_one_inclusive() {
        assertThat(InterestRate.parse(JAN_1, "0.1133").annualRate()).isEqualByComparingTo("0.1133");
        assertThat(InterestRate.parse(JAN_1, "0").annualRate()).isEqualByComparingTo("0");
        assertThat(InterestRate.parse(JAN_1, "1").annualRate()).isEqualByComparingTo("1");
        assertThat(InterestRate.parse(JAN_1, "0.123456").annualRate()).isEqualByComparingTo("0.123456");
    }

    @Test
    void trailing_zeros_do_not_make_two_equal_rates_differ() {
        assertThat(new InterestRate(JAN_1, new BigDecimal("0.113300")))
                .isEqualTo(new InterestRate(JAN_1, new BigDecimal("0.1133")));
        assertThat(new InterestRate(JAN_1, new BigDecimal("1.00")).annualRate()).isEqualTo(new BigDecimal("1"));
        assertThat(new InterestRate(JAN_1, new BigDecimal("1.0000000")).annualRate().scale()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-0.01|annual rate must be between 0 and 1 (a fraction: 0.1133 is 11.33 % a year)",
            "1.000001|annual rate must be between 0 and 1 (a fraction: 0.1133 is 11.33 % a year)",
            "11.33|annual rate must be between 0 and 1 (a fraction: 0.1133 is 11.33 % a year)",
            "0.1234567|annual rate must have at most six decimal places",
            "1e-1|annual rate is not a plain decimal number such as 0.1133",
            "11.33%|annual rate is not a plain decimal number such as 0.1133",
            "0.11330000000|annual rate has more than 10 characters",
            "''|annual rate is required"
    })
    void a_rate_breaking_a_rule_is_rejected_naming_it(String text, String message) {
        assertThatThrownBy(() -> InterestRate.parse(JAN_1, text))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.kind()).isEqualTo("invalid-interest-rate"))
                .hasMessage(message);
    }

    @Test
    void the_table_gives_the_rate_with_the_latest_effective_date_on_or_before_the_day() {
        InterestRate first = InterestRate.parse(JAN_1, "0.10");
        InterestRate second = InterestRate.parse(LocalDate.of(2024, 4, 16), "0.12");
        InterestRateTable table = new InterestRateTable(List.of(second, first));

        assertThat(table.rates()).containsExactly(first, second);
        assertThat(table.rateOn(LocalDate.of(2023, 12, 31))).isEmpty();
        assertThat(table.rateOn(JAN_1)).contains(first);
        assertThat(table.rateOn(LocalDate.of(2024, 4, 15))).contains(first);
        assertThat(table.rateOn(LocalDate.of(2024, 4, 16))).contains(second);
        assertThat(table.rateOn(LocalDate.of(2099, 1, 1))).contains(second);
    }

    @Test
    void the_table_refuses_two_rates_on_one_effective_date() {
        assertThatThrownBy(() -> new InterestRateTable(List.of(
                InterestRate.parse(JAN_1, "0.10"), InterestRate.parse(JAN_1, "0.11"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-01-01");
    }

    @Test
    void the_empty_table_has_no_rate_on_any_day_and_its_rates_cannot_be_changed() {
        assertThat(InterestRateTable.empty().rateOn(JAN_1)).isEmpty();
        assertThat(InterestRateTable.empty().rates()).isEmpty();
        InterestRateTable table = new InterestRateTable(List.of(InterestRate.parse(JAN_1, "0.10")));
        assertThatThrownBy(() -> table.rates().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
