package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of an amortization table: installment {@code number} (1 to the term) due on {@code dueDate}, for
 * {@code installment} = {@code interest} + {@code principal}, leaving {@code balance} of the financed amount unpaid
 * after it. {@code interest} is the agreement's monthly rate times {@code interestBase}: the principal of the covered
 * debt still unpaid before this installment (the arrears interest the agreement finances bears no interest);
 * {@code principal} is what the installment pays of the financed amount.
 */
public record ScheduledInstallment(int number, LocalDate dueDate, Money installment, Money interest, Money principal,
                                   Money balance, Money interestBase) {

    public ScheduledInstallment {
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(installment, "installment");
        Objects.requireNonNull(interest, "interest");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(interestBase, "interestBase");
        if (number < 1) {
            throw new IllegalArgumentException("installments are numbered from 1");
        }
        if (!installment.equals(interest.plus(principal))) {
            throw new IllegalArgumentException("installment " + number + " is not interest + principal");
        }
    }

    /** The same installment due on another date (the schedule is dated again when the agreement activates). */
    public ScheduledInstallment dueOn(LocalDate date) {
        return new ScheduledInstallment(number, date, installment, interest, principal, balance, interestBase);
    }
}
