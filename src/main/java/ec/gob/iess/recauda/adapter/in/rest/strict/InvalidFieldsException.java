package ec.gob.iess.recauda.adapter.in.rest.strict;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.List;

/**
 * Every field of a request body that could not be read as the API defines it, by its path in the API's words
 * ({@code items[3].debtorName}) and the rule it broke. Thrown once the whole body has been read, so that a client
 * hears about all its bad fields at once.
 */
public final class InvalidFieldsException extends JsonMappingException {

    /** A field and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    private final transient List<Violation> violations;

    InvalidFieldsException(JsonParser parser, List<Violation> violations) {
        super(parser, violations.size() + " invalid field(s)");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
