package ec.gob.iess.recauda.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The append-only audit trail. Every state change writes its entry in the same transaction as the change, so
 * one never exists without the other.
 */
public interface AuditLog {

    /** Who did what to which entity, when, and under which request. {@code details} may be empty. */
    record Entry(Instant at, String actor, String action, String entityType, String entityId, String correlationId,
                 Map<String, Object> details) {
        public Entry {
            details = details == null ? Map.of() : Map.copyOf(details);
        }
    }

    void record(Entry entry);

    void recordAll(List<Entry> entries);
}
