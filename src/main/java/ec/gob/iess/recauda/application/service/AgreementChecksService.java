package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.RunAgreementChecksUseCase;
import ec.gob.iess.recauda.application.port.out.Agreements;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementStatus;
import ec.gob.iess.recauda.domain.agreement.AgreementTerms;
import ec.gob.iess.recauda.domain.agreement.CoveredObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The daily check of agreements, in batches of {@value #BATCH} agreements, each batch its own transaction:
 * <ul>
 *   <li>an agreement awaiting its down payment whose voucher expired more than {@code lapseGraceDays} days before the
 *       date LAPSES: its down payment is cancelled and its obligations are free again (the grace covers payments a
 *       bank may still post for the voucher's last business day, up to 24 hours late);</li>
 *   <li>an active agreement with {@link AgreementTerms#missedInstallmentsForDefault()} consecutive installments
 *       unpaid and due before the date DEFAULTS: its unpaid installments are cancelled and the unpaid debt is
 *       reinstated on the covered obligations ({@link Agreement#reinstatement}).</li>
 * </ul>
 * Candidates come from an index of overdue installments, so agreements in good standing cost nothing. Each
 * agreement is row-locked and re-checked before it changes, so two runs at once change it once.
 */
@ApplicationScoped
public class AgreementChecksService implements RunAgreementChecksUseCase {

    static final int BATCH = 500;
    static final String SCHEDULER = "scheduler";

    private final Agreements agreements;
    private final Obligations obligations;
    private final AuditLog audit;
    private final AgreementTerms terms;
    private final Clock clock;
    private final int lapseGraceDays;

    public AgreementChecksService(Agreements agreements, Obligations obligations, AuditLog audit,
                                  AgreementTerms terms, VoucherRules rules, Clock clock) {
        this.agreements = agreements;
        this.obligations = obligations;
        this.audit = audit;
        this.terms = terms;
        this.clock = clock;
        this.lapseGraceDays = rules.graceDays();
    }

    @Override
    public Result run(Caller caller, LocalDate date) {
        Authorization.requireStaff(caller);
        return check(caller.clientId(), caller.correlationId(), date);
    }

    @Override
    public Result runScheduled(LocalDate date) {
        return check(SCHEDULER, "agreement-checks-" + date, date);
    }

    private Result check(String actor, String correlationId, LocalDate date) {
        List<UUID> lapsed = new ArrayList<>();
        UUID after = null;
        while (true) {
            UUID from = after;
            List<UUID> batch = QuarkusTransaction.requiringNew()
                    .call(() -> agreements.lapseCandidates(date.minusDays(lapseGraceDays), from, BATCH));
            if (batch.isEmpty()) {
                break;
            }
            lapsed.addAll(QuarkusTransaction.requiringNew().call(() -> lapse(batch, date, actor, correlationId)));
            after = batch.get(batch.size() - 1);
        }
        List<UUID> defaulted = new ArrayList<>();
        List<UUID> candidates = QuarkusTransaction.requiringNew().call(() -> agreements.defaultCandidates(date,
                terms.missedInstallmentsForDefault()));
        for (int from = 0; from < candidates.size(); from += BATCH) {
            List<UUID> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
            defaulted.addAll(QuarkusTransaction.requiringNew().call(() -> declareDefaults(batch, date, actor,
                    correlationId)));
        }
        return new Result(date, lapsed, defaulted);
    }

    /** Lapses those of {@code ids} that, locked and read again, still lapse on {@code date}. */
    private List<UUID> lapse(List<UUID> ids, LocalDate date, String actor, String correlationId) {
        Instant now = clock.instant();
        List<Agreement> locked = agreements.lockAll(ids).stream()
                .filter(a -> a.downPaymentLapsedOn(date, lapseGraceDays)).toList();
        if (locked.isEmpty()) {
            return List.of();
        }
        List<Obligation> changed = new ArrayList<>();
        Map<UUID, List<Obligation>> byAgreement = byAgreement(locked, obligations.lockOfAgreements(
                locked.stream().map(Agreement::id).toList()));
        List<AuditLog.Entry> entries = new ArrayList<>();
        for (Agreement a : locked) {
            a.lapse(date, lapseGraceDays, now);
            changed.addAll(AgreementLedger.release(a, byAgreement.get(a.id()), date, lapseGraceDays, now));
            entries.add(Audit.entry(actor, correlationId, now, "AGREEMENT_LAPSED", "AGREEMENT", a.id().toString(),
                    Map.of("date", date.toString(), "voucherExpiredOn", a.downPaymentVoucher().expiresOn().toString())));
        }
        obligations.updateAll(changed);
        agreements.updateAll(locked);
        audit.recordAll(entries);
        return locked.stream().map(Agreement::id).toList();
    }

    /** Puts in default those of {@code ids} still active with enough consecutive overdue installments. */
    private List<UUID> declareDefaults(List<UUID> ids, LocalDate date, String actor, String correlationId) {
        Instant now = clock.instant();
        List<Agreement> active = agreements.lockAll(ids).stream()
                .filter(a -> a.status() == AgreementStatus.ACTIVE).toList();
        if (active.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Obligation>> byAgreement = byAgreement(active, obligations.lockOfAgreements(
                active.stream().map(Agreement::id).toList()));
        List<Agreement> defaulted = new ArrayList<>();
        List<Obligation> changed = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        int missed = terms.missedInstallmentsForDefault();
        for (Agreement a : active) {
            List<Obligation> own = byAgreement.get(a.id());
            Map<Integer, Obligation> installments = AgreementLedger.installmentsOf(a, own);
            Set<Integer> paid = new HashSet<>();
            installments.forEach((number, o) -> {
                if (number > 0 && o.status() == ObligationStatus.PAID) {
                    paid.add(number);
                }
            });
            if (!a.hasMissedConsecutive(paid, date, missed)) {
                continue;
            }
            // A voucher holding an unpaid installment may still be paid (late postings): the default waits for it.
            if (installments.values().stream().anyMatch(o -> o.status() == ObligationStatus.PENDING
                    && o.hold() != null && o.hold().protectsOn(date, lapseGraceDays))) {
                continue;
            }
            String reason = missed + " consecutive installments overdue on " + date;
            installments.forEach((number, o) -> {
                if (number > 0 && o.status() == ObligationStatus.PENDING) {
                    o.cancelForAgreement(a.id(), "agreement defaulted: " + reason, date, lapseGraceDays, now);
                    changed.add(o);
                }
            });
            Map<ObligationId, Obligation> covered = own.stream().filter(o -> a.id().equals(o.coveringAgreement()))
                    .collect(Collectors.toMap(Obligation::id, Function.identity()));
            Map<String, Object> reinstated = new LinkedHashMap<>();
            for (Agreement.Remainder r : a.reinstatement(paid)) {
                CoveredObligation c = r.obligation();
                Obligation o = covered.get(c.obligationId());
                o.settleThroughAgreement(a.id(), c.interest().minus(r.interest()), c.principal().minus(r.principal()),
                        a.signedOn(), List.of(), now);
                changed.add(o);
                reinstated.put(c.obligationId().toString(), r.total().toString());
            }
            a.declareDefault(date, reason, now);
            defaulted.add(a);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("date", date.toString());
            details.put("principalPaidThroughInstallments", a.principalPaidThroughInstallments(paid).toString());
            details.put("reinstated", reinstated);
            entries.add(Audit.entry(actor, correlationId, now, "AGREEMENT_DEFAULTED", "AGREEMENT", a.id().toString(),
                    details));
        }
        obligations.updateAll(changed);
        agreements.updateAll(defaulted);
        audit.recordAll(entries);
        return defaulted.stream().map(Agreement::id).toList();
    }

    private static Map<UUID, List<Obligation>> byAgreement(List<Agreement> agreements, List<Obligation> all) {
        Map<UUID, List<Obligation>> map = new LinkedHashMap<>();
        agreements.forEach(a -> map.put(a.id(), new ArrayList<>()));
        for (Obligation o : all) {
            UUID owner = o.link() == null ? null : o.link().agreementId();
            if (owner != null && map.containsKey(owner)) {
                map.get(owner).add(o);
            }
        }
        return map;
    }
}
