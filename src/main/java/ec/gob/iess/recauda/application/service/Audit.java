package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.domain.access.Actor;

import java.time.Instant;
import java.util.Map;

/** Builds audit entries from the caller of the request: its actor id and, for a staff person, subject and name. */
final class Audit {

    private Audit() {
    }

    static AuditLog.Entry entry(Caller caller, Instant at, String action, String entityType, String entityId,
                                Map<String, Object> details) {
        return entry(caller.actor(), caller.correlationId(), at, action, entityType, entityId, details);
    }

    /** An entry for an actor known apart from a caller (the public, a scheduled job, a use case's own actor). */
    static AuditLog.Entry entry(Actor actor, String correlationId, Instant at, String action, String entityType,
                                String entityId, Map<String, Object> details) {
        return new AuditLog.Entry(at, actor.id(), action, entityType, entityId, correlationId, details, actor.user());
    }
}
