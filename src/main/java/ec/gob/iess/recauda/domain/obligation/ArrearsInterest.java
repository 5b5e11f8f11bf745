package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Arrears interest (intereses por mora): simple interest on the principal balance, accrued for every day from the
 * day after the due date through the as-of date inclusive, each day at the annual rate in force on that day, day
 * count actual/365 (a leap year still divides by 365, and 29 February counts as a day).
 *
 * <p>The computation is exact: it sums principal × rate × days over the stretches of constant rate as exact
 * decimals, divides by 365 once at the end and rounds HALF_UP to cents once. Daily amounts are never rounded on
 * their own. Interest is computed, never stored.
 */
public final class ArrearsInterest {

    private static final BigDecimal DAYS_IN_YEAR = BigDecimal.valueOf(365);

    private ArrearsInterest() {
    }

    /**
     * Interest accrued on {@code principalBalance} from the day after {@code dueDate} through {@code asOf}.
     *
     * @return {@link Money#ZERO} when {@code asOf} is on or before {@code dueDate} or the balance is zero
     * @throws BusinessRuleException    ({@code interest-rate-unavailable}) when a day of the range has no rate in
     *                                  force; the message names the first such day
     * @throws IllegalArgumentException when the balance is negative
     */
    public static Money accrued(Money principalBalance, LocalDate dueDate, LocalDate asOf, InterestRateTable rates) {
        Objects.requireNonNull(principalBalance, "principalBalance");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rates, "rates");
        if (principalBalance.isNegative()) {
            throw new IllegalArgumentException("principal balance must not be negative: " + principalBalance);
        }
        if (!asOf.isAfter(dueDate) || principalBalance.isZero()) {
            return Money.ZERO;
        }
        BigDecimal exactTimes365 = principalBalance.amount().multiply(rateDays(dueDate.plusDays(1), asOf, rates));
        return Money.rounded(exactTimes365.divide(DAYS_IN_YEAR, 2, RoundingMode.HALF_UP));
    }

    /**
     * Interest accrued on {@code principal} from the day after {@code dueDate} through {@code asOf}, each day on the
     * balance its {@code history} gives for that day ({@link PrincipalHistory#accruingOn}): the principal less every
     * movement dated before the day, less what an exemption covering the day exempts. Summed exactly over the
     * stretches on which balance and rate are constant, divided by 365 once and rounded HALF_UP once.
     *
     * @return {@link Money#ZERO} when {@code asOf} is on or before {@code dueDate}
     * @throws BusinessRuleException ({@code interest-rate-unavailable}) when a day with a balance has no rate
     */
    public static Money accrued(Money principal, PrincipalHistory history, LocalDate dueDate, LocalDate asOf,
                                InterestRateTable rates) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rates, "rates");
        if (principal.isNegative()) {
            throw new IllegalArgumentException("principal must not be negative: " + principal);
        }
        if (!asOf.isAfter(dueDate)) {
            return Money.ZERO;
        }
        if (history.isEmpty()) {
            return accrued(principal, dueDate, asOf, rates);
        }
        List<LocalDate> cuts = history.cuts(dueDate.plusDays(1), asOf);
        BigDecimal exactTimes365 = BigDecimal.ZERO;
        for (int i = 0; i + 1 < cuts.size(); i++) {
            LocalDate from = cuts.get(i);
            Money base = history.accruingOn(from, principal);
            if (base.isPositive()) {
                exactTimes365 = exactTimes365.add(base.amount().multiply(rateDays(from, cuts.get(i + 1).minusDays(1),
                        rates)));
            }
        }
        return Money.rounded(exactTimes365.divide(DAYS_IN_YEAR, 2, RoundingMode.HALF_UP));
    }

    /**
     * For every due date from {@code firstDueDate} to the day before {@code asOf}, the rate-days of its arrears on
     * {@code asOf}: the sum over the days after it through {@code asOf} of the annual rate in force on each day
     * (index 0 is {@code firstDueDate}). A balance due on that date that nothing moved owes
     * {@code balance × rateDays / 365}, rounded HALF_UP to cents once, as {@link #accrued} computes it: the aging of
     * a whole portfolio multiplies by these instead of walking the rate table once per obligation.
     *
     * @throws BusinessRuleException ({@code interest-rate-unavailable}) when a day after {@code firstDueDate} has no
     *                               rate
     */
    public static BigDecimal[] rateDaysByDueDate(LocalDate firstDueDate, LocalDate asOf, InterestRateTable rates) {
        int days = (int) Math.max(0, ChronoUnit.DAYS.between(firstDueDate, asOf));
        BigDecimal[] rateDays = new BigDecimal[days];
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = days - 1; i >= 0; i--) {
            LocalDate day = firstDueDate.plusDays(i + 1L);
            sum = sum.add(rates.rateOn(day).orElseThrow(() -> new BusinessRuleException("interest-rate-unavailable",
                    "no arrears interest rate is in force on " + day
                            + "; staff must load the rate history back to it")).annualRate());
            rateDays[i] = sum;
        }
        return rateDays;
    }

    /** The sum over the days {@code from} through {@code to} of the annual rate in force on each day. */
    private static BigDecimal rateDays(LocalDate from, LocalDate to, InterestRateTable rates) {
        BigDecimal rateDays = BigDecimal.ZERO;
        LocalDate day = from;
        while (!day.isAfter(to)) {
            LocalDate first = day;
            InterestRate rate = rates.rateOn(first).orElseThrow(() -> new BusinessRuleException(
                    "interest-rate-unavailable",
                    "no arrears interest rate is in force on " + first
                            + "; staff must load the rate history back to it"));
            LocalDate last = rates.nextChangeAfter(first)
                    .map(next -> next.minusDays(1))
                    .filter(end -> end.isBefore(to))
                    .orElse(to);
            long days = ChronoUnit.DAYS.between(first, last) + 1;
            rateDays = rateDays.add(rate.annualRate().multiply(BigDecimal.valueOf(days)));
            day = last.plusDays(1);
        }
        return rateDays;
    }

    /** Whole days from {@code dueDate} to {@code asOf}; 0 when {@code asOf} is on or before the due date. */
    public static long daysOverdue(LocalDate dueDate, LocalDate asOf) {
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(asOf, "asOf");
        return Math.max(0, ChronoUnit.DAYS.between(dueDate, asOf));
    }
}
