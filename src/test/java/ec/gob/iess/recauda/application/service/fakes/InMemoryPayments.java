package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.Payments;
import ec.gob.iess.recauda.domain.payment.DayTotals;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.PaymentOfDay;
import ec.gob.iess.recauda.domain.payment.PaymentStatus;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The {@link Payments} port in memory, keeping the promises of the PostgreSQL adapter: a payment of another entity is
 * not found; lists come in posting order (creation instant, then id as the database orders a uuid), each payment
 * with its allocations in the order it was answered; {@link #update} stores the reversal only (status, instant,
 * reason). A new payment is stored by {@link InMemoryPaymentPostings}, which refuses what the unique indexes refuse
 * ({@link #refusalOf}).
 *
 * <p>Payments are mutable aggregates (a reversal), so the fake stores and hands out copies: a service that reverses
 * a payment it read changes nothing here until it calls {@link #update}.
 */
public final class InMemoryPayments implements Payments {

    private static final Comparator<Payment> POSTING_ORDER = Comparator.comparing(Payment::createdAt)
            .thenComparing(p -> p.id().toString());
    private static final Comparator<PaymentOfDay.Position> POSITION_ORDER = Comparator
            .comparing(PaymentOfDay.Position::createdAt).thenComparing(p -> p.id().toString());

    private final Map<UUID, Payment> stored = new LinkedHashMap<>();
    private final InMemoryVouchers vouchers;
    private int chunkReads;
    private int largestChunk;

    /**
     * {@code vouchers}: where {@link #ofDebtor} finds the debtor of each payment's voucher (the adapter finds the same
     * payments through their allocations to the debtor's obligations).
     */
    public InMemoryPayments(InMemoryVouchers vouchers) {
        this.vouchers = vouchers;
    }

    @Override
    public Optional<Payment> findByTransaction(String entityCode, String bankTransactionId) {
        return first(p -> p.entityCode().equals(entityCode) && p.bankTransactionId().equals(bankTransactionId));
    }

    @Override
    public Optional<Payment> find(UUID id, String entityCode) {
        return first(p -> p.id().equals(id) && p.entityCode().equals(entityCode));
    }

    /** The same as {@link #find}: there are no row locks to take here. */
    @Override
    public Optional<Payment> lock(UUID id, String entityCode) {
        return find(id, entityCode);
    }

    @Override
    public void update(Payment payment) {
        Payment current = stored.get(payment.id());
        if (current != null) {
            stored.put(current.id(), copy(current, payment.status(), payment.reversedAt(), payment.reversalReason()));
        }
    }

    @Override
    public List<Payment> ofEntityAndDate(String entityCode, LocalDate businessDate) {
        return matching(p -> p.entityCode().equals(entityCode) && p.businessDate().equals(businessDate));
    }

    @Override
    public DayPage ofDay(String entityCode, LocalDate businessDate, PageRequest page) {
        List<PaymentOfDay> day = ofEntityAndDate(entityCode, businessDate).stream().map(PaymentOfDay::of).toList();
        DayTotals totals = DayTotals.NONE;
        for (PaymentOfDay p : day) {
            totals = totals.plus(p);
        }
        return new DayPage(totals, Pages.of(day, page).items());
    }

    /** Counts its calls and the largest chunk asked for, so a test can see a day being read a chunk at a time. */
    @Override
    public List<PaymentOfDay> ofDayAfter(String entityCode, LocalDate businessDate, PaymentOfDay.Position after,
                                         int limit) {
        chunkReads++;
        largestChunk = Math.max(largestChunk, limit);
        return ofEntityAndDate(entityCode, businessDate).stream().map(PaymentOfDay::of)
                .filter(p -> after == null || POSITION_ORDER.compare(p.position(), after) > 0)
                .limit(limit).toList();
    }

    @Override
    public Page<Payment> ofDebtor(DebtorId debtor, PageRequest page) {
        return Pages.of(matching(p -> vouchers.find(new VoucherReference(p.voucherReference()))
                .filter(v -> v.debtorId().equals(debtor)).isPresent()), page);
    }

    // ---- for the postings fake, in this package ----

    /**
     * What the unique indexes say of a new payment: {@code transaction-taken} (uq_payment_bank_transaction: one
     * payment per entity and transaction id) or {@code already-paid} (uq_payment_applied_voucher: one APPLIED payment
     * per voucher), or null when it may be stored. The messages are the adapter's.
     */
    ConflictException refusalOf(Payment p) {
        boolean taken = stored.values().stream().anyMatch(s -> s.entityCode().equals(p.entityCode())
                && s.bankTransactionId().equals(p.bankTransactionId()));
        if (taken) {
            return new ConflictException("transaction-taken", "bankTransactionId " + p.bankTransactionId()
                    + " was just used by another request");
        }
        boolean paid = p.status() == PaymentStatus.APPLIED && stored.values().stream().anyMatch(s ->
                s.status() == PaymentStatus.APPLIED && s.voucherReference().equals(p.voucherReference()));
        if (paid) {
            return new ConflictException("already-paid", "voucher " + p.voucherReference() + " is already paid");
        }
        return null;
    }

    /** Inserts a new payment that {@link #refusalOf} let through. */
    void insert(Payment payment) {
        if (stored.containsKey(payment.id())) {
            throw new IllegalStateException("primary key violated: payment " + payment.id() + " already stored");
        }
        stored.put(payment.id(), copy(payment, payment.status(), payment.reversedAt(), payment.reversalReason()));
    }

    // ---- for tests: inspect the stored state ----

    /** Copies of every payment, in posting order. */
    public List<Payment> all() {
        return matching(p -> true);
    }

    public int size() {
        return stored.size();
    }

    /** How many times a day was read by position ({@link #ofDayAfter}). */
    public int chunkReads() {
        return chunkReads;
    }

    /** The most payments one read by position asked for. */
    public int largestChunk() {
        return largestChunk;
    }

    private Optional<Payment> first(Predicate<Payment> where) {
        return matching(where).stream().findFirst();
    }

    private List<Payment> matching(Predicate<Payment> where) {
        return stored.values().stream().filter(where).sorted(POSTING_ORDER)
                .map(p -> copy(p, p.status(), p.reversedAt(), p.reversalReason())).toList();
    }

    private static Payment copy(Payment p, PaymentStatus status, Instant reversedAt, String reversalReason) {
        return Payment.restore(p.id(), p.entityCode(), p.bankTransactionId(), p.voucherReference(), p.amount(),
                p.paidAt(), p.businessDate(), p.allocations(), p.createdAt(), status, reversedAt, reversalReason);
    }
}
