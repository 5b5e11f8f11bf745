package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.out.FinancialEntities;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;

/** The entity a BANK caller acts for, which must exist and be active for any channel operation. */
@ApplicationScoped
class ChannelAccess {

    private final FinancialEntities entities;

    ChannelAccess(FinancialEntities entities) {
        this.entities = entities;
    }

    FinancialEntity activeEntityOf(Caller caller) {
        Authorization.requireRole(caller, StaffRole.DIRECTOR, Role.BANK);
        // Read with the key when the request was authenticated; otherwise (a job, a test) read now.
        FinancialEntity entity = caller.entity() != null && caller.entity().code().equals(caller.scope())
                ? caller.entity()
                : entities.find(caller.scope()).orElseThrow(() -> new ForbiddenException(
                        "financial entity " + caller.scope() + " is not registered"));
        if (!entity.active()) {
            throw new ForbiddenException("financial entity " + entity.code() + " is inactive");
        }
        return entity;
    }
}
