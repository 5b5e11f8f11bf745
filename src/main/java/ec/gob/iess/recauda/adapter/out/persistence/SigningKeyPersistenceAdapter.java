package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.SigningKeys;
import ec.gob.iess.recauda.domain.access.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code signing_key} table in plain SQL (ADR 0011): a composite key (client, key id), an insert that cannot
 * race ({@code ON CONFLICT DO NOTHING}), and a read by that key on every signed request.
 */
@ApplicationScoped
class SigningKeyPersistenceAdapter implements SigningKeys {

    private static final String COLUMNS = "client_id, key_id, public_key, created_at, created_by, revoked_at";

    private final Jdbc jdbc;

    SigningKeyPersistenceAdapter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(SigningKey key) {
        return jdbc.update("INSERT INTO signing_key (" + COLUMNS + ", fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (client_id, key_id) DO NOTHING", ps -> {
                    ps.setObject(1, key.clientId());
                    ps.setString(2, key.keyId());
                    ps.setBytes(3, key.publicKey());
                    ps.setObject(4, Sql.timestamp(key.createdAt()));
                    ps.setString(5, key.createdBy());
                    ps.setObject(6, Sql.timestamp(key.revokedAt()));
                    ps.setString(7, key.fingerprint());
                }) == 1;
    }

    @Override
    public List<SigningKey> ofClient(UUID clientId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM signing_key WHERE client_id = ? ORDER BY created_at, key_id",
                ps -> ps.setObject(1, clientId), SigningKeyPersistenceAdapter::row);
    }

    @Override
    public Optional<SigningKey> find(UUID clientId, String keyId) {
        return jdbc.one("SELECT " + COLUMNS + " FROM signing_key WHERE client_id = ? AND key_id = ?", ps -> {
            ps.setObject(1, clientId);
            ps.setString(2, keyId);
        }, SigningKeyPersistenceAdapter::row);
    }

    @Override
    public void update(SigningKey key) {
        jdbc.update("UPDATE signing_key SET revoked_at = ? WHERE client_id = ? AND key_id = ?", ps -> {
            ps.setObject(1, Sql.timestamp(key.revokedAt()));
            ps.setObject(2, key.clientId());
            ps.setString(3, key.keyId());
        });
    }

    private static SigningKey row(ResultSet rs) throws SQLException {
        return SigningKey.restore(rs.getObject("client_id", UUID.class), rs.getString("key_id"),
                rs.getBytes("public_key"), Sql.instant(rs, "created_at"), rs.getString("created_by"),
                Sql.instant(rs, "revoked_at"));
    }
}
