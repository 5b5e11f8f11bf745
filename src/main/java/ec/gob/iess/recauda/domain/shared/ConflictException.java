package ec.gob.iess.recauda.domain.shared;

/** The request clashes with the current state: a duplicate, or something already done. Answered as 409. */
public final class ConflictException extends DomainException {

    public ConflictException(String kind, String message) {
        super(kind, message);
    }
}
