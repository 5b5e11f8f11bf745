package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.payment.DailyPayments;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.Reconciliation;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The online channel of a partner entity (role BANK): query what can be paid, pay it, reverse it the same business
 * day, and reconcile each day. Every operation is scoped to the caller's entity, which must be active.
 */
public interface CollectPaymentsUseCase {

    /**
     * A payment as the bank posts it. {@code paidAt} is kept to the microsecond, the precision the database stores,
     * so that a retry compares equal to what was stored.
     */
    record PostPayment(String bankTransactionId, VoucherReference reference, Money amount, Instant paidAt) {
        public PostPayment {
            paidAt = paidAt.truncatedTo(ChronoUnit.MICROS);
        }
    }

    /** The stored payment, and whether this answer replays an earlier post of the same transaction. */
    record Posted(Payment payment, boolean replayed) {
    }

    /** The voucher with this reference, if it can be paid now. */
    List<VoucherView> payablesByReference(Caller caller, VoucherReference reference);

    /**
     * The debtor's unexpired vouchers, plus one newly issued voucher for every pending obligation that no voucher
     * holds.
     */
    List<VoucherView> payablesByDebtor(Caller caller, DebtorId debtor);

    Posted post(Caller caller, PostPayment payment);

    /** One of the entity's payments; another entity's is not found. */
    Payment payment(Caller caller, UUID paymentId);

    /** The entity's payment with this transaction id, e.g. to learn what became of a post that timed out. */
    Payment paymentByTransaction(Caller caller, String bankTransactionId);

    Payment reverse(Caller caller, UUID paymentId, String reason);

    /** The entity's payments of a business date (the APPLIED ones count). */
    DailyPayments payments(Caller caller, LocalDate businessDate);

    Reconciliation reconcile(Caller caller, LocalDate businessDate, List<Reconciliation.Item> items);
}
