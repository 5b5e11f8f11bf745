package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.payment.DayTotals;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.PaymentOfDay;
import ec.gob.iess.recauda.domain.payment.Reconciliation;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

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

    /**
     * One page of the entity's payments of a business date, in posting order, with the totals of the whole date
     * (only the APPLIED payments count; {@code page.totalItems()} is every payment of the date).
     */
    record DayPage(String entityCode, LocalDate businessDate, DayTotals totals, Page<PaymentOfDay> page) {
    }

    /** Every payment of an entity's business date, read as it is consumed: never all of them in memory at once. */
    interface DayListing {

        String entityCode();

        LocalDate businessDate();

        /**
         * Hands every payment of the date to {@code sink}, in posting order, reading them from the store a chunk at
         * a time. Each payment that existed when the reading began is handed over exactly once; one posted meanwhile
         * may or may not be.
         */
        void forEach(Consumer<PaymentOfDay> sink);
    }

    DayPage payments(Caller caller, LocalDate businessDate, PageRequest page);

    /** The whole date, for streaming (the caller's entity is checked now, before anything is read). */
    DayListing allPayments(Caller caller, LocalDate businessDate);

    Reconciliation reconcile(Caller caller, LocalDate businessDate, List<Reconciliation.Item> items);
}
