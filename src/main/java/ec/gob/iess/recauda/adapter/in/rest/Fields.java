package ec.gob.iess.recauda.adapter.in.rest;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns request fields into value objects and collects every format error, so that a request with three bad
 * fields hears about all three at once. A single error keeps its own kind (e.g. {@code invalid-debtor-id}); several
 * are reported together as {@code validation-error}.
 */
public final class Fields {

    private final List<InvalidValueException> errors = new ArrayList<>();

    /**
     * The parsed value, or null after recording the error against {@code field} (errors that already name their
     * field keep it).
     */
    public <T> T read(String field, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (InvalidValueException e) {
            boolean named = e.violations().stream().allMatch(v -> v.field() != null);
            errors.add(named ? e : e.atField(field));
            return null;
        }
    }

    /** Like {@link #read} but passes null through without parsing it. */
    public <T> T readOptional(String field, Object raw, Supplier<T> parser) {
        return raw == null ? null : read(field, parser);
    }

    public void reject(String field, String kind, String message) {
        errors.add(new InvalidValueException(kind, message).atField(field));
    }

    /** Throws the collected errors, if any. */
    public void check() {
        if (errors.size() == 1) {
            throw errors.get(0);
        }
        if (!errors.isEmpty()) {
            throw InvalidValueException.of(errors.stream().flatMap(e -> e.violations().stream()).toList());
        }
    }
}
