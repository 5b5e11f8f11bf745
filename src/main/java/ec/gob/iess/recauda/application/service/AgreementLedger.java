package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.out.Agreements;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementStatus;
import ec.gob.iess.recauda.domain.agreement.CoveredObligation;
import ec.gob.iess.recauda.domain.agreement.ScheduledInstallment;
import ec.gob.iess.recauda.domain.obligation.InstallmentOf;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a collection does to payment agreements, inside the collection's own transaction: paying a down payment
 * activates its agreement (the covered obligations enter it and its installments become obligations); paying the
 * last installment completes it (the covered obligations are settled); a reversal undoes either. Shared by every
 * path that applies or reverses a payment (the bank channel today).
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
     * After a payment made {@code paid} (already stored) PAID on {@code businessDate}: activates the agreements whose
     * down payment it paid and completes those whose last installment it paid.
     */
    void paid(List<Agreement> locked, Collection<Obligation> paid, LocalDate businessDate, String actor,
              String correlationId, Instant now) {
        List<Agreement> changed = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        for (Agreement a : locked) {
            List<InstallmentOf> lines = linesOf(a, paid);
            if (lines.stream().anyMatch(InstallmentOf::isDownPayment)
                    && a.status() == AgreementStatus.AWAITING_DOWN_PAYMENT) {
                activate(a, businessDate, now);
                changed.add(a);
                entries.add(Audit.entry(actor, correlationId, now, "AGREEMENT_ACTIVATED", "AGREEMENT",
                        a.id().toString(), Map.of("activatedOn", businessDate.toString())));
            } else if (lines.stream().anyMatch(i -> !i.isDownPayment()) && a.status() == AgreementStatus.ACTIVE
                    && allInstallmentsPaid(a)) {
                settleCovered(a, now);
                a.complete(businessDate, now);
                changed.add(a);
                entries.add(Audit.entry(actor, correlationId, now, "AGREEMENT_COMPLETED", "AGREEMENT",
                        a.id().toString(), Map.of("completedOn", businessDate.toString())));
            }
        }
        save(changed, entries);
    }

    /**
     * After a reversal made {@code restored} (already stored) PENDING again: an agreement whose down payment it
     * restored goes back to waiting for it, unless an installment was paid meanwhile (the reversal is refused); a
     * completed one whose installment it restored is active again; a defaulted one refuses the reversal.
     */
    void reversed(List<Agreement> locked, Collection<Obligation> restored, LocalDate today, String actor,
                  String correlationId, Instant now) {
        List<Agreement> changed = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        for (Agreement a : locked) {
            List<InstallmentOf> lines = linesOf(a, restored);
            if (lines.isEmpty()) {
                continue;
            }
            if (a.status() == AgreementStatus.DEFAULTED) {
                throw new BusinessRuleException("agreement-defaulted", "agreement " + a.id() + " defaulted on "
                        + a.closedOn() + " counting this payment; it can no longer be reversed");
            }
            if (lines.stream().anyMatch(InstallmentOf::isDownPayment) && a.status() == AgreementStatus.ACTIVE) {
                deactivate(a, today, now);
                changed.add(a);
                entries.add(Audit.entry(actor, correlationId, now, "AGREEMENT_DEACTIVATED", "AGREEMENT",
                        a.id().toString(), Map.of("reason", "down payment reversed")));
            } else if (a.status() == AgreementStatus.COMPLETED) {
                reopen(a, now);
                changed.add(a);
                entries.add(Audit.entry(actor, correlationId, now, "AGREEMENT_REOPENED", "AGREEMENT",
                        a.id().toString(), Map.of("reason", "installment payment reversed")));
            }
        }
        save(changed, entries);
    }

    /**
     * For an agreement that will not start (rejected, cancelled, lapsed): frees its covered obligations and cancels
     * its unpaid down payment, among {@code own} (its obligations, locked). Returns the obligations changed.
     */
    static List<Obligation> release(Agreement a, Collection<Obligation> own, LocalDate today, int graceDays,
                                    Instant now) {
        List<Obligation> changed = new ArrayList<>();
        for (Obligation o : own) {
            if (a.id().equals(o.coveringAgreement())) {
                o.releaseReservation(a.id(), now);
                changed.add(o);
            } else if (o.installment() != null && o.installment().agreementId().equals(a.id())
                    && o.installment().isDownPayment() && o.status() == ObligationStatus.PENDING) {
                if (a.status() == AgreementStatus.CANCELLED && a.downPaymentVoucher() != null) {
                    // Its voucher was cancelled with the agreement: no bank can collect it any more.
                    o.release(a.downPaymentVoucher().reference(), now);
                }
                o.cancelForAgreement(a.id(), "agreement " + a.status().name().toLowerCase() + ": "
                        + a.closeReason(), today, graceDays, now);
                changed.add(o);
            }
        }
        return changed;
    }

    private void activate(Agreement a, LocalDate businessDate, Instant now) {
        List<ScheduledInstallment> schedule = a.activate(businessDate, now);
        List<Obligation> installments = schedule.stream().map(s -> Obligation.installment(ObligationId.random(),
                a.debtorId(), a.debtorName(), new InstallmentOf(a.id(), s.number()), s.installment(), s.dueDate(),
                "Convenio de pago " + a.id() + ": cuota " + s.number() + " de " + a.termMonths(), now)).toList();
        obligations.addAll(installments);
        List<Obligation> covered = coveredOf(a);
        covered.forEach(o -> o.enterAgreement(a.id(), now));
        obligations.updateAll(covered);
    }

    private void deactivate(Agreement a, LocalDate today, Instant now) {
        List<Obligation> all = obligations.lockOfAgreements(List.of(a.id()));
        if (all.stream().anyMatch(o -> isInstallment(o, a) && o.status() == ObligationStatus.PAID)) {
            throw new BusinessRuleException("agreement-installments-paid", "agreement " + a.id()
                    + " already has paid installments; its down payment can no longer be reversed");
        }
        List<Obligation> changed = new ArrayList<>();
        for (Obligation o : all) {
            if (isInstallment(o, a) && o.status() == ObligationStatus.PENDING) {
                o.cancelUndoneInstallment(a.id(), "agreement " + a.id() + ": its down payment was reversed", today,
                        rules.graceDays(), now);
                changed.add(o);
            } else if (a.id().equals(o.coveringAgreement()) && o.status() == ObligationStatus.IN_AGREEMENT) {
                o.leaveAgreement(a.id(), now);
                changed.add(o);
            }
        }
        obligations.updateAll(changed);
        a.deactivate(now);
    }

    /** Whether every installment (not the down payment) of an active agreement is paid. */
    private boolean allInstallmentsPaid(Agreement a) {
        List<Obligation> installments = obligations.ofAgreement(a.id()).stream()
                .filter(o -> isInstallment(o, a) && o.status() != ObligationStatus.CANCELLED).toList();
        return installments.size() == a.termMonths()
                && installments.stream().allMatch(o -> o.status() == ObligationStatus.PAID);
    }

    /** Completion: every covered obligation receives its whole debt and is PAID. */
    private void settleCovered(Agreement a, Instant now) {
        Map<ObligationId, CoveredObligation> debt = a.covered().stream()
                .collect(Collectors.toMap(CoveredObligation::obligationId, c -> c));
        List<Obligation> covered = coveredOf(a);
        for (Obligation o : covered) {
            CoveredObligation c = debt.get(o.id());
            o.settleThroughAgreement(a.id(), c.interest(), c.principal(), a.signedOn(), List.of(), now);
        }
        obligations.updateAll(covered);
    }

    /** Undoes {@link #settleCovered} for a completed agreement whose last installment payment was reversed. */
    private void reopen(Agreement a, Instant now) {
        Map<ObligationId, CoveredObligation> debt = a.covered().stream()
                .collect(Collectors.toMap(CoveredObligation::obligationId, c -> c));
        List<Obligation> covered = obligations.lock(debt.keySet());
        for (Obligation o : covered) {
            CoveredObligation c = debt.get(o.id());
            o.reopenInAgreement(a.id(), c.interest(), c.principal(), a.signedOn(), now);
        }
        obligations.updateAll(covered);
        a.reopen(now);
    }

    private List<Obligation> coveredOf(Agreement a) {
        Set<ObligationId> ids = a.covered().stream().map(CoveredObligation::obligationId).collect(Collectors.toSet());
        List<Obligation> covered = obligations.lock(ids);
        if (covered.size() != ids.size() || covered.stream().anyMatch(o -> !a.id().equals(o.coveringAgreement()))) {
            throw new IllegalStateException("agreement " + a.id() + " does not hold all its covered obligations");
        }
        return covered;
    }

    private static boolean isInstallment(Obligation o, Agreement a) {
        return o.installment() != null && o.installment().agreementId().equals(a.id())
                && !o.installment().isDownPayment();
    }

    private static List<InstallmentOf> linesOf(Agreement a, Collection<Obligation> obligations) {
        return obligations.stream().map(Obligation::installment).filter(Objects::nonNull)
                .filter(i -> i.agreementId().equals(a.id())).toList();
    }

    private void save(List<Agreement> changed, List<AuditLog.Entry> entries) {
        if (!changed.isEmpty()) {
            agreements.updateAll(changed);
            audit.recordAll(entries);
        }
    }

    /** The installments of an agreement as {@code number → obligation}, cancelled ones left out. */
    static Map<Integer, Obligation> installmentsOf(Agreement a, Collection<Obligation> all) {
        return installmentsOf(a, all, false);
    }

    /**
     * The installments of an agreement as {@code number → obligation}: the live one of each number and, when
     * {@code orCancelled}, a cancelled one where no live one is (the installments a default cancelled).
     */
    static Map<Integer, Obligation> installmentsOf(Agreement a, Collection<Obligation> all, boolean orCancelled) {
        Map<Integer, Obligation> byNumber = new java.util.TreeMap<>();
        for (Obligation o : all) {
            if (o.installment() == null || !o.installment().agreementId().equals(a.id())) {
                continue;
            }
            boolean live = o.status() != ObligationStatus.CANCELLED;
            Obligation known = byNumber.get(o.installment().number());
            if (live && (known == null || known.status() == ObligationStatus.CANCELLED)) {
                byNumber.put(o.installment().number(), o);
            } else if (!live && orCancelled && (known == null || (known.status() == ObligationStatus.CANCELLED
                    && o.updatedAt().isAfter(known.updatedAt())))) {
                byNumber.put(o.installment().number(), o);
            }
        }
        return byNumber;
    }
}
