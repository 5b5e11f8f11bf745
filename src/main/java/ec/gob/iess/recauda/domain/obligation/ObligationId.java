package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identity of an obligation: a UUID, written only in the canonical 36-character form 8-4-4-4-12 of hexadecimal
 * digits (either case; {@link #toString()} gives lower case).
 */
public record ObligationId(UUID value) {

    private static final String KIND = "invalid-obligation-id";
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** @throws NullPointerException when {@code value} is null */
    public ObligationId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses the canonical text form.
     *
     * @throws InvalidValueException ({@code invalid-obligation-id}) when missing or not a canonical UUID
     */
    public static ObligationId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidValueException(KIND, "is required");
        }
        if (!CANONICAL.matcher(text).matches()) {
            throw new InvalidValueException(KIND, "must be a UUID such as 0b6f3c2e-7d1a-4f8e-9c5b-2a4d6e8f0a1c");
        }
        return new ObligationId(UUID.fromString(text));
    }

    /** A new random (version 4) id. */
    public static ObligationId random() {
        return new ObligationId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
