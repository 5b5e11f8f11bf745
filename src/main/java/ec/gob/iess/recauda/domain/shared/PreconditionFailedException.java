package ec.gob.iess.recauda.domain.shared;

/**
 * The caller's precondition does not hold: it changed a version it had not seen ({@code stale-version}, 412) or
 * sent no precondition where one is required ({@code precondition-required}, 428).
 */
public final class PreconditionFailedException extends DomainException {

    public static final String STALE_VERSION = "stale-version";
    public static final String PRECONDITION_REQUIRED = "precondition-required";

    public PreconditionFailedException(String kind, String message) {
        super(kind, message);
    }
}
