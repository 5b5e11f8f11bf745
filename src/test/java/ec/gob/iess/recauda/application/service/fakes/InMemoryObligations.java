package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.CoveredObligation;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.UnpaidObligation;
import ec.gob.iess.recauda.domain.publicsector.LineSettlement;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link Obligations} port in memory, keeping the promises the PostgreSQL adapter keeps: an external reference
 * is unique per source system (a duplicate is a {@code duplicate-external-reference} conflict and stores nothing),
 * an update of a version that is no longer current is a {@code stale-version} precondition failure, and every
 * stored update bumps the version by one.
 *
 * <p>Obligations are mutable aggregates, so the fake stores and hands out copies: a service that changes an
 * obligation it read changes nothing here until it calls {@link #update}, exactly as with a database.
 */
public final class InMemoryObligations implements Obligations {

    /** Ids as the database orders a uuid column: by the canonical lower-case text, i.e. unsigned bytewise. */
    private static final Comparator<Obligation> BY_ID = Comparator.comparing(o -> o.id().toString());

    private final Map<ObligationId, Obligation> stored = new LinkedHashMap<>();

    @Override
    public void add(Obligation obligation) {
        addAll(List.of(obligation));
    }

    /** All or nothing, as one flush inside one transaction: a single duplicate stores none of them. */
    @Override
    public void addAll(List<Obligation> obligations) {
        Set<ExternalReference> seen = new HashSet<>(takenReferences());
        Set<ObligationId> ids = new HashSet<>(stored.keySet());
        for (Obligation o : obligations) {
            if (!ids.add(o.id())) {
                throw new IllegalStateException("primary key violated: obligation " + o.id() + " already stored");
            }
            ExternalReference ref = o.externalReference();
            if (ref != null && !seen.add(ref)) {
                throw new ConflictException("duplicate-external-reference",
                        "an obligation with this external reference of this source system already exists");
            }
        }
        obligations.forEach(o -> stored.put(o.id(), copy(o, o.version())));
    }

    @Override
    public Set<ExternalReference> existingReferences(Collection<ExternalReference> references) {
        Set<ExternalReference> taken = takenReferences();
        return references.stream().filter(taken::contains).collect(Collectors.toSet());
    }

    @Override
    public Optional<Obligation> find(ObligationId id) {
        return Optional.ofNullable(stored.get(id)).map(o -> copy(o, o.version()));
    }

    @Override
    public Obligation update(Obligation obligation) {
        Obligation current = stored.get(obligation.id());
        if (current == null || current.version() != obligation.version()) {
            throw new PreconditionFailedException(PreconditionFailedException.STALE_VERSION,
                    "obligation " + obligation.id() + " was changed by someone else meanwhile: read it again");
        }
        Obligation saved = copy(obligation, obligation.version() + 1);
        stored.put(saved.id(), saved);
        return copy(saved, saved.version());
    }

    /** Copies of the stored obligations with these ids, in id order (there are no row locks to take here). */
    @Override
    public List<Obligation> lock(Collection<ObligationId> ids) {
        return ids.stream().distinct().map(stored::get).filter(java.util.Objects::nonNull).sorted(BY_ID)
                .map(o -> copy(o, o.version())).toList();
    }

    @Override
    public List<Obligation> lockPayableOf(DebtorId debtor, java.time.LocalDate today) {
        return stored.values().stream()
                .filter(o -> o.debtorId().equals(debtor) && o.isOfferedOn(today))
                .sorted(BY_ID).map(o -> copy(o, o.version())).toList();
    }

    @Override
    public List<Obligation> lockUnheldPendingOf(String sourceSystem, java.time.LocalDate heldUntilBefore) {
        return stored.values().stream()
                .filter(o -> o.externalReference() != null && o.externalReference().sourceSystem().equals(sourceSystem))
                .filter(o -> o.status() == ObligationStatus.PENDING
                        && (o.hold() == null || o.hold().until().isBefore(heldUntilBefore)))
                .sorted(BY_ID).map(o -> copy(o, o.version())).toList();
    }

    /** The same rule as the adapter's pre-filter: the ids, and what LineSettlement.ofPeriod allows. */
    @Override
    public List<Obligation> lockForBatchLines(Collection<ObligationId> ids, Collection<DebtorPeriod> periods) {
        return stored.values().stream()
                .filter(o -> ids.contains(o.id()) || periods.stream()
                        .anyMatch(p -> LineSettlement.ofPeriod(o, p.debtor(), p.period())))
                .sorted(BY_ID).map(o -> copy(o, o.version())).toList();
    }

    @Override
    public Set<String> knownDebtors(Collection<DebtorId> debtors) {
        Set<String> wanted = debtors.stream().map(DebtorId::value).collect(Collectors.toSet());
        return stored.values().stream().map(o -> o.debtorId().value()).filter(wanted::contains)
                .collect(Collectors.toSet());
    }

    /** Like {@link #update} for each, all or nothing. */
    @Override
    public void updateAll(List<Obligation> obligations) {
        for (Obligation o : obligations) {
            Obligation current = stored.get(o.id());
            if (current == null || current.version() != o.version()) {
                throw new PreconditionFailedException(PreconditionFailedException.STALE_VERSION,
                        "obligation " + o.id() + " was changed by someone else meanwhile");
            }
        }
        obligations.forEach(o -> stored.put(o.id(), copy(o, o.version() + 1)));
    }

    /** Newest due date first, then by id; filtered by status and type when given. */
    @Override
    public Page<Obligation> byDebtor(DebtorId debtor, ObligationStatus status, ObligationType type,
                                     PageRequest page) {
        List<Obligation> matching = stored.values().stream()
                .filter(o -> o.debtorId().equals(debtor))
                .filter(o -> status == null || o.status() == status)
                .filter(o -> type == null || o.type() == type)
                .sorted(Comparator.comparing(Obligation::dueDate).reversed().thenComparing(BY_ID))
                .toList();
        List<Obligation> items = matching.stream()
                .skip(page.offset())
                .limit(page.size())
                .map(o -> copy(o, o.version()))
                .toList();
        return new Page<>(items, page.page(), page.size(), matching.size());
    }

    /** PENDING with principal paid below the principal, oldest due date first, then by id. */
    @Override
    public List<UnpaidObligation> unpaidOf(DebtorId debtor) {
        return stored.values().stream()
                .filter(o -> o.debtorId().equals(debtor))
                .filter(o -> o.status() == ObligationStatus.PENDING)
                .filter(o -> o.principalPaid().isLessThan(o.principal()))
                .sorted(Comparator.comparing(Obligation::dueDate).thenComparing(BY_ID))
                .map(o -> new UnpaidObligation(o.id(), o.type(), o.dueDate(), o.principal(), o.principalPaid(),
                        o.interestPaid(), o.history(), o.link()))
                .toList();
    }

    @Override
    public List<Obligation> pendingOf(DebtorId debtor) {
        return stored.values().stream()
                .filter(o -> o.debtorId().equals(debtor) && o.status() == ObligationStatus.PENDING)
                .filter(o -> o.principalBalance().isPositive())
                .sorted(BY_ID).map(o -> copy(o, o.version())).toList();
    }

    @Override
    public List<Obligation> lockPendingOf(DebtorId debtor) {
        return pendingOf(debtor);
    }

    @Override
    public List<Obligation> lockPendingOf(Collection<DebtorId> debtors) {
        return debtors.stream().flatMap(d -> pendingOf(d).stream())
                .sorted(Comparator.comparing(o -> o.id().value())).toList();
    }

    /** The obligations the agreements cover (by id) and those linked to them, in id order, as the adapter reads. */
    @Override
    public List<Obligation> lockOfAgreements(Collection<Agreement> agreements) {
        Set<java.util.UUID> ids = agreements.stream().map(Agreement::id).collect(Collectors.toSet());
        Set<ObligationId> covered = agreements.stream().flatMap(a -> a.covered().stream())
                .map(CoveredObligation::obligationId).collect(Collectors.toSet());
        return stored.values().stream()
                .filter(o -> covered.contains(o.id()) || (o.link() != null && ids.contains(o.link().agreementId())))
                .sorted(BY_ID).map(o -> copy(o, o.version())).toList();
    }

    @Override
    public List<Obligation> ofAgreement(Agreement agreement) {
        return lockOfAgreements(List.of(agreement));
    }

    @Override
    public List<Obligation> overdueOf(DebtorId debtor, java.time.LocalDate asOf) {
        return pendingOf(debtor).stream().filter(o -> o.dueDate().isBefore(asOf))
                .sorted(Comparator.comparing(Obligation::dueDate).thenComparing(BY_ID)).toList();
    }

    // ---- for tests: arrange and inspect the stored state ----

    /** Stores an obligation as it is (any status, any amounts paid, any version), bypassing the checks. */
    public Obligation seed(Obligation obligation) {
        stored.put(obligation.id(), copy(obligation, obligation.version()));
        return obligation;
    }

    /** A copy of everything stored, in insertion order. */
    public List<Obligation> all() {
        return stored.values().stream().map(o -> copy(o, o.version())).toList();
    }

    public int size() {
        return stored.size();
    }

    private Set<ExternalReference> takenReferences() {
        return stored.values().stream()
                .map(Obligation::externalReference)
                .filter(r -> r != null)
                .collect(Collectors.toSet());
    }

    private static Obligation copy(Obligation o, long version) {
        return o.atVersion(version);
    }
}
