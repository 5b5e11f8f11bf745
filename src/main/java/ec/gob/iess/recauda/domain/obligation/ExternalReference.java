package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import java.util.regex.Pattern;

/**
 * Where an obligation came from in another system (e.g. the legacy host's glosa number), so a repeated import is
 * recognised. {@code sourceSystem} is 1–32 characters of {@code [A-Z0-9_-]}; {@code reference} is 1–64 printable
 * ASCII characters (space to tilde) without a space at either end. A reference is unique per source system (the
 * database enforces it).
 */
public record ExternalReference(String sourceSystem, String reference) {

    private static final String KIND = "invalid-external-reference";
    public static final int MAX_SOURCE_SYSTEM_LENGTH = 32;
    public static final int MAX_REFERENCE_LENGTH = 64;
    private static final Pattern SOURCE_SYSTEM = Pattern.compile("[A-Z0-9_-]{1," + MAX_SOURCE_SYSTEM_LENGTH + "}");
    private static final Pattern REFERENCE = Pattern.compile("[\\x20-\\x7E]{1," + MAX_REFERENCE_LENGTH + "}");

    /** @throws InvalidValueException ({@code invalid-external-reference}) naming the rule broken */
    public ExternalReference {
        if (sourceSystem == null || sourceSystem.isEmpty()) {
            throw new InvalidValueException(KIND, "source system is required");
        }
        if (!SOURCE_SYSTEM.matcher(sourceSystem).matches()) {
            throw new InvalidValueException(KIND,
                    "source system must be 1 to 32 characters of A-Z, 0-9, underscore and hyphen");
        }
        if (reference == null || reference.isEmpty()) {
            throw new InvalidValueException(KIND, "reference is required");
        }
        if (!REFERENCE.matcher(reference).matches()) {
            throw new InvalidValueException(KIND, "reference must be 1 to 64 printable ASCII characters");
        }
        if (reference.startsWith(" ") || reference.endsWith(" ")) {
            throw new InvalidValueException(KIND, "reference must not start or end with a space");
        }
    }
}
