package ec.gob.iess.recauda.application.port;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.util.ArrayList;
import java.util.List;

/**
 * Which page a caller asks for: page from 0, size 1 to {@value #MAX_SIZE} (default {@value #DEFAULT_SIZE}), and the
 * first row of the page ({@code page × size}) at most {@value #MAX_OFFSET}, the largest offset a query can start at.
 */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;
    /** The largest number of rows a page may skip: the first-result index of a query is an {@code int}. */
    public static final long MAX_OFFSET = Integer.MAX_VALUE;

    public PageRequest {
        List<InvalidValueException.Violation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new InvalidValueException.Violation("page", "must be 0 or more"));
        } else if (size >= 1 && size <= MAX_SIZE && (long) page * size > MAX_OFFSET) {
            violations.add(new InvalidValueException.Violation("page", "is too large: page × size must not exceed "
                    + MAX_OFFSET + " (at most page " + MAX_OFFSET / size + " for size " + size + ")"));
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
