package ec.gob.iess.recauda.domain.shared;

/** The caller is known but its role may not do this. Answered as 403. */
public final class ForbiddenException extends DomainException {

    public ForbiddenException(String message) {
        super("forbidden", message);
    }
}
