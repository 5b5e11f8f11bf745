package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.Notifications;
import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The notification outbox in PostgreSQL (plain SQL, ADR 0011): claimed with SKIP LOCKED under a lease. */
@ApplicationScoped
class NotificationPersistenceAdapter implements Notifications {

    private static final String COLUMNS = "id, type, debtor_id, subject_id, data, status, attempts, next_attempt_at,"
            + " last_error, created_at, delivered_at";
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
    };

    private final Jdbc jdbc;
    private final ObjectMapper json;

    NotificationPersistenceAdapter(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void add(Notification n) {
        addAll(List.of(n));
    }

    /** One statement for a chunk, its rows as a jsonb set. */
    @Override
    public void addAll(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Notification n : notifications) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("id", n.id().toString());
            row.put("type", n.type().name());
            row.put("debtor_id", n.debtorId().value());
            row.put("subject_id", n.subjectId().toString());
            row.put("data", n.data());
            row.put("status", n.status().name());
            row.put("attempts", n.attempts());
            row.put("next_attempt_at", n.nextAttemptAt() == null ? null : n.nextAttemptAt().toString());
            row.put("last_error", n.lastError());
            row.put("created_at", n.createdAt().toString());
            row.put("delivered_at", n.deliveredAt() == null ? null : n.deliveredAt().toString());
            rows.add(row);
        }
        jdbc.update("INSERT INTO notification (" + COLUMNS + ") SELECT " + COLUMNS
                + " FROM jsonb_to_recordset(?::jsonb) AS r (id uuid, type text, debtor_id text, subject_id uuid,"
                + " data jsonb, status text, attempts int, next_attempt_at timestamptz, last_error text,"
                + " created_at timestamptz, delivered_at timestamptz) ON CONFLICT (type, subject_id) DO NOTHING",
                ps -> ps.setString(1, json(rows)));
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Notification> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.query("WITH due AS (SELECT id FROM notification WHERE status = 'PENDING' AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE notification n SET next_attempt_at = ? FROM due WHERE n.id = due.id"
                + " RETURNING n.*", ps -> {
                    ps.setObject(1, Sql.timestamp(now));
                    ps.setInt(2, limit);
                    ps.setObject(3, Sql.timestamp(leaseUntil));
                }, this::fromRow);
    }

    @Override
    public boolean update(Notification n, Instant leaseUntil) {
        return jdbc.update("UPDATE notification SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,"
                + " delivered_at = ? WHERE id = ? AND status = 'PENDING' AND next_attempt_at = ?", ps -> {
                    ps.setString(1, n.status().name());
                    ps.setInt(2, n.attempts());
                    ps.setObject(3, n.nextAttemptAt() == null ? null : Sql.timestamp(n.nextAttemptAt()));
                    ps.setString(4, n.lastError());
                    ps.setObject(5, n.deliveredAt() == null ? null : Sql.timestamp(n.deliveredAt()));
                    ps.setObject(6, n.id());
                    ps.setObject(7, Sql.timestamp(leaseUntil));
                }) == 1;
    }

    @Override
    public Page<Notification> undelivered(Notification.Status status, PageRequest page) {
        String where = status == null ? " WHERE status <> 'DELIVERED'" : " WHERE status = ?";
        Jdbc.Binder filter = ps -> {
            if (status != null) {
                ps.setString(1, status.name());
            }
        };
        int next = status == null ? 1 : 2;
        List<Notification> items = jdbc.query("SELECT " + COLUMNS + " FROM notification" + where
                + " ORDER BY created_at, id LIMIT ? OFFSET ?", ps -> {
                    filter.bind(ps);
                    ps.setInt(next, page.size());
                    ps.setLong(next + 1, page.offset());
                }, this::fromRow);
        long total = jdbc.one("SELECT count(*) FROM notification" + where, filter, rs -> rs.getLong(1)).orElse(0L);
        return new Page<>(items, page.page(), page.size(), total);
    }

    private Notification fromRow(ResultSet rs) throws SQLException {
        Map<String, Object> data;
        try {
            data = json.readValue(rs.getString("data"), DATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Notification.restore(rs.getObject("id", UUID.class), Notification.Type.valueOf(rs.getString("type")),
                DebtorId.parsePayer(rs.getString("debtor_id")), rs.getObject("subject_id", UUID.class), data,
                Sql.instant(rs, "created_at"), Notification.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getObject("next_attempt_at") == null ? null : Sql.instant(rs, "next_attempt_at"),
                rs.getString("last_error"),
                rs.getObject("delivered_at") == null ? null : Sql.instant(rs, "delivered_at"));
    }
}
