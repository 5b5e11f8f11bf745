package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.UnpaidObligation;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Period;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The obligations the institution is owed, as a collection. */
public interface Obligations {

    /**
     * Stores a new obligation. A second obligation with the same external reference of the same source system is
     * refused by the database and reported as a {@code ConflictException} of kind
     * {@code duplicate-external-reference}.
     */
    void add(Obligation obligation);

    /** Stores many new obligations in one batch (the caller has already excluded known duplicates). */
    void addAll(List<Obligation> obligations);

    /** Of the given references, those already taken. */
    Set<ExternalReference> existingReferences(Collection<ExternalReference> references);

    Optional<Obligation> find(ObligationId id);

    /**
     * Stores the changes made to an obligation read by {@link #find}; refused with a stale-version
     * {@code PreconditionFailedException} when another transaction changed it meanwhile.
     */
    Obligation update(Obligation obligation);

    /**
     * Reads and row-locks the obligations with these ids (in id order, so that two transactions never wait for
     * each other in a cycle). Ids that do not exist are simply absent from the result.
     */
    List<Obligation> lock(Collection<ObligationId> ids);

    /**
     * Row-locks a debtor's obligations that a query by debtor id may offer on {@code today}, pre-filtered with the
     * rule of {@link Obligation#isOfferedOn} (the caller applies the rule itself to the result).
     */
    List<Obligation> lockPayableOf(DebtorId debtor, LocalDate today);

    /** {@link #lockPayableOf} for several debtors at once, in id order. */
    default List<Obligation> lockPayableOfAll(Collection<DebtorId> debtors, LocalDate today) {
        List<Obligation> all = new java.util.ArrayList<>();
        debtors.stream().distinct().forEach(d -> all.addAll(lockPayableOf(d, today)));
        all.sort(java.util.Comparator.comparing(o -> o.id().value()));
        return all;
    }

    /**
     * Stores status, amounts paid and holds of obligations read with {@link #lock}; a version changed meanwhile is
     * a stale-version {@code PreconditionFailedException}.
     */
    void updateAll(List<Obligation> obligations);

    /**
     * Row-locks, skipping rows locked by others, the PENDING obligations of a source system whose voucher hold ended
     * before {@code heldUntilBefore} or was released (the voucher was cancelled unpaid).
     */
    List<Obligation> lockUnheldPendingOf(String sourceSystem, LocalDate heldUntilBefore);

    /** A debtor and a period, as a ministry's batch line names them. */
    record DebtorPeriod(DebtorId debtor, Period period) {
    }

    /**
     * Row-locks, in one statement and in id order, the obligations with these ids and those a batch line paying a
     * period of a debtor may pay, pre-filtered with the rule of {@code LineSettlement.ofPeriod} (voucher holds are
     * not filtered: the settlement decides about them).
     */
    List<Obligation> lockForBatchLines(Collection<ObligationId> ids, Collection<DebtorPeriod> periods);

    /** Of these debtors, the ids of those with at least one obligation, whatever its state. */
    Set<String> knownDebtors(Collection<DebtorId> debtors);

    Page<Obligation> byDebtor(DebtorId debtor, ObligationStatus status, ObligationType type, PageRequest page);

    /**
     * A debtor's PENDING obligations with an unpaid principal, oldest due date first, read narrowly for statements.
     */
    List<UnpaidObligation> unpaidOf(DebtorId debtor);

    /** A debtor's PENDING obligations with an unpaid principal, whole (for agreement simulations). */
    List<Obligation> pendingOf(DebtorId debtor);

    /** The same, row-locked in id order (an agreement being subscribed). */
    List<Obligation> lockPendingOf(DebtorId debtor);

    /** The PENDING obligations with an unpaid principal of any of these debtors, row-locked in id order. */
    List<Obligation> lockPendingOf(Collection<DebtorId> debtors);

    /**
     * Every obligation of these agreements, row-locked in id order in one statement: the ones each covers (named in
     * its debt, whatever their state now) and its installments (cancelled ones included).
     */
    List<Obligation> lockOfAgreements(Collection<Agreement> agreements);

    /** The same for one agreement, without locks. */
    List<Obligation> ofAgreement(Agreement agreement);

    /** A debtor's PENDING obligations with a principal balance due before {@code asOf} (compliance). */
    List<Obligation> overdueOf(DebtorId debtor, LocalDate asOf);
}
