package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.Concepts;
import ec.gob.iess.recauda.domain.concept.Concept;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.Money;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The concept catalogue in PostgreSQL through Hibernate ORM. */
@ApplicationScoped
class ConceptPersistenceAdapter implements Concepts, PanacheRepositoryBase<ConceptEntity, String> {

    /** The primary key of {@code concept}: its code (PostgreSQL's default name). */
    static final String PRIMARY_KEY = "concept_pkey";

    @Override
    public void add(Concept concept, String createdBy, Instant now) {
        // The usual duplicate is refused before any INSERT, so the transaction stays usable.
        if (findByIdOptional(concept.code()).isPresent()) {
            throw exists(concept.code());
        }
        ConceptEntity e = new ConceptEntity();
        e.code = concept.code();
        e.name = concept.name();
        e.fixedAmount = concept.fixedAmount() == null ? null : concept.fixedAmount().amount();
        e.createdAt = now;
        e.createdBy = createdBy;
        // A code taken meanwhile by a concurrent creation fails at this flush, not at commit.
        Constraints.persistNew(this, e, PRIMARY_KEY, () -> exists(concept.code()));
    }

    @Override
    public Optional<Concept> find(String code) {
        return findByIdOptional(code).map(ConceptPersistenceAdapter::toDomain);
    }

    @Override
    public List<Concept> all() {
        return findAll(Sort.ascending("code")).list().stream().map(ConceptPersistenceAdapter::toDomain).toList();
    }

    private static ConflictException exists(String code) {
        return new ConflictException("concept-exists", "a concept with code " + code + " exists");
    }

    private static Concept toDomain(ConceptEntity e) {
        return new Concept(e.code, e.name, e.fixedAmount == null ? null : new Money(e.fixedAmount));
    }
}
