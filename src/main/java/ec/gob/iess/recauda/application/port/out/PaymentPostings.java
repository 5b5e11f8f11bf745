package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;

import java.util.List;
import java.util.Optional;

/**
 * The posting of one payment as few round trips to the database as its guarantees allow: one statement that reads
 * and locks what the payment needs, and one that stores everything it changed. The rules stay in the domain and the
 * application service; this port only groups the reads and the writes that {@link Payments}, {@link Vouchers},
 * {@link Obligations} and {@link AuditLog} would otherwise make one by one (docs/performance.md).
 */
public interface PaymentPostings {

    /**
     * What {@link #lockForPayment} found.
     *
     * @param earlier     whether the entity already posted a payment with this transaction id (then read it with
     *                    {@link Payments#findByTransaction}); seen as of the statement's start
     * @param voucher     the voucher, row-locked; empty when there is no such voucher
     * @param obligations the voucher's obligations, row-locked in id order after the voucher, or {@code null} when
     *                    they were not locked: when the voucher pays agreement installments, whose agreements must be
     *                    locked first (lock order: voucher, agreements, obligations), or when there is no voucher
     */
    record Locked(boolean earlier, Optional<Voucher> voucher, List<Obligation> obligations) {
    }

    /**
     * In one statement: whether the transaction id is taken, and the voucher with its obligations, row-locked in the
     * order voucher then obligations (the obligations only when the voucher pays no agreement installment).
     */
    Locked lockForPayment(String entityCode, String bankTransactionId, VoucherReference reference);

    /**
     * In one statement: the new APPLIED payment (a bank's, or a card charge's) with its allocations, the obligations as
     * they now are (each refused
     * unless the row still has the version read), the voucher's new status and the audit entry. The database refuses
     * a second payment of one entity with one transaction id ({@code ConflictException} kind
     * {@code transaction-taken}) and a second APPLIED payment of one voucher (kind {@code already-paid}).
     */
    void record(Payment payment, List<Obligation> obligations, Voucher voucher, AuditLog.Entry entry);

    /**
     * Stores several APPLIED card payments with their allocations (a chunk of card charges; their obligations,
     * vouchers and audit entries are stored by their own ports). The database refuses a second payment of one charge
     * and a second APPLIED payment of one voucher.
     */
    void recordCardPayments(List<Payment> payments);
}
