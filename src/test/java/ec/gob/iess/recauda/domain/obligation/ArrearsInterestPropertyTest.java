package ec.gob.iess.recauda.domain.obligation;

import static org.assertj.core.api.Assertions.assertThat;

import ec.gob.iess.recauda.domain.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link ArrearsInterest#accrued} against a brute-force, day-by-day reference, over 1,000 random
 * scenarios from a fixed seed (the same scenarios every run, so a failure is reproducible from its index).
 */
class ArrearsInterestPropertyTest {

    private static final LocalDate EPOCH = LocalDate.of(2015, 1, 1);
    private static final long SEED = 20261124L;
    private static final int CASES = 1_000;

    /** A principal, a due date, an as-of date and a table whose first rate is in force on the day after due. */
    record Scenario(int index, Money principal, LocalDate dueDate, LocalDate asOf, InterestRateTable rates,
                    int extraDays) {
        @Override
        public String toString() {
            return "scenario " + index + ": " + principal + " due " + dueDate + " as of " + asOf + " rates "
                    + rates.rates();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void accrued_equals_the_day_by_day_sum_of_unrounded_daily_amounts_rounded_once(Scenario s) {
        assertThat(ArrearsInterest.accrued(s.principal(), s.dueDate(), s.asOf(), s.rates()))
                .isEqualTo(bruteForce(s.principal(), s.dueDate(), s.asOf(), s.rates()));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void accrued_never_decreases_as_the_as_of_date_moves_later(Scenario s) {
        Money earlier = ArrearsInterest.accrued(s.principal(), s.dueDate(), s.asOf(), s.rates());
        Money later = ArrearsInterest.accrued(s.principal(), s.dueDate(), s.asOf().plusDays(s.extraDays()),
                s.rates());

        assertThat(later).isGreaterThanOrEqualTo(earlier);
    }

    /**
     * Walks every day from the day after due through asOf, looking up that day's rate, and adds the day's amount
     * principal × rate / 365 unrounded. To keep every daily amount exact, the numerators principal × rate are
     * summed over the common denominator 365; the sum is divided and rounded HALF_UP once.
     */
    private static Money bruteForce(Money principal, LocalDate dueDate, LocalDate asOf, InterestRateTable rates) {
        BigDecimal numerator = BigDecimal.ZERO;
        for (LocalDate day = dueDate.plusDays(1); !day.isAfter(asOf); day = day.plusDays(1)) {
            BigDecimal rate = rates.rateOn(day).orElseThrow().annualRate();
            numerator = numerator.add(principal.amount().multiply(rate));
        }
        return Money.of(numerator.divide(BigDecimal.valueOf(365), 2, RoundingMode.HALF_UP));
    }

    static Stream<Scenario> scenarios() {
        Random random = new Random(SEED);
        List<Scenario> scenarios = new ArrayList<>(CASES);
        for (int i = 0; i < CASES; i++) {
            Money principal = Money.of(BigDecimal.valueOf(1 + Math.floorMod(random.nextLong(), 1_000_000_000L), 2));
            LocalDate due = EPOCH.plusDays(random.nextInt(365 * 12 + 1));
            int asOfOffset = -30 + random.nextInt(1531);
            int rateCount = 1 + random.nextInt(5);
            Set<Integer> offsets = new HashSet<>();
            while (offsets.size() < rateCount) {
                offsets.add(-1000 + random.nextInt(2601));
            }
            // Shift the table so that its first rate is in force on the first day of arrears or before.
            int shift = Math.max(0, offsets.stream().mapToInt(Integer::intValue).min().orElseThrow());
            LocalDate firstDay = due.plusDays(1);
            List<InterestRate> rates = offsets.stream()
                    .map(offset -> new InterestRate(firstDay.plusDays(offset - shift),
                            BigDecimal.valueOf(random.nextInt(1_000_001), 6)))
                    .toList();
            scenarios.add(new Scenario(i, principal, due, due.plusDays(asOfOffset), new InterestRateTable(rates),
                    random.nextInt(801)));
        }
        return scenarios.stream();
    }
}
