package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.shared.Money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * French amortization (equal installments) of a financed amount over monthly periods.
 *
 * <p>The rules, each checked by a property test over debts of 1.00 to 10,000,000.00, terms of 2 to 36 months and
 * annual rates of 0 to 30 %:
 * <ul>
 *   <li>monthly rate {@code r = annual rate / 12}; the installment is {@code PMT = F·r / (1 − (1 + r)^−n)}, computed
 *       with 34 significant digits and rounded HALF_UP to cents once (a spreadsheet's {@code =PMT(rate/12; n; −F)}
 *       rounded to cents gives the same figure);</li>
 *   <li>each period's interest is the balance before it times {@code r}, rounded HALF_UP to cents; its principal is
 *       the installment less that interest;</li>
 *   <li>the last installment absorbs every rounding: its principal is whatever balance is left, so the principal
 *       parts sum exactly to the financed amount and the last balance is zero;</li>
 *   <li>at a zero rate the principal parts are equal: the financed amount divided by the term, rounded down to
 *       cents, the last one taking the remaining cents;</li>
 *   <li>if rounding would leave no positive balance before the last installment (tiny amounts over long terms),
 *       the installment is lowered a cent at a time until every balance before the last is positive, so every
 *       installment but the last stays equal and the last one is larger.</li>
 * </ul>
 * Installment {@code k} is due {@code k} months after {@code start}, on the same day of the month, or on the month's
 * last day in a shorter month ({@link LocalDate#plusMonths}).
 */
public final class AmortizationSchedule {

    private static final MathContext PRECISION = MathContext.DECIMAL128;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final Money CENT = new Money(new BigDecimal("0.01"));

    private AmortizationSchedule() {
    }

    /**
     * The schedule of {@code financed} at {@code annualRate} (a fraction: 0.1133 for 11.33 %) over {@code months}
     * installments, the first due one month after {@code start}.
     *
     * @throws IllegalArgumentException when the amount is not positive, the term is below 1 or the rate negative
     */
    public static List<ScheduledInstallment> french(Money financed, BigDecimal annualRate, int months,
                                                    LocalDate start) {
        Objects.requireNonNull(financed, "financed");
        Objects.requireNonNull(annualRate, "annualRate");
        Objects.requireNonNull(start, "start");
        if (!financed.isPositive()) {
            throw new IllegalArgumentException("the financed amount must be positive: " + financed);
        }
        if (months < 1) {
            throw new IllegalArgumentException("the term must be at least one month: " + months);
        }
        if (annualRate.signum() < 0) {
            throw new IllegalArgumentException("the rate must not be negative: " + annualRate);
        }
        BigDecimal monthly = annualRate.divide(TWELVE, PRECISION);
        Money installment = monthly.signum() == 0
                ? new Money(financed.amount().divide(BigDecimal.valueOf(months), 2, RoundingMode.DOWN))
                : payment(financed, monthly, months);
        while (true) {
            List<ScheduledInstallment> rows = build(financed, monthly, months, installment, start);
            if (rows != null) {
                return rows;
            }
            installment = installment.minus(CENT);
            if (!installment.isPositive()) {
                throw new IllegalStateException("no schedule of " + financed + " over " + months + " months");
            }
        }
    }

    /** {@code F·r / (1 − (1 + r)^−n)}, rounded HALF_UP to cents. */
    static Money payment(Money financed, BigDecimal monthlyRate, int months) {
        BigDecimal growth = BigDecimal.ONE.add(monthlyRate).pow(months, PRECISION);
        BigDecimal discount = BigDecimal.ONE.subtract(BigDecimal.ONE.divide(growth, PRECISION));
        BigDecimal exact = financed.amount().multiply(monthlyRate, PRECISION).divide(discount, PRECISION);
        return Money.rounded(exact);
    }

    /**
     * The rows for a given installment, or null when the balance before the last installment would not stay
     * positive (the last installment must have something left to pay).
     */
    private static List<ScheduledInstallment> build(Money financed, BigDecimal monthly, int months, Money installment,
                                                    LocalDate start) {
        List<ScheduledInstallment> rows = new ArrayList<>(months);
        Money balance = financed;
        for (int k = 1; k <= months; k++) {
            Money interest = Money.rounded(balance.amount().multiply(monthly, PRECISION));
            Money principal;
            Money amount;
            if (k == months) {
                principal = balance;
                amount = interest.plus(principal);
            } else {
                principal = installment.minus(interest);
                amount = installment;
                if (principal.isNegative() || !principal.isLessThan(balance)) {
                    return null;
                }
            }
            balance = balance.minus(principal);
            rows.add(new ScheduledInstallment(k, start.plusMonths(k), amount, interest, principal, balance));
        }
        return rows;
    }

    /** The same schedule with installment {@code k} due {@code k} months after {@code start}. */
    public static List<ScheduledInstallment> dated(List<ScheduledInstallment> schedule, LocalDate start) {
        return schedule.stream().map(i -> i.dueOn(start.plusMonths(i.number()))).toList();
    }
}
