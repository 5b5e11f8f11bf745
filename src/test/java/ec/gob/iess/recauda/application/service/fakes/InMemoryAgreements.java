package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.out.Agreements;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@link Agreements} port in memory, keeping the promises of the PostgreSQL adapter: one open agreement per
 * debtor (a second is a {@code agreement-exists} conflict and stores nothing), an update of a version that is no
 * longer current is a {@code stale-version} failure (all or nothing), every stored update bumps the version by one,
 * and the candidates of the daily check are pre-filtered exactly as the adapter's queries do (over the obligations
 * of the {@link InMemoryObligations} it is given).
 *
 * <p>Agreements are mutable aggregates, so the fake stores and hands out copies: a service that changes an agreement
 * changes nothing here until it calls {@link #updateAll}, exactly as with a database.
 */
public final class InMemoryAgreements implements Agreements {

    private static final Comparator<Agreement> BY_ID = Comparator.comparing(a -> a.id().toString());

    private final Map<UUID, Agreement> stored = new LinkedHashMap<>();
    private final InMemoryObligations obligations;

    public InMemoryAgreements(InMemoryObligations obligations) {
        this.obligations = obligations;
    }

    @Override
    public void add(Agreement agreement) {
        if (stored.containsKey(agreement.id())) {
            throw new IllegalStateException("primary key violated: agreement " + agreement.id() + " already stored");
        }
        if (agreement.status().isOpen() && openOf(agreement.debtorId()).isPresent()) {
            throw new ConflictException("agreement-exists", "debtor " + agreement.debtorId().value()
                    + " already has an open agreement; one open agreement per debtor");
        }
        stored.put(agreement.id(), copy(agreement, agreement.version()));
    }

    @Override
    public Optional<Agreement> find(UUID id) {
        return Optional.ofNullable(stored.get(id)).map(a -> copy(a, a.version()));
    }

    @Override
    public Optional<Agreement> lock(UUID id) {
        return find(id);
    }

    /** Copies of the stored agreements with these ids, in id order (there are no row locks to take here). */
    @Override
    public List<Agreement> lockAll(Collection<UUID> ids) {
        return ids.stream().distinct().map(stored::get).filter(Objects::nonNull).sorted(BY_ID)
                .map(a -> copy(a, a.version())).toList();
    }

    /** All or nothing: one stale version refuses the whole batch. */
    @Override
    public void updateAll(List<Agreement> agreements) {
        for (Agreement a : agreements) {
            Agreement current = stored.get(a.id());
            if (current == null || current.version() != a.version()) {
                throw new PreconditionFailedException(PreconditionFailedException.STALE_VERSION, "agreement "
                        + a.id() + " was changed by someone else meanwhile: read it again");
            }
        }
        Map<DebtorId, Long> open = new HashMap<>();
        Map<UUID, Agreement> after = new LinkedHashMap<>(stored);
        agreements.forEach(a -> after.put(a.id(), a));
        after.values().stream().filter(a -> a.status().isOpen()).forEach(a -> open.merge(a.debtorId(), 1L, Long::sum));
        if (open.values().stream().anyMatch(n -> n > 1)) {
            throw new ConflictException("agreement-exists", "one open agreement per debtor");
        }
        agreements.forEach(a -> stored.put(a.id(), copy(a, a.version() + 1)));
    }

    /** Newest first, as the adapter orders by creation (then id). */
    @Override
    public List<Agreement> ofDebtor(DebtorId debtor) {
        return stored.values().stream().filter(a -> a.debtorId().equals(debtor))
                .sorted(Comparator.comparing(Agreement::createdAt).reversed().thenComparing(BY_ID))
                .map(a -> copy(a, a.version())).toList();
    }

    @Override
    public Optional<Agreement> openOf(DebtorId debtor) {
        return stored.values().stream().filter(a -> a.debtorId().equals(debtor) && a.status().isOpen())
                .findFirst().map(a -> copy(a, a.version()));
    }

    /** As the adapter's query: agreements with at least {@code missed} PENDING installments due before the date. */
    @Override
    public List<UUID> defaultCandidates(LocalDate date, int missed) {
        Map<UUID, Long> overdue = obligations.all().stream()
                .filter(o -> o.installment() != null && o.installment().number() > 0)
                .filter(o -> o.dueDate().isBefore(date) && o.status() == ObligationStatus.PENDING)
                .collect(Collectors.groupingBy(o -> o.installment().agreementId(), Collectors.counting()));
        return overdue.entrySet().stream().filter(e -> e.getValue() >= missed).map(Map.Entry::getKey)
                .sorted(Comparator.comparing(UUID::toString)).toList();
    }

    /** As the adapter's query: awaiting a down payment whose voucher expired before {@code day}, in id order. */
    @Override
    public List<UUID> lapseCandidates(LocalDate day, UUID after, int limit) {
        return stored.values().stream()
                .filter(a -> a.status() == ec.gob.iess.recauda.domain.agreement.AgreementStatus.AWAITING_DOWN_PAYMENT)
                .filter(a -> a.downPaymentVoucher() != null && a.downPaymentVoucher().expiresOn().isBefore(day))
                .map(Agreement::id).sorted(Comparator.comparing(UUID::toString))
                .filter(id -> after == null || id.toString().compareTo(after.toString()) > 0)
                .limit(limit).toList();
    }

    @Override
    public List<UUID> ofInstallments(Collection<ObligationId> obligationIds) {
        Set<ObligationId> ids = Set.copyOf(obligationIds);
        return obligations.all().stream().filter(o -> ids.contains(o.id()) && o.installment() != null)
                .map(o -> o.installment().agreementId()).distinct().sorted(Comparator.comparing(UUID::toString))
                .toList();
    }

    // ---- for tests: arrange and inspect the stored state ----

    /** Stores an agreement as it is, bypassing the checks. */
    public Agreement seed(Agreement agreement) {
        stored.put(agreement.id(), copy(agreement, agreement.version()));
        return agreement;
    }

    /** A copy of everything stored, in insertion order. */
    public List<Agreement> all() {
        return stored.values().stream().map(a -> copy(a, a.version())).toList();
    }

    /** The installment obligations of an agreement (the down payment first), for assertions. */
    public List<Obligation> installmentsOf(UUID agreementId) {
        return obligations.all().stream().filter(o -> o.isInstallmentOf(agreementId))
                .sorted(Comparator.comparing(o -> o.installment().number())).toList();
    }

    private static Agreement copy(Agreement a, long version) {
        return Agreement.restore(a.id(), a.debtorId(), a.debtorName(), a.debtorKind(), a.status(), a.signedOn(),
                a.termMonths(), a.annualRate(), a.covered(), a.downPayment(), a.financedAmount(), a.schedule(),
                a.requiresApproval(), a.downPaymentVoucher(), a.activatedOn(), a.decision(), a.closedOn(),
                a.closeReason(), a.createdBy(), a.createdAt(), a.updatedAt(), version);
    }
}
