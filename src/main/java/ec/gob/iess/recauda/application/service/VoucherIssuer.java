package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.application.port.out.Agreements;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.application.port.out.Vouchers;
import ec.gob.iess.recauda.domain.access.Actor;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementObligations;
import ec.gob.iess.recauda.domain.agreement.AgreementTerms;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
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

/**
 * Issues a voucher for obligations the caller has already row-locked, and holds them for it. Shared by every way
 * a voucher comes to be: staff and employers asking for one, a bank querying by debtor id, the public paying a
 * miscellaneous concept. Runs inside the caller's transaction.
 */
@ApplicationScoped
class VoucherIssuer {

    private static final int MAX_REFERENCE_ATTEMPTS = 5;

    private final Vouchers vouchers;
    private final Obligations obligations;
    private final InterestRates rates;
    private final AuditLog audit;
    private final VoucherRules rules;
    private final Agreements agreements;
    private final AgreementTerms terms;
    private final SecureRandom random = new SecureRandom();

    VoucherIssuer(Vouchers vouchers, Obligations obligations, InterestRates rates, AuditLog audit,
                  VoucherRules rules, Agreements agreements, AgreementTerms terms) {
        this.vouchers = vouchers;
        this.obligations = obligations;
        this.rates = rates;
        this.audit = audit;
        this.rules = rules;
        this.agreements = agreements;
        this.terms = terms;
    }

    /**
     * Issues a voucher for {@code locked} obligations (the caller row-locked them). Installments of an agreement in
     * default on {@code today} go on no new voucher: its default is due, and only vouchers issued before it may
     * still be paid (otherwise a voucher issued every day would put the default off for ever).
     *
     * @throws ConflictException {@code agreement-in-default}
     */
    VoucherView issue(Actor actor, String correlationId, DebtorId debtor, List<Obligation> locked,
                      LocalDate today, Instant now) {
        List<Agreement> defaulting = inDefault(locked, today);
        if (!defaulting.isEmpty()) {
            throw new ConflictException("agreement-in-default", "agreement " + defaulting.get(0).id()
                    + " is in default on " + today + " (consecutive installments unpaid): its installments can no"
                    + " longer be paid with a new voucher; the default reinstates the unpaid debt on its obligations");
        }
        return issueOffered(actor, correlationId, debtor, locked, today, now);
    }

    /** Like {@link #issue}, for obligations already kept to {@link #offerable} ones (a bank's query by debtor id). */
    VoucherView issueOffered(Actor actor, String correlationId, DebtorId debtor, List<Obligation> locked,
                             LocalDate today, Instant now) {
        var table = rates.table();
        return store(actor, correlationId, debtor, locked, today, now, reference -> Voucher.issue(reference, debtor,
                locked, today, rules.validityDays(), table, actor.id(), now));
    }

    /** The voucher of an agreement's down payment (already stored, row-locked by the caller). */
    VoucherView issueDownPayment(Actor actor, String correlationId, Obligation downPayment, LocalDate today,
                                 Instant now) {
        return store(actor, correlationId, downPayment.debtorId(), List.of(downPayment), today, now,
                reference -> Voucher.issueForDownPayment(reference, downPayment, today, rules.validityDays(),
                        actor.id(), now));
    }

    /** The debt one card charge of a chunk collects: the debtor and its obligations (row-locked by the caller). */
    record CardDebt(DebtorId debtor, List<Obligation> obligations) {
    }

    /**
     * {@link #issueForCardCharge} for a chunk of card charges, in a few statements: the vouchers, their holds and
     * their audit rows, each written once for the chunk. Returns the vouchers in the order of {@code debts}.
     *
     * @throws ConflictException {@code voucher-reference-taken} when a random reference was taken (the caller's
     *                           transaction rolls back and the chunk is taken again)
     */
    List<Voucher> issueForCardCharges(Actor actor, String correlationId, List<CardDebt> debts, LocalDate chargeDate,
                                      LocalDate holdUntil, Instant now) {
        var table = rates.table();
        List<Voucher> issued = new ArrayList<>();
        List<Obligation> held = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        for (CardDebt d : debts) {
            Voucher voucher = Voucher.issueForCardCharge(VoucherReference.random(random), d.debtor(), d.obligations(),
                    chargeDate, table, actor.id(), now);
            for (Obligation o : d.obligations()) {
                o.holdFor(voucher.reference().value(), holdUntil, chargeDate, now);
            }
            issued.add(voucher);
            held.addAll(d.obligations());
            entries.add(issuedEntry(actor, correlationId, d.debtor(), voucher, now));
        }
        if (vouchers.addAll(issued) != issued.size()) {
            throw new ConflictException("voucher-reference-taken", "a new voucher reference was taken");
        }
        obligations.updateAll(held);
        audit.recordAll(entries);
        return issued;
    }

    private static AuditLog.Entry issuedEntry(Actor actor, String correlationId, DebtorId debtor, Voucher voucher,
                                              Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("debtorId", debtor.value());
        details.put("amount", voucher.amount().toString());
        details.put("expiresOn", voucher.expiresOn().toString());
        details.put("obligations", voucher.lines().stream().map(l -> l.obligationId().toString()).toList());
        return Audit.entry(actor, correlationId, now, "VOUCHER_ISSUED", "VOUCHER", voucher.reference().value(),
                details);
    }

    private VoucherView store(Actor actor, String correlationId, DebtorId debtor, List<Obligation> locked,
                              LocalDate today, Instant now, Function<VoucherReference, Voucher> make) {
        Voucher voucher = null;
        for (int attempt = 0; voucher == null; attempt++) {
            if (attempt == MAX_REFERENCE_ATTEMPTS) {
                throw new IllegalStateException("no free voucher reference after " + attempt + " attempts");
            }
            Voucher candidate = make.apply(VoucherReference.random(random));
            if (vouchers.add(candidate)) {
                voucher = candidate;
            }
        }
        for (Obligation o : locked) {
            o.holdFor(voucher.reference().value(), voucher.expiresOn(), today, now);
        }
        obligations.updateAll(locked);
        audit.record(issuedEntry(actor, correlationId, debtor, voucher, now));
        return new VoucherView(voucher, VoucherStatus.ISSUED);
    }

    /** Of obligations a bank's query by debtor id would offer, those that may go on a new voucher on {@code today}. */
    List<Obligation> offerable(List<Obligation> candidates, LocalDate today) {
        Set<UUID> inDefault = new HashSet<>();
        inDefault(candidates, today).forEach(a -> inDefault.add(a.id()));
        return inDefault.isEmpty() ? candidates : candidates.stream()
                .filter(o -> o.installment() == null || !inDefault.contains(o.installment().agreementId())).toList();
    }

    /** The agreements, among those whose installments are in {@code obligations}, that are in default on today. */
    private List<Agreement> inDefault(List<Obligation> obligations, LocalDate today) {
        Set<UUID> ids = new HashSet<>();
        for (Obligation o : obligations) {
            if (o.installment() != null && !o.installment().isDownPayment()) {
                ids.add(o.installment().agreementId());
            }
        }
        List<Agreement> found = new ArrayList<>();
        for (UUID id : ids) {
            agreements.find(id).filter(a -> a.isInDefaultOn(today, AgreementObligations.of(a,
                    this.obligations.ofAgreement(a)), terms)).ifPresent(found::add);
        }
        return found;
    }

    int validityDays() {
        return rules.validityDays();
    }
}
