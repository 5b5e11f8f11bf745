package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.obligation.InstallmentOf;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The obligations of one agreement as its transitions need them (read, and row-locked where they change): the
 * obligations it covers (named by its debt, whether still reserved, IN_AGREEMENT, or settled by it) and its
 * installments, the down payment (number 0) included. Other obligations in the collection it is built from are left
 * out.
 */
public final class AgreementObligations {

    private final UUID agreementId;
    private final Map<ObligationId, Obligation> covered = new LinkedHashMap<>();
    /** The live installment of each number, or the latest cancelled one where none is live. */
    private final Map<Integer, Obligation> installments = new TreeMap<>();

    private AgreementObligations(UUID agreementId, Set<ObligationId> coveredIds, Collection<Obligation> all) {
        this.agreementId = agreementId;
        for (Obligation o : all) {
            if (coveredIds.contains(o.id())) {
                covered.put(o.id(), o);
            } else if (o.isInstallmentOf(agreementId)) {
                int number = o.installment().number();
                Obligation known = installments.get(number);
                boolean live = o.status() != ObligationStatus.CANCELLED;
                if (known == null || (live && known.status() == ObligationStatus.CANCELLED)
                        || (!live && known.status() == ObligationStatus.CANCELLED
                        && o.updatedAt().isAfter(known.updatedAt()))) {
                    installments.put(number, o);
                }
            }
        }
    }

    /** Those of {@code all} that belong to {@code agreement}. */
    public static AgreementObligations of(Agreement agreement, Collection<Obligation> all) {
        return new AgreementObligations(agreement.id(), agreement.covered().stream()
                .map(CoveredObligation::obligationId).collect(Collectors.toSet()), all);
    }

    /**
     * Those of {@code all} that belong to each of {@code agreements}, by agreement id: one pass over {@code all}
     * (a batch of the daily check reads the obligations of hundreds of agreements at once).
     */
    public static Map<UUID, AgreementObligations> byAgreement(Collection<Agreement> agreements,
                                                              Collection<Obligation> all) {
        Map<ObligationId, UUID> coveredBy = new java.util.HashMap<>();
        Map<UUID, List<Obligation>> grouped = new LinkedHashMap<>();
        for (Agreement a : agreements) {
            grouped.put(a.id(), new java.util.ArrayList<>());
            a.covered().forEach(c -> coveredBy.put(c.obligationId(), a.id()));
        }
        for (Obligation o : all) {
            UUID owner = coveredBy.getOrDefault(o.id(), o.link() == null ? null : o.link().agreementId());
            List<Obligation> own = owner == null ? null : grouped.get(owner);
            if (own != null) {
                own.add(o);
            }
        }
        Map<UUID, AgreementObligations> result = new LinkedHashMap<>();
        for (Agreement a : agreements) {
            result.put(a.id(), of(a, grouped.get(a.id())));
        }
        return result;
    }

    public UUID agreementId() {
        return agreementId;
    }

    /** The obligations it covers (reserved or IN_AGREEMENT). */
    public List<Obligation> covered() {
        return List.copyOf(covered.values());
    }

    public Optional<Obligation> covered(ObligationId id) {
        return Optional.ofNullable(covered.get(id));
    }

    /** The down payment's obligation, live or the latest cancelled one. */
    public Optional<Obligation> downPayment() {
        return Optional.ofNullable(installments.get(0));
    }

    /** Installments 1 to the term, by number: the live one of each, or the latest cancelled one. */
    public Map<Integer, Obligation> installments() {
        Map<Integer, Obligation> result = new TreeMap<>(installments);
        result.remove(0);
        return result;
    }

    /** The live installments (1 to the term) that are not cancelled. */
    public List<Obligation> liveInstallments() {
        return installments().values().stream().filter(o -> o.status() != ObligationStatus.CANCELLED).toList();
    }

    /** The numbers of the paid installments (1 to the term). */
    public Set<Integer> paidInstallments() {
        return installments().entrySet().stream().filter(e -> e.getValue().status() == ObligationStatus.PAID)
                .map(Map.Entry::getKey).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The unpaid (PENDING) installments (1 to the term), by number. */
    public List<Obligation> unpaidInstallments() {
        return installments().values().stream().filter(o -> o.status() == ObligationStatus.PENDING).toList();
    }

    /** Whether {@code o} is this agreement's down payment. */
    public boolean isDownPayment(Obligation o) {
        InstallmentOf i = o.installment();
        return i != null && i.agreementId().equals(agreementId) && i.isDownPayment();
    }
}
