package ec.gob.iess.recauda.domain.shared;

import java.util.List;

/**
 * A value that breaks its own format rules (an id failing its check digit, an amount with three decimals, a
 * period that is not YYYY-MM). Answered as 400. The message names the rule that failed.
 *
 * <p>A value object does not know which request field it came from; the caller that does attaches it with
 * {@link #atField(String)}. Several violations of one request travel together in {@link #violations()}.
 */
public final class InvalidValueException extends DomainException {

    /** One broken rule of one field; {@code field} may be null when unknown. */
    public record Violation(String field, String message) {
    }

    private final List<Violation> violations;

    public InvalidValueException(String kind, String message) {
        this(kind, message, List.of(new Violation(null, message)));
    }

    private InvalidValueException(String kind, String message, List<Violation> violations) {
        super(kind, message);
        this.violations = List.copyOf(violations);
    }

    /** Several violations found in one request, reported together. */
    public static InvalidValueException of(List<Violation> violations) {
        return of("validation-error", violations);
    }

    /** Several violations of one kind found in one request, reported together. */
    public static InvalidValueException of(String kind, List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("no violations");
        }
        String message = String.join("; ", violations.stream().map(InvalidValueException::describe).toList());
        return new InvalidValueException(kind, message, violations);
    }

    /** The same rejection, naming the field it applies to. */
    public InvalidValueException atField(String field) {
        List<Violation> named = violations.stream()
                .map(v -> new Violation(v.field() == null ? field : field + "." + v.field(), v.message()))
                .toList();
        return new InvalidValueException(kind(), field + ": " + getMessage(), named);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(Violation v) {
        return v.field() == null ? v.message() : v.field() + ": " + v.message();
    }
}
