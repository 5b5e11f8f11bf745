package ec.gob.iess.recauda.adapter.in.rest.signature;

/**
 * A signed request whose signature is refused, with the reason as a stable kind: {@code signature-missing},
 * {@code signature-malformed}, {@code digest-mismatch}, {@code signature-stale}, {@code signature-key-unknown},
 * {@code signature-invalid} (and {@code signature-replayed}, decided by the caller that keeps seen signatures).
 */
public final class SignatureRefusedException extends RuntimeException {

    private final String kind;

    public SignatureRefusedException(String kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
