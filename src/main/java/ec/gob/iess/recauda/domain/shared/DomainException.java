package ec.gob.iess.recauda.domain.shared;

/**
 * Root of every rejection the domain and the application can raise.
 *
 * <p>Each exception carries a stable {@code kind}: a lowercase slug such as {@code invalid-debtor-id} or
 * {@code invalid-stage-transition}. The REST adapter turns it into the RFC 9457 {@code type} URI, so clients can
 * branch on it. The subclass decides the family of the answer (400, 404, 409, 412, 422 ...); the kind refines it.
 * The hierarchy is sealed: the one problem mapper in the REST adapter handles every case, and the compiler tells
 * when a new family is added.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidValueException, NotFoundException, ConflictException, BusinessRuleException,
        PreconditionFailedException, ForbiddenException, IneligibleObligationsException {

    private final String kind;

    protected DomainException(String kind, String message) {
        super(message, null, false, false);
        if (kind == null || !kind.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("kind must be a lowercase slug: " + kind);
        }
        this.kind = kind;
    }

    /** Stable slug naming this kind of rejection, e.g. {@code invalid-amount}. */
    public String kind() {
        return kind;
    }
}
