package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.application.port.out.Vouchers;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final SecureRandom random = new SecureRandom();

    VoucherIssuer(Vouchers vouchers, Obligations obligations, InterestRates rates, AuditLog audit,
                  VoucherRules rules) {
        this.vouchers = vouchers;
        this.obligations = obligations;
        this.rates = rates;
        this.audit = audit;
        this.rules = rules;
    }

    VoucherView issue(String actor, String correlationId, DebtorId debtor, List<Obligation> locked,
                      LocalDate today, Instant now) {
        var table = rates.table();
        return store(actor, correlationId, debtor, locked, today, now, reference -> Voucher.issue(reference, debtor,
                locked, today, rules.validityDays(), table, actor, now));
    }

    /** The voucher of an agreement's down payment (already stored, row-locked by the caller). */
    VoucherView issueDownPayment(String actor, String correlationId, Obligation downPayment, LocalDate today,
                                 Instant now) {
        return store(actor, correlationId, downPayment.debtorId(), List.of(downPayment), today, now,
                reference -> Voucher.issueForDownPayment(reference, downPayment, today, rules.validityDays(), actor,
                        now));
    }

    private VoucherView store(String actor, String correlationId, DebtorId debtor, List<Obligation> locked,
                              LocalDate today, Instant now, java.util.function.Function<VoucherReference, Voucher> make) {
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
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("debtorId", debtor.value());
        details.put("amount", voucher.amount().toString());
        details.put("expiresOn", voucher.expiresOn().toString());
        details.put("obligations", voucher.lines().stream().map(l -> l.obligationId().toString()).toList());
        audit.record(Audit.entry(actor, correlationId, now, "VOUCHER_ISSUED", "VOUCHER",
                voucher.reference().value(), details));
        return new VoucherView(voucher, VoucherStatus.ISSUED);
    }

    int validityDays() {
        return rules.validityDays();
    }
}
