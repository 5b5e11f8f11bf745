package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.out.AuditLog;

import java.time.Instant;
import java.util.Map;

/** Builds audit entries from the caller of the request. */
final class Audit {

    private Audit() {
    }

    static AuditLog.Entry entry(Caller caller, Instant at, String action, String entityType, String entityId,
                                Map<String, Object> details) {
        return entry(caller.clientId(), caller.correlationId(), at, action, entityType, entityId, details);
    }

    /** An entry for an actor that is not an API client (the public, a scheduled job). */
    static AuditLog.Entry entry(String actor, String correlationId, Instant at, String action, String entityType,
                                String entityId, Map<String, Object> details) {
        return new AuditLog.Entry(at, actor, action, entityType, entityId, correlationId, details);
    }
}
