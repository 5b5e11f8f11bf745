package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.PaymentPostings;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;

import java.util.List;
import java.util.Optional;

/**
 * The {@link PaymentPostings} port over the other in-memory fakes, keeping the promises of the PostgreSQL adapter
 * ({@code PaymentPostingPersistenceAdapter}, {@code PaymentPersistenceAdapter.refused}):
 * <ul>
 *   <li>{@link #lockForPayment} answers {@code earlier} (the entity already used the transaction id), the voucher as
 *       {@link InMemoryVouchers#lock} reads it (not superseded), and the obligations of its lines in id order, or
 *       null when there is no voucher, when a line is an agreement installment (the caller locks its agreements
 *       first) or when none of its obligations exists;</li>
 *   <li>{@link #record} is all or nothing: a second payment of one entity with one transaction id is a
 *       {@code transaction-taken} conflict, a second APPLIED payment of one voucher {@code already-paid}, an
 *       obligation whose version moved on a {@code stale-version} failure ({@link InMemoryObligations#updateAll}),
 *       an absent voucher an {@link IllegalStateException}, and each stores nothing. Otherwise it stores the payment
 *       with its allocations, the obligations (version + 1), the voucher's status ({@link InMemoryVouchers#update})
 *       and the audit entry, in the {@link AuditLog} it is given (the one the services write to).</li>
 * </ul>
 * The unique indexes are checked before the versions, as the database raises a unique violation inside the statement
 * and the adapter checks the versions it updated after it.
 *
 * <p>There are no row locks here, so two posts cannot race by themselves. A test plays the other transaction with
 * {@link #whileLocking} or {@link #beforeRecording}: work that commits at the point where a concurrent post would.
 */
public final class InMemoryPaymentPostings implements PaymentPostings {

    private final InMemoryPayments payments;
    private final InMemoryVouchers vouchers;
    private final InMemoryObligations obligations;
    private final AuditLog audit;
    private Runnable whileLocking;
    private Runnable beforeRecording;

    public InMemoryPaymentPostings(InMemoryPayments payments, InMemoryVouchers vouchers,
                                   InMemoryObligations obligations, AuditLog audit) {
        this.payments = payments;
        this.vouchers = vouchers;
        this.obligations = obligations;
        this.audit = audit;
    }

    @Override
    public Locked lockForPayment(String entityCode, String bankTransactionId, VoucherReference reference) {
        // The statement's snapshot: whether the id is taken is seen as of its start...
        boolean earlier = payments.findByTransaction(entityCode, bankTransactionId).isPresent();
        // ...while the voucher row is read once its lock is granted, after whatever committed meanwhile.
        runOnce(takeWhileLocking());
        Optional<Voucher> voucher = vouchers.lock(reference);
        if (voucher.isEmpty() || voucher.get().lines().stream()
                .anyMatch(l -> l.type() == ObligationType.AGREEMENT_INSTALLMENT)) {
            return new Locked(earlier, voucher, null);
        }
        List<Obligation> locked = obligations.lock(voucher.get().lines().stream()
                .map(VoucherLine::obligationId).toList());
        return new Locked(earlier, voucher, locked.isEmpty() ? null : locked);
    }

    @Override
    public void record(Payment payment, List<Obligation> changed, Voucher voucher, AuditLog.Entry entry) {
        runOnce(takeBeforeRecording());
        ConflictException refused = payments.refusalOf(payment);
        if (refused != null) {
            throw refused;
        }
        if (vouchers.lock(voucher.reference()).isEmpty()) {
            throw new IllegalStateException("voucher " + voucher.reference() + " was not updated");
        }
        obligations.updateAll(changed); // the version check: throws before storing anything
        payments.insert(payment);
        vouchers.update(voucher);
        audit.record(entry);
    }

    /** Card payments: each refused as the database refuses it (one per charge, one APPLIED per voucher). */
    @Override
    public void recordCardPayments(List<Payment> cardPayments) {
        for (Payment p : cardPayments) {
            ConflictException refused = payments.refusalOf(p);
            if (refused != null) {
                throw refused;
            }
        }
        cardPayments.forEach(payments::insert);
    }

    // ---- for tests: play a concurrent transaction ----

    /**
     * Runs {@code work} once, during the next {@link #lockForPayment}: after the statement saw whether the
     * transaction id is taken and before it reads the voucher, as a post that committed while this one waited for
     * the voucher's row lock.
     */
    public void whileLocking(Runnable work) {
        whileLocking = work;
    }

    /**
     * Runs {@code work} once, at the start of the next {@link #record}: as a post that committed between this one's
     * reads and its write (with another voucher, so no row lock kept them apart).
     */
    public void beforeRecording(Runnable work) {
        beforeRecording = work;
    }

    private Runnable takeWhileLocking() {
        Runnable work = whileLocking;
        whileLocking = null;
        return work;
    }

    private Runnable takeBeforeRecording() {
        Runnable work = beforeRecording;
        beforeRecording = null;
        return work;
    }

    private static void runOnce(Runnable work) {
        if (work != null) {
            work.run();
        }
    }
}
