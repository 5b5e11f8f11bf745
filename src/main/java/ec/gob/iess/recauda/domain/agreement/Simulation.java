package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What an agreement over a debt would be: the down payment, the financed rest, the amortization table at the
 * agreement's rate and the totals. Installments are dated from {@code start} (the signing day in a simulation; the
 * activation day once the down payment is paid).
 *
 * @param totalInterest the interest parts of all installments
 * @param totalToPay    the down payment plus every installment
 */
public record Simulation(Money debt, Money downPayment, Money financedAmount, BigDecimal annualRate, int termMonths,
                         List<ScheduledInstallment> installments, Money totalInterest, Money totalToPay,
                         boolean requiresApproval) {

    public Simulation {
        Objects.requireNonNull(debt, "debt");
        Objects.requireNonNull(downPayment, "downPayment");
        Objects.requireNonNull(financedAmount, "financedAmount");
        Objects.requireNonNull(annualRate, "annualRate");
        installments = List.copyOf(installments);
    }

    /**
     * Simulates an agreement over a debt known only as an amount (the public simulator), taken as all principal.
     *
     * @throws ec.gob.iess.recauda.domain.shared.InvalidValueException ({@code invalid-term}) outside the terms
     * @throws BusinessRuleException ({@code debt-too-small}) when nothing would be left to finance
     */
    public static Simulation of(Money debt, int termMonths, DebtorKind kind, BigDecimal annualRate, LocalDate start,
                                AgreementTerms terms) {
        Objects.requireNonNull(debt, "debt");
        return of(debt, PrincipalBase.allPrincipal(debt), termMonths, kind, annualRate, start, terms);
    }

    /**
     * Simulates an agreement over {@code covered} obligations (each one's principal and arrears interest to the
     * signing day) in {@code termMonths} installments: the agreement's interest is charged on the principal still
     * unpaid, never on the arrears interest it finances.
     */
    public static Simulation of(List<CoveredObligation> covered, int termMonths, DebtorKind kind,
                                BigDecimal annualRate, LocalDate start, AgreementTerms terms) {
        return of(Agreement.total(covered), PrincipalBase.of(covered), termMonths, kind, annualRate, start, terms);
    }

    private static Simulation of(Money debt, PrincipalBase base, int termMonths, DebtorKind kind,
                                 BigDecimal annualRate, LocalDate start, AgreementTerms terms) {
        Objects.requireNonNull(kind, "kind");
        terms.checkTerm(termMonths);
        Money downPayment = terms.downPayment(debt);
        Money financed = debt.minus(downPayment);
        // Every installment must be at least a cent: the financed amount must cover a cent per month.
        if (!downPayment.isPositive() || financed.amount().compareTo(BigDecimal.valueOf(termMonths, 2)) < 0) {
            throw new BusinessRuleException("debt-too-small", "a debt of " + debt
                    + " is too small for an agreement of " + termMonths + " months: pay it with a voucher");
        }
        List<ScheduledInstallment> rows = AmortizationSchedule.of(financed, downPayment, base, annualRate, termMonths,
                start);
        Money interest = rows.stream().map(ScheduledInstallment::interest).reduce(Money.ZERO, Money::plus);
        Money total = rows.stream().map(ScheduledInstallment::installment).reduce(downPayment, Money::plus);
        return new Simulation(debt, downPayment, financed, annualRate, termMonths, rows, interest, total,
                terms.requiresApproval(debt, kind));
    }
}
