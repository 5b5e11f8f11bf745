package ec.gob.iess.recauda.adapter.out.persistence;

import org.hibernate.exception.ConstraintViolationException;

import java.util.Optional;

/** Finds which database constraint refused a write, from the exception chain Hibernate raises. */
final class Constraints {

    private Constraints() {
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
