package ec.gob.iess.recauda.domain.payment;

import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.List;

/** An entity's payments of one business date; the count and total cover the APPLIED ones only. */
public record DailyPayments(String entityCode, LocalDate businessDate, List<Payment> payments) {

    public DailyPayments {
        payments = List.copyOf(payments);
    }

    public int appliedCount() {
        return (int) payments.stream().filter(p -> p.status() == PaymentStatus.APPLIED).count();
    }

    public Money appliedTotal() {
        return payments.stream().filter(p -> p.status() == PaymentStatus.APPLIED).map(Payment::amount)
                .reduce(Money.ZERO, Money::plus);
    }
}
