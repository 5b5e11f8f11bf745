package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.List;

/**
 * Appends audit entries with batched plain inserts on the transaction's own connection, so an entry commits or
 * rolls back with the change it records. The table refuses updates and deletes (a trigger). A staff person's entry
 * carries their subject and name (V9).
 */
@ApplicationScoped
class AuditLogPersistenceAdapter implements AuditLog {

    private static final int BATCH = 1000;

    private final Jdbc jdbc;
    private final ObjectMapper json;

    AuditLogPersistenceAdapter(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void record(Entry entry) {
        recordAll(List.of(entry));
    }

    @Override
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.work(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_id, correlation_id, details,
                                           person_subject, person_name)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")) {
                int pending = 0;
                for (Entry e : entries) {
                    ps.setTimestamp(1, Timestamp.from(e.at()));
                    ps.setString(2, e.actor());
                    ps.setString(3, e.action());
                    ps.setString(4, e.entityType());
                    ps.setString(5, e.entityId());
                    ps.setString(6, e.correlationId());
                    ps.setString(7, e.details().isEmpty() ? null : toJson(e));
                    ps.setString(8, e.user() == null ? null : e.user().subject());
                    ps.setString(9, e.user() == null ? null : e.user().name());
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    /** The entry's details as the jsonb text stored. */
    String toJson(Entry e) {
        try {
            return json.writeValueAsString(e.details());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("audit details must be plain JSON values", ex);
        }
    }
}
