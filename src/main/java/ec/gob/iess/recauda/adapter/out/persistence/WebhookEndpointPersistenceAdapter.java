package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.WebhookEndpoints;
import ec.gob.iess.recauda.domain.notification.WebhookEndpoint;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Optional;

/** Employers' webhook endpoints in PostgreSQL (plain SQL, ADR 0011), one per debtor, set by an upsert. */
@ApplicationScoped
class WebhookEndpointPersistenceAdapter implements WebhookEndpoints {

    private final Jdbc jdbc;

    WebhookEndpointPersistenceAdapter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<WebhookEndpoint> find(DebtorId debtor) {
        return jdbc.one("SELECT debtor_id, url, secret, created_at, created_by FROM webhook_endpoint"
                + " WHERE debtor_id = ?", ps -> ps.setString(1, debtor.value()),
                rs -> new WebhookEndpoint(DebtorId.parsePayer(rs.getString("debtor_id")),
                        URI.create(rs.getString("url")), rs.getString("secret"), Sql.instant(rs, "created_at"),
                        rs.getString("created_by")));
    }

    @Override
    public void put(WebhookEndpoint e) {
        jdbc.update("INSERT INTO webhook_endpoint (debtor_id, url, secret, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (debtor_id) DO UPDATE SET url = excluded.url,"
                + " secret = excluded.secret, created_at = excluded.created_at,"
                + " created_by = excluded.created_by", ps -> {
                    ps.setString(1, e.debtorId().value());
                    ps.setString(2, e.url().toString());
                    ps.setString(3, e.secret());
                    ps.setObject(4, Sql.timestamp(e.createdAt()));
                    ps.setString(5, e.createdBy());
                });
    }

    @Override
    public boolean remove(DebtorId debtor) {
        return jdbc.update("DELETE FROM webhook_endpoint WHERE debtor_id = ?", ps -> ps.setString(1, debtor.value()))
                == 1;
    }
}
