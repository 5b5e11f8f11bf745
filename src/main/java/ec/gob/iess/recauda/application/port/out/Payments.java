package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.payment.DayTotals;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.PaymentOfDay;
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

    /** The totals of an entity's business date and one page of its payments, read together (one snapshot). */
    record DayPage(DayTotals totals, List<PaymentOfDay> payments) {

        public DayPage {
            payments = List.copyOf(payments);
        }
    }

    /**
     * One page of the entity's payments of a business date in posting order (APPLIED and REVERSED), with the
     * totals of the whole date.
     */
    DayPage ofDay(String entityCode, LocalDate businessDate, PageRequest page);

    /**
     * Up to {@code limit} payments of the entity's business date that come after {@code after} in posting order
     * ({@code after} null: from the first), for reading a whole date a chunk at a time.
     */
    List<PaymentOfDay> ofDayAfter(String entityCode, LocalDate businessDate, PaymentOfDay.Position after, int limit);

    /** One page of the payments of a debtor's vouchers, in the order they were posted. */
    Page<Payment> ofDebtor(DebtorId debtor, PageRequest page);
}
