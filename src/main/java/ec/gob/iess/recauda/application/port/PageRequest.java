package ec.gob.iess.recauda.application.port;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.util.ArrayList;
import java.util.List;

/** Which page a caller asks for: page from 0, size 1 to {@value #MAX_SIZE} (default {@value #DEFAULT_SIZE}). */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;

    public PageRequest {
        List<InvalidValueException.Violation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new InvalidValueException.Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            violations.add(new InvalidValueException.Violation("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!violations.isEmpty()) {
            throw InvalidValueException.of(violations);
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
