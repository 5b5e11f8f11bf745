package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ManageFinancialEntitiesUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.FinancialEntities;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.channel.FinancialEntityType;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Onboards partner entities as data; switching one off locks its keys out of the channel at once. */
@ApplicationScoped
public class FinancialEntityService implements ManageFinancialEntitiesUseCase {

    private final FinancialEntities entities;
    private final AuditLog audit;
    private final Clock clock;

    public FinancialEntityService(FinancialEntities entities, AuditLog audit, Clock clock) {
        this.entities = entities;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public FinancialEntity register(Caller caller, String code, String name, FinancialEntityType type,
                                    LocalTime cutoff) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        Instant now = clock.instant();
        FinancialEntity entity = FinancialEntity.register(code, name, type, cutoff, now);
        entities.add(entity);
        audit.record(Audit.entry(caller, now, "FINANCIAL_ENTITY_REGISTERED", "FINANCIAL_ENTITY", entity.code(),
                Map.of("name", entity.name(), "type", entity.type().name(), "cutoffTime", entity.cutoffText())));
        return entity;
    }

    @Override
    @Transactional
    public Page<FinancialEntity> list(Caller caller, PageRequest page) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return entities.page(page);
    }

    @Override
    @Transactional
    public FinancialEntity change(Caller caller, String code, Boolean active, LocalTime cutoff) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        if (active == null && cutoff == null) {
            throw new InvalidValueException("validation-error", "send active, cutoffTime or both");
        }
        FinancialEntity entity = entities.find(code)
                .orElseThrow(() -> new NotFoundException("financial-entity-not-found", "no financial entity " + code));
        Instant now = clock.instant();
        entity.change(active, cutoff, now);
        entities.update(entity);
        Map<String, Object> details = new LinkedHashMap<>();
        if (active != null) {
            details.put("active", active);
        }
        if (cutoff != null) {
            details.put("cutoffTime", entity.cutoffText());
        }
        audit.record(Audit.entry(caller, now, "FINANCIAL_ENTITY_CHANGED", "FINANCIAL_ENTITY", code, details));
        return entity;
    }
}
