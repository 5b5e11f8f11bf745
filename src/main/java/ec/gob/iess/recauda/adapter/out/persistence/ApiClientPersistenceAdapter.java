package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.ApiClients;
import ec.gob.iess.recauda.domain.access.ApiClient;
import ec.gob.iess.recauda.domain.access.Role;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API clients in PostgreSQL; the key hash is unique and indexed, so authentication is one index read. */
@ApplicationScoped
class ApiClientPersistenceAdapter implements ApiClients, PanacheRepositoryBase<ApiClientEntity, UUID> {

    private final Jdbc jdbc;

    ApiClientPersistenceAdapter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(ApiClient client) {
        ApiClientEntity e = new ApiClientEntity();
        e.id = client.id();
        e.name = client.name();
        e.role = client.role();
        e.scope = client.scope();
        e.keyHash = client.keyHash();
        e.keyPrefix = client.keyPrefix();
        e.createdAt = client.createdAt();
        e.createdBy = client.createdBy();
        e.revokedAt = client.revokedAt();
        persist(e);
    }

    @Override
    public Optional<ApiClient> find(UUID id) {
        return findByIdOptional(id).map(ApiClientPersistenceAdapter::toDomain);
    }

    /** On every authenticated request: one indexed read in plain SQL, no Hibernate session. */
    @Override
    public Optional<ApiClient> findByKeyHash(String keyHash) {
        return jdbc.one("SELECT id, name, role, scope, key_hash, key_prefix, created_at, created_by, revoked_at"
                + " FROM api_client WHERE key_hash = ?", ps -> ps.setString(1, keyHash), rs -> ApiClient.restore(
                rs.getObject("id", UUID.class), rs.getString("name"), Role.valueOf(rs.getString("role")),
                rs.getString("scope"), rs.getString("key_hash"), rs.getString("key_prefix"),
                Sql.instant(rs, "created_at"), rs.getString("created_by"), Sql.instant(rs, "revoked_at")));
    }

    @Override
    public List<ApiClient> all() {
        return findAll(Sort.ascending("createdAt").and("id")).list().stream()
                .map(ApiClientPersistenceAdapter::toDomain).toList();
    }

    @Override
    public void update(ApiClient client) {
        ApiClientEntity e = findById(client.id());
        e.revokedAt = client.revokedAt();
    }

    private static ApiClient toDomain(ApiClientEntity e) {
        return ApiClient.restore(e.id, e.name, e.role, e.scope, e.keyHash, e.keyPrefix, e.createdAt, e.createdBy,
                e.revokedAt);
    }
}
