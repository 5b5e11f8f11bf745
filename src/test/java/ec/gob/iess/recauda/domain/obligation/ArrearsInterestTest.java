package ec.gob.iess.recauda.domain.obligation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Worked vectors: interest = principal × Σ(rate × days) / 365, rounded HALF_UP to cents once. */
class ArrearsInterestTest {

    private static final InterestRateTable RATE_11_33 = table(rate("2020-01-01", "0.1133"));

    @Test
    void paying_on_the_due_date_owes_no_interest_and_is_zero_days_overdue() {
        LocalDate due = LocalDate.of(2024, 3, 15);

        assertThat(ArrearsInterest.accrued(Money.of("1000.00"), due, due, RATE_11_33)).isEqualTo(Money.ZERO);
        assertThat(ArrearsInterest.daysOverdue(due, due)).isZero();
    }

    @Test
    void before_the_due_date_nothing_accrues_and_nothing_is_overdue() {
        LocalDate due = LocalDate.of(2024, 3, 15);

        assertThat(ArrearsInterest.accrued(Money.of("1000.00"), due, due.minusDays(10), RATE_11_33))
                .isEqualTo(Money.ZERO);
        assertThat(ArrearsInterest.daysOverdue(due, due.minusDays(10))).isZero();
    }

    @Test
    void the_day_after_the_due_date_accrues_exactly_one_day_of_interest() {
        LocalDate due = LocalDate.of(2024, 3, 15);
        // 1000.00 × 0.1133 × 1 / 365 = 113.3 / 365 = 0.310410958… → 0.31
        assertThat(ArrearsInterest.accrued(Money.of("1000.00"), due, due.plusDays(1), RATE_11_33))
                .isEqualTo(Money.of("0.31"));
        assertThat(ArrearsInterest.daysOverdue(due, due.plusDays(1))).isEqualTo(1);
    }

    @Test
    void a_rate_change_inside_the_range_splits_it_into_two_segments() {
        InterestRateTable rates = table(rate("2024-01-01", "0.1133"), rate("2024-04-16", "0.12"));
        // due 31 Mar, as of 30 Apr: 1–15 Apr at 0.1133 (15 days), 16–30 Apr at 0.12 (15 days)
        // Σ rate × days = 15 × 0.1133 + 15 × 0.12 = 1.6995 + 1.8 = 3.4995
        // 2500.00 × 3.4995 = 8748.75; / 365 = 23.969178… → 23.97
        Money interest = ArrearsInterest.accrued(Money.of("2500.00"), LocalDate.of(2024, 3, 31),
                LocalDate.of(2024, 4, 30), rates);

        assertThat(interest).isEqualTo(Money.of("23.97"));
    }

    @Test
    void a_rate_taking_effect_the_day_after_the_due_date_applies_from_the_first_day() {
        InterestRateTable rates = table(rate("2024-03-16", "0.1133"));
        // due 15 Mar, first day of arrears 16 Mar: 1000.00 × 0.1133 / 365 → 0.31
        assertThat(ArrearsInterest.accrued(Money.of("1000.00"), LocalDate.of(2024, 3, 15),
                LocalDate.of(2024, 3, 16), rates)).isEqualTo(Money.of("0.31"));
    }

