package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ExpireConceptVouchersUseCase;
import ec.gob.iess.recauda.application.port.in.IssueConceptVoucherUseCase;
import ec.gob.iess.recauda.application.port.in.ManageConceptsUseCase;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.Concepts;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.access.Actor;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.concept.Concept;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The catalogue of miscellaneous concepts, and the public voucher for one: a MISC_CONCEPT obligation of the payer,
 * due on the voucher's expiry date (so the voucher carries no interest), and a voucher for it.
 */
@ApplicationScoped
public class ConceptService implements ManageConceptsUseCase, IssueConceptVoucherUseCase,
        ExpireConceptVouchersUseCase {

    /** Source system of the obligations the public creates; marks them for the clean-up of unpaid ones. */
    public static final String PUBLIC_SOURCE = "PUBLIC-CONCEPT";
    static final Actor PUBLIC_ACTOR = Actor.of("public");
    static final Actor EXPIRY_ACTOR = Actor.of("job:concept-voucher-expiry");
    static final String EXPIRY_REASON = "the concept voucher expired unpaid";

    private final Concepts concepts;
    private final Obligations obligations;
    private final VoucherIssuer issuer;
    private final AuditLog audit;
    private final VoucherRules voucherRules;
    private final Clock clock;

    public ConceptService(Concepts concepts, Obligations obligations, VoucherIssuer issuer, AuditLog audit,
                          VoucherRules voucherRules, Clock clock) {
        this.concepts = concepts;
        this.obligations = obligations;
        this.issuer = issuer;
        this.audit = audit;
        this.voucherRules = voucherRules;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Concept create(Caller caller, Concept concept) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        Instant now = clock.instant();
        concepts.add(concept, caller.clientId(), now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", concept.name());
        if (concept.fixedAmount() != null) {
            details.put("fixedAmount", concept.fixedAmount().toString());
        }
        audit.record(Audit.entry(caller, now, "CONCEPT_CREATED", "CONCEPT", concept.code(), details));
        return concept;
    }

    @Override
    @Transactional
    public List<Concept> list() {
        return concepts.all();
    }

    @Override
    @Transactional
    public VoucherView issue(Request request, String correlationId) {
        Concept concept = concepts.find(request.conceptCode()).orElseThrow(() -> new BusinessRuleException(
                "unknown-concept", "there is no concept " + request.conceptCode() + "; GET /api/v1/concepts lists them"));
        Money amount = concept.amountFor(request.amount());
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        LocalDate due = today.plusDays(issuer.validityDays());
        Obligation obligation = Obligation.create(ObligationId.random(), new NewObligation(request.payerId(),
                request.payerName(), ObligationType.MISC_CONCEPT, ObligationStage.REGULAR, amount, due, null,
                concept.name(), new ExternalReference(PUBLIC_SOURCE, concept.code() + "-" + UUID.randomUUID())), now);
        obligations.add(obligation);
        audit.record(Audit.entry(PUBLIC_ACTOR, correlationId, now, "OBLIGATION_REGISTERED", "OBLIGATION",
                obligation.id().toString(), Map.of("debtorId", request.payerId().value(), "type", "MISC_CONCEPT",
                        "concept", concept.code(), "principal", amount.toString())));
        return issuer.issue(PUBLIC_ACTOR, correlationId, request.payerId(), List.of(obligation), today, now);
    }

    @Override
    @Transactional
    public int expire(LocalDate today) {
        Instant now = clock.instant();
        // A voucher's last day was today minus one at the earliest, and a bank may still post its payment during the
        // grace days: only holds whose grace ended before today have lapsed.
        int grace = voucherRules.graceDays();
        List<Obligation> lapsed = obligations.lockUnheldPendingOf(PUBLIC_SOURCE, today.minusDays(grace)).stream()
                .filter(o -> o.hold() == null || !o.hold().protectsOn(today, grace)).toList();
        String correlationId = "concept-voucher-expiry-" + today;
        for (Obligation o : lapsed) {
            o.cancel(EXPIRY_REASON, today, grace, now);
        }
        obligations.updateAll(lapsed);
        audit.recordAll(lapsed.stream().map(o -> Audit.entry(EXPIRY_ACTOR, correlationId, now,
                "OBLIGATION_CANCELLED", "OBLIGATION", o.id().toString(), Map.<String, Object>of("reason",
                        EXPIRY_REASON, "voucher", o.heldBy() == null ? "" : o.heldBy()))).toList());
        return lapsed.size();
    }
}
