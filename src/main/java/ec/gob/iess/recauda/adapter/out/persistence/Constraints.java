package ec.gob.iess.recauda.adapter.out.persistence;

import org.hibernate.exception.ConstraintViolationException;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.persistence.PersistenceException;

import java.util.Optional;
import java.util.function.Supplier;

/** Finds which database constraint refused a write, from the exception chain Hibernate raises. */
final class Constraints {

    private Constraints() {
    }

    /**
     * Persists a new entity through its Panache repository and flushes at once, so that a key taken meanwhile by a
     * concurrent insert fails here: a violation of {@code uniqueConstraint} becomes {@code duplicate}'s exception,
     * any other failure passes through.
     */
    static <E> void persistNew(PanacheRepositoryBase<E, ?> repository, E entity, String uniqueConstraint,
                               Supplier<RuntimeException> duplicate) {
        try {
            repository.persist(entity);
            repository.flush();
        } catch (PersistenceException failure) {
            throw violatedConstraint(failure).filter(uniqueConstraint::equals)
                    .<RuntimeException>map(c -> duplicate.get()).orElse(failure);
        }
    }

    static Optional<String> violatedConstraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException cve && cve.getConstraintName() != null) {
                return Optional.of(cve.getConstraintName());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
