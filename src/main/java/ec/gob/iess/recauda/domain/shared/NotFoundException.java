package ec.gob.iess.recauda.domain.shared;

/**
 * The thing asked for does not exist, or the caller may not know that it exists. Answered as 404: an employer
 * asking for another debtor's data gets exactly the answer it would get for data that does not exist.
 */
public final class NotFoundException extends DomainException {

    public NotFoundException(String kind, String message) {
        super(kind, message);
    }

    public NotFoundException(String message) {
        this("not-found", message);
    }
}