    @Test
    void the_leap_day_counts_as_a_day_but_the_divisor_stays_365() {
        InterestRateTable rates = table(rate("2020-01-01", "0.10"));
        // 2024: due 27 Feb, as of 2 Mar → 28 Feb, 29 Feb, 1 Mar, 2 Mar = 4 days
        // 10000.00 × 0.10 × 4 / 365 = 4000 / 365 = 10.958904… → 10.96
        assertThat(ArrearsInterest.accrued(Money.of("10000.00"), LocalDate.of(2024, 2, 27),
                LocalDate.of(2024, 3, 2), rates)).isEqualTo(Money.of("10.96"));
        assertThat(ArrearsInterest.daysOverdue(LocalDate.of(2024, 2, 27), LocalDate.of(2024, 3, 2))).isEqualTo(4);
        // 2023 (no leap day): 28 Feb, 1 Mar, 2 Mar = 3 days → 3000 / 365 = 8.219178… → 8.22
        assertThat(ArrearsInterest.accrued(Money.of("10000.00"), LocalDate.of(2023, 2, 27),
                LocalDate.of(2023, 3, 2), rates)).isEqualTo(Money.of("8.22"));
        // a whole leap year is 366 days of interest over 365: 10000 × 0.10 × 366 / 365 = 1002.739… → 1002.74
        assertThat(ArrearsInterest.accrued(Money.of("10000.00"), LocalDate.of(2023, 12, 31),
                LocalDate.of(2024, 12, 31), rates)).isEqualTo(Money.of("1002.74"));
    }

    @Test
    void daily_amounts_are_summed_unrounded_and_the_total_is_rounded_once() {
        LocalDate due = LocalDate.of(2024, 5, 15);
        // 30 days of 1000.00 at 0.1133:
        //   rounded once:   1000 × 0.1133 × 30 / 365 = 3399 / 365 = 9.312328… → 9.31
        //   rounded daily:  113.3 / 365 = 0.310410… → 0.31 a day, × 30 = 9.30 (a cent short)
        Money interest = ArrearsInterest.accrued(Money.of("1000.00"), due, due.plusDays(30), RATE_11_33);

        assertThat(interest).isEqualTo(Money.of("9.31"));
        Money roundedDaily = Money.rounded(new BigDecimal("113.3").divide(BigDecimal.valueOf(365), 10,
                RoundingMode.HALF_UP)).times(BigDecimal.valueOf(30));
        assertThat(roundedDaily).isEqualTo(Money.of("9.30")).isNotEqualTo(interest);
    }

    @Test
    void a_day_without_a_rate_in_force_stops_the_computation_and_names_the_first_such_day() {
        InterestRateTable rates = table(rate("2024-01-01", "0.1133"));

        assertThatThrownBy(() -> ArrearsInterest.accrued(Money.of("1000.00"), LocalDate.of(2023, 12, 20),
                LocalDate.of(2024, 1, 31), rates))
                .isInstanceOfSatisfying(BusinessRuleException.class,
                        e -> assertThat(e.kind()).isEqualTo("interest-rate-unavailable"))
                .hasMessage("no arrears interest rate is in force on 2023-12-21; "
                        + "staff must load the rate history back to it");
    }

    @Test
    void an_empty_rate_table_cannot_price_arrears() {
        assertThatThrownBy(() -> ArrearsInterest.accrued(Money.of("1.00"), LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 1, 2), InterestRateTable.empty()))
                .isInstanceOf(BusinessRuleException.class)
                .hasMessageContaining("2024-01-02");
    }

    @Test
    void a_zero_balance_accrues_nothing_even_without_rates() {
        assertThat(ArrearsInterest.accrued(Money.ZERO, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1),
                InterestRateTable.empty())).isEqualTo(Money.ZERO);
    }

    @Test
    void a_negative_balance_is_a_programming_error() {
        assertThatThrownBy(() -> ArrearsInterest.accrued(Money.of("-1.00"), LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 2, 1), RATE_11_33)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_zero_rate_accrues_nothing() {
        InterestRateTable rates = table(rate("2024-01-01", "0"), rate("2024-02-01", "0.365"));
        // January at 0, then 1–10 Feb at 0.365: 100.00 × 0.365 × 10 / 365 = 1.00
        assertThat(ArrearsInterest.accrued(Money.of("100.00"), LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 2, 10), rates)).isEqualTo(Money.of("1.00"));
    }

    static InterestRate rate(String from, String annual) {
        return InterestRate.parse(LocalDate.parse(from), annual);
    }

    static InterestRateTable table(InterestRate... rates) {
        return new InterestRateTable(List.of(rates));
    }
}
