package ec.gob.iess.recauda.domain.concept;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A miscellaneous concept (concepto vario): something anyone may owe the institution besides contributions, such as
 * rent. With a fixed amount the payer cannot choose the amount; without one, the payer must state it.
 */
public record Concept(String code, String name, Money fixedAmount) {

    /** 2–20 uppercase letters, digits, dashes or underscores. */
    public static final Pattern CODE = Pattern.compile("[A-Z0-9_-]{2,20}");
    public static final int MAX_CODE_LENGTH = 20;
    public static final int MAX_NAME_LENGTH = 200;

    public Concept {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidValueException("invalid-concept-code",
                    "must be 2 to 20 uppercase letters, digits, dashes or underscores").atField("code");
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidValueException("validation-error", "must have 1 to 200 characters").atField("name");
        }
        if (fixedAmount != null && !fixedAmount.isPositive()) {
            throw new InvalidValueException("invalid-amount", "must be greater than zero").atField("fixedAmount");
        }
        name = name.strip();
    }

    /**
     * The amount a payer owes for this concept: the fixed amount (the payer must not send one), or the amount the
     * payer states (required when there is no fixed amount).
     */
    public Money amountFor(Money stated) {
        if (fixedAmount != null) {
            if (stated != null) {
                throw new InvalidValueException("amount-not-allowed", "concept " + code + " has a fixed amount of "
                        + fixedAmount + "; do not send an amount").atField("amount");
            }
            return fixedAmount;
        }
        return Objects.requireNonNullElseGet(stated, () -> {
            throw new InvalidValueException("amount-required", "concept " + code
                    + " has no fixed amount; send the amount to pay").atField("amount");
        });
    }
}
