package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An annual arrears-interest rate in force from {@code effectiveFrom} until the next rate of the table takes over.
 * The rate is a fraction, 0 ≤ rate ≤ 1, with at most six decimal places: {@code 0.1133} is 11.33 % a year. It is
 * stored without trailing zeros ({@code 0.113300} becomes {@code 0.1133}) so equal rates are equal records.
 */
public record InterestRate(LocalDate effectiveFrom, BigDecimal annualRate) {

    private static final String KIND = "invalid-interest-rate";
    /** The longest text of a rate: "0.123456" has 8 characters; two more for a client's trailing zeros. */
    public static final int MAX_TEXT_LENGTH = 10;
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /**
     * @throws NullPointerException  when {@code effectiveFrom} is null
     * @throws InvalidValueException ({@code invalid-interest-rate}) naming the rule broken
     */
    public InterestRate {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (annualRate == null) {
            throw new InvalidValueException(KIND, "annual rate is required");
        }
        if (annualRate.signum() < 0 || annualRate.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidValueException(KIND,
                    "annual rate must be between 0 and 1 (a fraction: 0.1133 is 11.33 % a year)");
        }
        BigDecimal stripped = annualRate.stripTrailingZeros();
        if (stripped.scale() > 6) {
            throw new InvalidValueException(KIND, "annual rate must have at most six decimal places");
        }
        annualRate = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /**
     * A rate written as plain decimal text, e.g. {@code "0.1133"}.
     *
     * @throws InvalidValueException ({@code invalid-interest-rate}) when the text is not a plain decimal number or
     *                               breaks a rule of the constructor
     */
    public static InterestRate parse(LocalDate effectiveFrom, String annualRateText) {
        if (annualRateText == null || annualRateText.isEmpty()) {
            throw new InvalidValueException(KIND, "annual rate is required");
        }
        if (annualRateText.length() > MAX_TEXT_LENGTH) {
            throw new InvalidValueException(KIND, "annual rate has more than " + MAX_TEXT_LENGTH + " characters");
        }
        if (!DECIMAL.matcher(annualRateText).matches()) {
            throw new InvalidValueException(KIND, "annual rate is not a plain decimal number such as 0.1133");
        }
        return new InterestRate(effectiveFrom, new BigDecimal(annualRateText));
    }
}
