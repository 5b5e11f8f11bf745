package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.access.StaffUser;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The append-only audit trail. Every state change writes its entry in the same transaction as the change, so
 * one never exists without the other.
 */
public interface AuditLog {

    /**
     * Who did what to which entity, when, and under which request. {@code details} may be empty. {@code actor} is an
     * API client's id, {@code person:<subject>} for a staff person, or a part of the service ({@code public}, a job);
     * {@code user} is the staff person (subject and name at the time of the change), null for anyone else.
     */
    record Entry(Instant at, String actor, String action, String entityType, String entityId, String correlationId,
                 Map<String, Object> details, StaffUser user) {
        public Entry {
            details = details == null ? Map.of() : Map.copyOf(details);
            if (user != null && !actor.equals(user.actorId())) {
                throw new IllegalArgumentException("a staff person's entry is recorded under person:<subject>");
            }
        }

        /** An entry of an API client or of the service itself. */
        public Entry(Instant at, String actor, String action, String entityType, String entityId, String correlationId,
                     Map<String, Object> details) {
            this(at, actor, action, entityType, entityId, correlationId, details, null);
        }
    }

    void record(Entry entry);

    void recordAll(List<Entry> entries);
}
