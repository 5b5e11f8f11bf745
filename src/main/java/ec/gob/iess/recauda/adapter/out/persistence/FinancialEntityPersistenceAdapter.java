package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.FinancialEntities;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Partner entities in PostgreSQL through Hibernate ORM. The channel's authentication does not come here: it reads
 * the entity joined to the API client in plain SQL ({@code ApiClientPersistenceAdapter.credentialOf}), so writes
 * are flushed at once to be visible to that SQL in the same transaction.
 */
@ApplicationScoped
class FinancialEntityPersistenceAdapter implements FinancialEntities,
        PanacheRepositoryBase<FinancialEntityEntity, String> {

    /** The primary key of {@code financial_entity}: its code (PostgreSQL's default name). */
    static final String PRIMARY_KEY = "financial_entity_pkey";

    @Override
    public void add(FinancialEntity entity) {
        // The usual duplicate is refused before any INSERT, so the transaction stays usable.
        if (findByIdOptional(entity.code()).isPresent()) {
            throw exists(entity.code());
        }
        FinancialEntityEntity e = new FinancialEntityEntity();
        e.code = entity.code();
        e.name = entity.name();
        e.type = entity.type();
        e.cutoffTime = entity.cutoffTime();
        e.active = entity.active();
        e.createdAt = entity.createdAt();
        e.updatedAt = entity.updatedAt();
        // A code taken meanwhile by a concurrent creation fails at this flush, not at commit.
        Constraints.persistNew(this, e, PRIMARY_KEY, () -> exists(entity.code()));
    }

    @Override
    public Optional<FinancialEntity> find(String code) {
        return findByIdOptional(code).map(FinancialEntityPersistenceAdapter::toDomain);
    }

    /** In the order of the index ix_financial_entity_created (created_at, code). */
    @Override
    public Page<FinancialEntity> page(PageRequest page) {
        List<FinancialEntity> items = findAll(Sort.ascending("createdAt").and("code"))
                .page(io.quarkus.panache.common.Page.of(page.page(), page.size())).list().stream()
                .map(FinancialEntityPersistenceAdapter::toDomain).toList();
        return new Page<>(items, page.page(), page.size(), count());
    }

    @Override
    public void update(FinancialEntity entity) {
        FinancialEntityEntity e = findById(entity.code());
        if (e == null) {
            return; // as the UPDATE ... WHERE code = ? it replaces: nothing to change
        }
        e.active = entity.active();
        e.cutoffTime = entity.cutoffTime();
        e.updatedAt = entity.updatedAt();
        flush();
    }

    private static ConflictException exists(String code) {
        return new ConflictException("entity-exists", "a financial entity with code " + code + " exists");
    }

    private static FinancialEntity toDomain(FinancialEntityEntity e) {
        return FinancialEntity.restore(e.code, e.name, e.type, e.cutoffTime, e.active, e.createdAt, e.updatedAt);
    }
}
