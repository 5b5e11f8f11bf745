package ec.gob.iess.recauda.domain.shared;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Nested
    class Construction {

        @Test
        void an_amount_is_always_held_at_scale_two() {
            assertThat(Money.of(new BigDecimal("10")).amount()).isEqualByComparingTo("10").hasScaleOf(2);
            assertThat(Money.of(new BigDecimal("10.5")).toString()).isEqualTo("10.50");
            assertThat(Money.of(new BigDecimal("10.500")).toString()).isEqualTo("10.50");
            assertThat(Money.of(new BigDecimal("1E+3")).toString()).isEqualTo("1000.00");
        }

        @Test
        void equal_values_are_equal_whatever_scale_they_came_with() {
            assertThat(Money.of(new BigDecimal("10"))).isEqualTo(Money.of(new BigDecimal("10.000")))
                    .hasSameHashCodeAs(Money.of(new BigDecimal("10.00")));
        }

        @Test
        void a_third_significant_decimal_is_rejected_never_rounded_away() {
            assertThatThrownBy(() -> new Money(new BigDecimal("1.005")))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-amount"))
                    .hasMessage("has more than two decimals");
        }

        @Test
        void a_null_amount_is_a_programming_error() {
            assertThatThrownBy(() -> new Money(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void the_magnitude_must_fit_numeric_15_2() {
            assertThat(Money.of(new BigDecimal("9999999999999.99")).toString()).isEqualTo("9999999999999.99");
            assertThat(Money.of(new BigDecimal("-9999999999999.99")).isNegative()).isTrue();
            assertThatThrownBy(() -> Money.of(new BigDecimal("10000000000000.00")))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("exceeds");
            assertThatThrownBy(() -> Money.of(new BigDecimal("-10000000000000")))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("exceeds");
        }

        @Test
        void a_computation_beyond_numeric_15_2_is_a_business_refusal_not_bad_input() {
            Money big = Money.of("9999999999999.99");
            assertThat(big.minus(Money.of("0.01")).toString()).isEqualTo("9999999999999.98");
            assertThatThrownBy(() -> big.plus(Money.of("0.01")))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("amount-out-of-range"))
                    .hasMessageContaining("10000000000000.00").hasMessageContaining("9999999999999.99");
            assertThatThrownBy(() -> Money.of("-9999999999999.99").minus(Money.of("1.00")))
                    .isInstanceOf(BusinessRuleException.class);
            assertThatThrownBy(() -> Money.of("5000000000000.00").times(new BigDecimal("2")))
                    .isInstanceOf(BusinessRuleException.class);
            assertThatThrownBy(() -> Money.rounded(new BigDecimal("10000000000000.001")))
                    .isInstanceOf(BusinessRuleException.class);
        }

        @Test
        void zero_and_negative_values_are_allowed_for_balances() {
            assertThat(Money.ZERO.toString()).isEqualTo("0.00");
            assertThat(Money.of("-12.30").toString()).isEqualTo("-12.30");
        }
    }

    @Nested
    class StrictText {

        @ParameterizedTest
        @CsvSource({"10,10.00", "10.5,10.50", "10.55,10.55", "-3,-3.00", "007.10,7.10", "0,0.00"})
        void a_plain_number_with_up_to_two_decimals_is_read_at_scale_two(String text, String expected) {
            assertThat(Money.of(text).toString()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1e3", "1E3", "+5", "5.", ".5", "1,000.00", " 5", "5 ", "abc", "--5", "1.2.3"})
        void anything_else_is_not_a_number(String text) {
            assertThatThrownBy(() -> Money.of(text))
                    .isInstanceOf(InvalidValueException.class).hasMessage("is not a number");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.005", "1.000", "-0.001"})
        void three_decimals_in_the_text_are_refused(String text) {
            assertThatThrownBy(() -> Money.of(text))
                    .isInstanceOf(InvalidValueException.class).hasMessage("has more than two decimals");
        }
    }

    @Nested
    class RequestAmount {

        @Test
        void a_valid_request_amount_is_read_at_scale_two() {
            assertThat(Money.parseAmount("10.00").toString()).isEqualTo("10.00");
            assertThat(Money.parseAmount("10.50").amount()).isEqualByComparingTo("10.5");
            assertThat(Money.parseAmount("0.01").toString()).isEqualTo("0.01");
        }

        @ParameterizedTest
        @ValueSource(strings = {"10", "10.5", "1250.0"})
        void a_request_amount_is_written_with_exactly_two_decimals(String text) {
            assertRejected(text, "must be written with exactly two decimals, e.g. 1250.00");
        }

        @Test
        void the_maximum_request_amount_is_accepted_and_one_cent_more_is_rejected() {
            assertThat(Money.parseAmount("999999999999.99").amount()).isEqualByComparingTo(Money.MAX_AMOUNT);
            assertRejected("1000000000000.00", "must not exceed 999999999999.99");
            assertRejected("99999999999999999999999.00", "must not exceed 999999999999.99");
        }

        @Test
        void a_missing_amount_is_required() {
            assertRejected(null, "is required");
            assertRejected("", "is required");
            assertRejected("  ", "is required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1e3", "+5", "5.", ".5", "1,000", " 5", "twelve", "NaN"})
        void a_request_amount_must_be_a_plain_decimal_number(String text) {
            assertThatThrownBy(() -> Money.parseAmount(text))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-amount"))
                    .hasMessageStartingWith("is not a number");
        }

        @Test
        void a_negative_request_amount_is_rejected_as_not_positive() {
            assertRejected("-5.00", "must be positive");
            assertRejected("-0.00", "must be positive");
        }

        @Test
        void a_zero_request_amount_is_rejected() {
            assertRejected("0.00", "must be greater than zero");
            assertRejected("000.00", "must be greater than zero");
        }

        @Test
        void a_request_amount_with_three_decimals_is_rejected() {
            assertRejected("1.005", "has more than two decimals");
        }

        private void assertRejected(String text, String message) {
            assertThatThrownBy(() -> Money.parseAmount(text))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-amount"))
                    .hasMessage(message);
        }
    }

    @Nested
    class Arithmetic {

        private final Money a = Money.of("100.25");
        private final Money b = Money.of("0.75");

        @Test
        void sums_and_differences_are_exact() {
            assertThat(a.plus(b)).isEqualTo(Money.of("101.00"));
            assertThat(a.minus(b)).isEqualTo(Money.of("99.50"));
            assertThat(b.minus(a)).isEqualTo(Money.of("-99.50"));
        }

        @Test
        void a_product_is_rounded_half_up_to_cents() {
            // 100.25 × 0.10 = 10.025 → 10.03 (HALF_UP, not HALF_EVEN's 10.02)
            assertThat(a.times(new BigDecimal("0.10"))).isEqualTo(Money.of("10.03"));
            // 0.75 × 0.333 = 0.24975 → 0.25
            assertThat(b.times(new BigDecimal("0.333"))).isEqualTo(Money.of("0.25"));
            assertThat(Money.of("-1.00").times(new BigDecimal("0.125"))).isEqualTo(Money.of("-0.13"));
        }

        @Test
        void an_exact_value_is_rounded_half_up() {
            assertThat(Money.rounded(new BigDecimal("2.345"))).isEqualTo(Money.of("2.35"));
            assertThat(Money.rounded(new BigDecimal("2.3449999"))).isEqualTo(Money.of("2.34"));
        }

        @Test
        void signs_and_comparisons() {
            assertThat(Money.ZERO.isZero()).isTrue();
            assertThat(a.isPositive()).isTrue();
            assertThat(Money.of("-0.01").isNegative()).isTrue();
            assertThat(a.isGreaterThan(b)).isTrue();
            assertThat(b.isLessThan(a)).isTrue();
            assertThat(a.compareTo(Money.of(new BigDecimal("100.250")))).isZero();
            assertThat(a.min(b)).isSameAs(b);
            assertThat(a.max(b)).isSameAs(a);
        }
    }
}
