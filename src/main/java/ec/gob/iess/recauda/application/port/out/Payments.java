package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Payments collected by partner entities, with their allocations (a new one is stored by {@link PaymentPostings}). */
public interface Payments {

    Optional<Payment> findByTransaction(String entityCode, String bankTransactionId);

    /** A payment of the entity; another entity's payment is not found. */
    Optional<Payment> find(UUID id, String entityCode);

    /** Reads and row-locks a payment of the entity; another entity's payment is not found. */
    Optional<Payment> lock(UUID id, String entityCode);

    /** Stores a reversal. */
    void update(Payment payment);

    /** The entity's payments of a business date, APPLIED and REVERSED, in the order they were posted. */
    List<Payment> ofEntityAndDate(String entityCode, LocalDate businessDate);

    /** The payments of a debtor's vouchers, in the order they were posted. */
    List<Payment> ofDebtor(DebtorId debtor);
}
