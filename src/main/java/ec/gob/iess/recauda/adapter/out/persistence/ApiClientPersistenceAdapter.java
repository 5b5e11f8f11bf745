package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.ApiClients;
import ec.gob.iess.recauda.domain.access.ApiClient;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.channel.FinancialEntityType;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalTime;
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

    /**
     * On every authenticated request: one indexed read in plain SQL, no Hibernate session, with the BANK client's
     * entity joined in so the channel needs no second read.
     */
    @Override
    public Optional<Credential> credentialOf(String keyHash) {
        return jdbc.one("SELECT c.id, c.name, c.role, c.scope, c.key_hash, c.key_prefix, c.created_at, c.created_by,"
                + " c.revoked_at, e.code AS e_code, e.name AS e_name, e.type AS e_type, e.cutoff_time AS e_cutoff,"
                + " e.active AS e_active, e.created_at AS e_created, e.updated_at AS e_updated"
                + " FROM api_client c LEFT JOIN financial_entity e ON c.role = 'BANK' AND e.code = c.scope"
                + " WHERE c.key_hash = ?", ps -> ps.setString(1, keyHash), rs -> new Credential(ApiClient.restore(
                rs.getObject("id", UUID.class), rs.getString("name"), Role.valueOf(rs.getString("role")),
                rs.getString("scope"), rs.getString("key_hash"), rs.getString("key_prefix"),
                Sql.instant(rs, "created_at"), rs.getString("created_by"), Sql.instant(rs, "revoked_at")),
                rs.getString("e_code") == null ? null : FinancialEntity.restore(rs.getString("e_code"),
                        rs.getString("e_name"), FinancialEntityType.valueOf(rs.getString("e_type")),
                        rs.getObject("e_cutoff", LocalTime.class), rs.getBoolean("e_active"),
                        Sql.instant(rs, "e_created"), Sql.instant(rs, "e_updated"))));
    }

    /** In the order of the index ix_api_client_created (created_at, id). */
    @Override
    public Page<ApiClient> page(PageRequest page) {
        List<ApiClient> items = findAll(Sort.ascending("createdAt").and("id"))
                .page(io.quarkus.panache.common.Page.of(page.page(), page.size())).list().stream()
                .map(ApiClientPersistenceAdapter::toDomain).toList();
        return new Page<>(items, page.page(), page.size(), count());
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
