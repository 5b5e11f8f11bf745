package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.shared.Money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * French amortization (equal installments) of a financed amount over monthly periods.
 *
 * <p>The rules, each checked by a property test over debts of 1.00 to 10,000,000.00, terms of 2 to 36 months and
 * annual rates of 0 to 30 %:
 * <ul>
 *   <li>no interest on interest: each period's interest is charged on the principal of the covered debt still
 *       unpaid ({@link PrincipalBase}), never on the arrears interest the agreement finances. When the financed
 *       amount is all principal, that base is the balance and the schedule is the spreadsheet's French table
 *       ({@link #french}); otherwise the equal installment is the one that pays the financed amount off exactly with
 *       interest on the principal base ({@link #of}), found by bisection and rounded HALF_UP to cents once;</li>
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
     * The schedule of an agreement's {@code financed} amount, what is left of a debt whose principal base is
     * {@code base} once {@code downPayment} was paid towards it: interest each month on the principal still unpaid,
     * never on financed arrears interest. A financed amount that is all principal gets the French table of
     * {@link #french}.
     */
    public static List<ScheduledInstallment> of(Money financed, Money downPayment, PrincipalBase base,
                                                BigDecimal annualRate, int months, LocalDate start) {
        Objects.requireNonNull(downPayment, "downPayment");
        Objects.requireNonNull(base, "base");
        if (annualRate.signum() == 0 || base.interestUnpaidAfter(downPayment).isZero()) {
            return french(financed, annualRate, months, start);
        }
        check(financed, annualRate, months, start);
        BigDecimal monthly = annualRate.divide(TWELVE, PRECISION);
        Money installment = Money.rounded(equalInstallment(financed, downPayment, base, monthly, months));
        while (true) {
            List<ScheduledInstallment> rows = build(financed, monthly, months, installment, start,
                    amortized -> base.unpaidAfter(downPayment.plus(amortized)));
            if (rows != null) {
                return rows;
            }
            installment = installment.minus(CENT);
            if (!installment.isPositive()) {
                throw new IllegalStateException("no schedule of " + financed + " over " + months + " months");
            }
        }
    }

    /**
     * The exact equal installment X that pays {@code financed} off in {@code months} with interest on the principal
     * base: after month k the amount paid towards the financed amount is {@code A_k = A_(k−1) + X − r·U(A_(k−1))},
     * U being the principal still unpaid, and {@code A_n} must equal the financed amount. {@code A_n} grows with X,
     * so bisection between F/n (no interest at all) and F/n + r·U(0) (the first month's interest every month) finds
     * it to 34 significant digits.
     */
    static BigDecimal equalInstallment(Money financed, Money downPayment, PrincipalBase base, BigDecimal monthly,
                                       int months) {
        BigDecimal f = financed.amount();
        BigDecimal dp = downPayment.amount();
        BigDecimal low = f.divide(BigDecimal.valueOf(months), PRECISION);
        BigDecimal high = low.add(monthly.multiply(base.unpaidAfter(dp), PRECISION), PRECISION);
        for (int i = 0; i < 120; i++) {
            BigDecimal mid = low.add(high, PRECISION).divide(BigDecimal.valueOf(2), PRECISION);
            BigDecimal amortized = BigDecimal.ZERO;
            for (int k = 0; k < months; k++) {
                BigDecimal interest = monthly.multiply(base.unpaidAfter(dp.add(amortized)), PRECISION);
                amortized = amortized.add(mid, PRECISION).subtract(interest, PRECISION);
            }
            if (amortized.compareTo(f) < 0) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /**
     * The schedule of {@code financed} at {@code annualRate} (a fraction: 0.1133 for 11.33 %) over {@code months}
     * installments, the first due one month after {@code start}, with interest on the whole balance: the French
     * table of a debt that is all principal.
     *
     * @throws IllegalArgumentException when the amount is not positive, the term is below 1 or the rate negative
     */
    public static List<ScheduledInstallment> french(Money financed, BigDecimal annualRate, int months,
                                                    LocalDate start) {
        check(financed, annualRate, months, start);
        BigDecimal monthly = annualRate.divide(TWELVE, PRECISION);
        Money installment = monthly.signum() == 0
                ? new Money(financed.amount().divide(BigDecimal.valueOf(months), 2, RoundingMode.DOWN))
                : payment(financed, monthly, months);
        while (true) {
            List<ScheduledInstallment> rows = build(financed, monthly, months, installment, start,
                    amortized -> financed.minus(amortized));
            if (rows != null) {
                return rows;
            }
            installment = installment.minus(CENT);
            if (!installment.isPositive()) {
                throw new IllegalStateException("no schedule of " + financed + " over " + months + " months");
            }
        }
    }

    private static void check(Money financed, BigDecimal annualRate, int months, LocalDate start) {
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
                                                    LocalDate start, UnaryOperator<Money> interestBase) {
        List<ScheduledInstallment> rows = new ArrayList<>(months);
        Money balance = financed;
        for (int k = 1; k <= months; k++) {
            Money base = interestBase.apply(financed.minus(balance));
            Money interest = Money.rounded(base.amount().multiply(monthly, PRECISION));
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
            rows.add(new ScheduledInstallment(k, start.plusMonths(k), amount, interest, principal, balance, base));
        }
        return rows;
    }

    /** The same schedule with installment {@code k} due {@code k} months after {@code start}. */
    public static List<ScheduledInstallment> dated(List<ScheduledInstallment> schedule, LocalDate start) {
        return schedule.stream().map(i -> i.dueOn(start.plusMonths(i.number()))).toList();
    }
}
