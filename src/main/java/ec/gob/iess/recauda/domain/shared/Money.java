package ec.gob.iess.recauda.domain.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of US dollars, always held at scale 2 (cents) in decimal, never in binary floating point.
 *
 * <p>Rules: an amount never carries more than two decimals (a third non-zero decimal is rejected, never rounded
 * away silently) and its magnitude fits the database column {@code numeric(15,2)}, i.e. at most
 * {@code 9999999999999.99}. Zero and negative values are allowed for balances and differences; amounts that
 * arrive in requests go through the stricter {@link #parseAmount(String)}. Computations that produce more than two
 * decimals round {@link RoundingMode#HALF_UP HALF_UP} to cents ({@link #rounded(BigDecimal)},
 * {@link #times(BigDecimal)}).
 *
 * <p>Out of range is reported by where the amount came from: a value given to the constructor or parsed from text
 * that exceeds {@code numeric(15,2)} is an {@link InvalidValueException} ({@code invalid-amount}, 400: the input is
 * wrong); the result of a computation ({@link #plus}, {@link #minus}, {@link #times}, {@link #rounded}) that exceeds
 * it is a {@link BusinessRuleException} ({@value #OUT_OF_RANGE}, 422): every input was valid, but the sum (a
 * statement's totals, a voucher's amount, interest to a far date) cannot be held.
 *
 * <p>Because the scale is normalized to 2, the record's {@code equals}/{@code hashCode} compare by value:
 * {@code Money.of("10")} equals {@code Money.of("10.00")}.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    /** The largest amount a request may carry (an obligation's principal, a payment). */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    /** The largest magnitude a stored amount may have: {@code numeric(15,2)}. */
    private static final BigDecimal MAX_STORABLE = new BigDecimal("9999999999999.99");

    /** Zero dollars. */
    public static final Money ZERO = new Money(BigDecimal.ZERO);

    /** Kind of the refusal of a computed amount beyond {@code numeric(15,2)}. */
    public static final String OUT_OF_RANGE = "amount-out-of-range";

    private static final String KIND = "invalid-amount";
    private static final Pattern STRICT = Pattern.compile("-?[0-9]+(\\.[0-9]{1,2})?");
    private static final Pattern TWO_DECIMALS = Pattern.compile("[0-9]+\\.[0-9]{2}");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /**
     * @throws NullPointerException  if {@code amount} is null
     * @throws InvalidValueException ({@code invalid-amount}) with more than two significant decimals, or beyond
     *                               {@code numeric(15,2)}
     */
    public Money {
        Objects.requireNonNull(amount, "amount");
        // Stripping allocates: only an amount with more than two decimals written can have too many.
        if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidValueException(KIND, "has more than two decimals");
        }
        if (amount.abs().compareTo(MAX_STORABLE) > 0) {
            throw new InvalidValueException(KIND, "exceeds the largest storable amount 9999999999999.99");
        }
        if (amount.scale() != 2) {
            amount = amount.setScale(2, RoundingMode.UNNECESSARY);
        }
    }

    /** Same as the constructor. */
    public static Money of(BigDecimal amount) {
        return new Money(amount);
    }

    /**
     * Strict parse of {@code -?digits[.d[d]]}: no exponent, no plus sign, no spaces, no grouping, at most two
     * decimals (even "1.000" is refused: the text has three decimals).
     *
     * @throws InvalidValueException ({@code invalid-amount}) "is required", "is not a number" or "has more than
     *                               two decimals"
     */
    public static Money of(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidValueException(KIND, "is required");
        }
        if (!STRICT.matcher(text).matches()) {
            if (PLAIN_DECIMAL.matcher(text).matches()) {
                throw new InvalidValueException(KIND, "has more than two decimals");
            }
            throw new InvalidValueException(KIND, "is not a number");
        }
        return new Money(new BigDecimal(text));
    }

    /**
     * The rule for an amount carried by a request: required; a plain decimal number
     * (digits, optionally a dot and decimals; no exponent, no plus sign, no spaces); not negative; at most two
     * decimals; written with exactly two decimals ({@code 1250.00}, not {@code 1250} or {@code 1250.5}); greater
     * than zero; at most {@link #MAX_AMOUNT}. Rules are checked in that order and the first broken one is reported.
     *
     * @throws InvalidValueException ({@code invalid-amount}) whose message names the rule broken
     */
    public static Money parseAmount(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(KIND, "is required");
        }
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new InvalidValueException(KIND,
                    "is not a number: write a plain decimal such as 1250.50 (no exponent, sign, spaces or grouping)");
        }
        if (text.startsWith("-")) {
            throw new InvalidValueException(KIND, "must be positive");
        }
        if (!STRICT.matcher(text).matches()) {
            throw new InvalidValueException(KIND, "has more than two decimals");
        }
        if (!TWO_DECIMALS.matcher(text).matches()) {
            throw new InvalidValueException(KIND, "must be written with exactly two decimals, e.g. 1250.00");
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() == 0) {
            throw new InvalidValueException(KIND, "must be greater than zero");
        }
        if (value.compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidValueException(KIND, "must not exceed " + MAX_AMOUNT.toPlainString());
        }
        return new Money(value);
    }

    /** An exact computed amount rounded HALF_UP to cents. */
    public static Money rounded(BigDecimal exact) {
        Objects.requireNonNull(exact, "exact");
        return computed(exact.setScale(2, RoundingMode.HALF_UP));
    }

    public Money plus(Money other) {
        return computed(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return computed(amount.subtract(other.amount));
    }

    /** This amount multiplied by {@code factor}, rounded HALF_UP to cents. */
    public Money times(BigDecimal factor) {
        Objects.requireNonNull(factor, "factor");
        return rounded(amount.multiply(factor));
    }

    /** The result of a computation, at scale 2: refused as {@value #OUT_OF_RANGE} beyond {@code numeric(15,2)}. */
    private static Money computed(BigDecimal result) {
        if (result.abs().compareTo(MAX_STORABLE) > 0) {
            throw new BusinessRuleException(OUT_OF_RANGE, "the computed amount " + result.toPlainString()
                    + " exceeds the largest amount the service can hold, " + MAX_STORABLE.toPlainString()
                    + " (every input was valid; split the operation into smaller ones)");
        }
        return new Money(result);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** The plain amount with two decimals, e.g. {@code 1250.00}. */
    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
