package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ManageCardMandatesUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.CardMandates;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.card.CardDebitRules;
import ec.gob.iess.recauda.domain.card.CardMandate;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
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
 * Card mandates (issue 12): registered and cancelled by staff from OPERATOR up or the debtor's EMPLOYER key, read by
 * staff from READER up or that key. Audited without the token or the holder's name.
 */
@ApplicationScoped
public class CardMandateService implements ManageCardMandatesUseCase {

    private final CardMandates mandates;
    private final AuditLog audit;
    private final CardDebitRules rules;
    private final Clock clock;

    public CardMandateService(CardMandates mandates, AuditLog audit, CardDebitRules rules, Clock clock) {
        this.mandates = mandates;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    @Transactional
    public CardMandate register(Caller caller, DebtorId debtor, CardMandate.Registration registration) {
        Authorization.requireRole(caller, StaffRole.OPERATOR, Role.STAFF, Role.EMPLOYER);
        Authorization.requireMayActFor(caller, debtor);
        Instant now = clock.instant();
        CardMandate mandate = CardMandate.register(UUID.randomUUID(), debtor, registration, rules,
                LocalDate.now(clock), caller.actor().id(), now);
        if (mandates.ofDebtor(debtor).stream().anyMatch(m -> m.status() == CardMandate.Status.ACTIVE)) {
            throw CardMandate.alreadyActive(debtor);
        }
        mandates.add(mandate);
        audit.record(Audit.entry(caller, now, "CARD_MANDATE_REGISTERED", "CARD_MANDATE", mandate.id().toString(),
                details(mandate)));
        return mandate;
    }

    @Override
    @Transactional
    public List<CardMandate> ofDebtor(Caller caller, DebtorId debtor) {
        Authorization.requireRole(caller, StaffRole.READER, Role.STAFF, Role.EMPLOYER);
        Authorization.requireMayActFor(caller, debtor);
        return mandates.ofDebtor(debtor);
    }

    @Override
    @Transactional
    public CardMandate get(Caller caller, UUID mandateId) {
        Authorization.requireRole(caller, StaffRole.READER, Role.STAFF, Role.EMPLOYER);
        return mandates.find(mandateId).filter(m -> caller.mayActFor(m.debtorId()))
                .orElseThrow(() -> notFound(mandateId));
    }

    /** Another debtor's mandate is answered as one that does not exist. */
    private static NotFoundException notFound(UUID mandateId) {
        return new NotFoundException("mandate-not-found", "no card mandate " + mandateId
                + " is visible to this client");
    }

    @Override
    @Transactional
    public CardMandate cancel(Caller caller, UUID mandateId) {
        Authorization.requireRole(caller, StaffRole.OPERATOR, Role.STAFF, Role.EMPLOYER);
        CardMandate mandate = mandates.lock(mandateId).filter(m -> caller.mayActFor(m.debtorId()))
                .orElseThrow(() -> notFound(mandateId));
        Instant now = clock.instant();
        if (mandate.cancel(now)) {
            mandates.update(mandate);
            audit.record(Audit.entry(caller, now, "CARD_MANDATE_CANCELLED", "CARD_MANDATE", mandateId.toString(),
                    details(mandate)));
        }
        return mandate;
    }

    static Map<String, Object> details(CardMandate m) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("debtorId", m.debtorId().value());
        details.put("status", m.status().name());
        details.put("brand", m.brand().name());
        details.put("last4", m.last4());
        details.put("debitDay", m.debitDay());
        return details;
    }
}
