package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.out.Agreements;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.access.Actor;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementChange;
import ec.gob.iess.recauda.domain.agreement.AgreementObligations;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;

/**
 * What a collection does to payment agreements, inside the collection's own transaction, and how an agreement's
 * transitions are saved. The rules are the agreement's ({@link Agreement#onPaid}, {@link Agreement#onReversed}); this
 * only loads, locks and saves. Shared by every path that applies or reverses a payment (the bank channel today; the
 * Ministry's batches and card debits next), by the agreement use cases and by the daily check.
 *
 * <p>Lock order, the same on every path so that no two transactions wait for each other in a cycle: the voucher,
 * then the agreements ({@link #lockFor}), then the obligations.
 */
@ApplicationScoped
class AgreementLedger {

    private final Agreements agreements;
    private final Obligations obligations;
    private final AuditLog audit;
    private final VoucherRules rules;

    AgreementLedger(Agreements agreements, Obligations obligations, AuditLog audit, VoucherRules rules) {
        this.agreements = agreements;
        this.obligations = obligations;
        this.audit = audit;
        this.rules = rules;
    }

    /**
     * Row-locks the agreements whose installments (or down payment) a voucher pays; none, and no query, for a
     * voucher without agreement installments. Call it after locking the voucher and before its obligations.
     */
    List<Agreement> lockFor(Voucher voucher) {
        List<ObligationId> installments = voucher.lines().stream()
                .filter(l -> l.type() == ObligationType.AGREEMENT_INSTALLMENT)
                .map(VoucherLine::obligationId).toList();
        if (installments.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = agreements.ofInstallments(installments);
        return ids.isEmpty() ? List.of() : agreements.lockAll(ids);
    }

    /**
     * {@link #lockFor} for several vouchers at once (a chunk of card charges): their agreements row-locked in one
     * statement, in id order, then told apart by voucher. Call it after locking the vouchers and before their
     * obligations.
     */
    Map<String, List<Agreement>> lockForAll(Collection<Voucher> vouchers) {
        Map<String, List<ObligationId>> installmentsByVoucher = new LinkedHashMap<>();
        for (Voucher v : vouchers) {
            List<ObligationId> installments = v.lines().stream()
                    .filter(l -> l.type() == ObligationType.AGREEMENT_INSTALLMENT)
                    .map(VoucherLine::obligationId).toList();
            if (!installments.isEmpty()) {
                installmentsByVoucher.put(v.reference().value(), installments);
            }
        }
        Map<String, List<Agreement>> byVoucher = new LinkedHashMap<>();
        vouchers.forEach(v -> byVoucher.put(v.reference().value(), List.of()));
        if (installmentsByVoucher.isEmpty()) {
            return byVoucher;
        }
        List<UUID> ids = agreements.ofInstallments(installmentsByVoucher.values().stream().flatMap(List::stream)
                .toList());
        List<Agreement> locked = ids.isEmpty() ? List.of() : agreements.lockAll(ids);
        for (Map.Entry<String, List<ObligationId>> e : installmentsByVoucher.entrySet()) {
            Set<UUID> own = new HashSet<>(agreements.ofInstallments(e.getValue()));
            byVoucher.put(e.getKey(), locked.stream().filter(a -> own.contains(a.id())).toList());
        }
        return byVoucher;
    }

    /**
     * After a payment made {@code paid} (already stored) PAID on {@code businessDate}: each locked agreement's
     * {@link Agreement#onPaid} on its obligations as they now are (activation, completion), saved.
     */
    void paid(List<Agreement> locked, Collection<Obligation> paid, LocalDate businessDate, Actor actor,
              String correlationId, Instant now) {
        for (Agreement a : locked) {
            AgreementObligations own = AgreementObligations.of(a, obligations.lockOfAgreements(List.of(a)));
            save(List.of(new Changed(a, a.onPaid(paid, own, businessDate, now))), actor, correlationId, now);
        }
    }

    /**
     * After a reversal made {@code restored} (already stored) PENDING again on business date {@code today}: each
     * locked agreement's {@link Agreement#onReversed} (deactivation, reopening, or a refusal that rolls the reversal
     * back), saved.
     */
    void reversed(List<Agreement> locked, Collection<Obligation> restored, LocalDate today, Actor actor,
                  String correlationId, Instant now) {
        for (Agreement a : locked) {
            AgreementObligations own = AgreementObligations.of(a, obligations.lockOfAgreements(List.of(a)));
            save(List.of(new Changed(a, a.onReversed(restored, own, today, rules.graceDays(), now))), actor,
                    correlationId, now);
        }
    }

    /** An agreement and what one of its transitions changed. */
    record Changed(Agreement agreement, AgreementChange change) {
    }

    /**
     * Saves transitions of agreements (each agreement at most once, read with a lock): the obligations they changed,
     * then those they created, the agreements that changed, and one audit entry per event, all in a few statements.
     */
    void save(List<Changed> transitions, Actor actor, String correlationId, Instant now) {
        List<Obligation> changed = new ArrayList<>();
        List<Obligation> created = new ArrayList<>();
        List<Agreement> agreementsChanged = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        for (Changed t : transitions) {
            AgreementChange c = t.change();
            changed.addAll(c.changed());
            created.addAll(c.created());
            if (c.agreementChanged()) {
                agreementsChanged.add(t.agreement());
            }
            c.events().forEach(e -> entries.add(Audit.entry(actor, correlationId, now, e.action(), "AGREEMENT",
                    t.agreement().id().toString(), e.details())));
        }
        // Changed first: an activation undone detaches its installments before new ones could take their numbers.
        obligations.updateAll(changed);
        obligations.addAll(created);
        agreements.updateAll(agreementsChanged);
        if (!entries.isEmpty()) {
            audit.recordAll(entries);
        }
    }

    /** The obligations of {@code a}, read without locks (for views). */
    AgreementObligations obligationsOf(Agreement a) {
        return AgreementObligations.of(a, obligations.ofAgreement(a));
    }
}
