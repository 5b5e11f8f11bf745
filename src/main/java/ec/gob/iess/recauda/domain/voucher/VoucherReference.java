package ec.gob.iess.recauda.domain.voucher;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * The reference of a payment voucher: {@value #LENGTH} digits, the last two of them ISO 7064 MOD 97-10 check digits
 * (the scheme of IBANs). It catches every single mistyped digit and every swap of two adjacent digits, which a Luhn
 * digit does not (Luhn misses 09 ↔ 90). The first digit is never 0, so a bank system that stores the reference as a
 * number keeps all of it.
 *
 * <p>The body is random, not a sequence: a reference reveals nothing about how many vouchers exist, and the next
 * one cannot be guessed.
 */
public record VoucherReference(String value) {

    public static final int LENGTH = 16;
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    public VoucherReference {
        if (value == null || value.isEmpty()) {
            throw invalid("is required");
        }
        check(value);
    }

    /** Validates a reference a caller sent; the message names the rule it breaks. */
    public static VoucherReference parse(String text) {
        return new VoucherReference(text);
    }

    /** A fresh random reference. */
    public static VoucherReference random(RandomGenerator random) {
        StringBuilder body = new StringBuilder(LENGTH - 2);
        body.append(1 + random.nextInt(9));
        for (int i = 1; i < LENGTH - 2; i++) {
            body.append(random.nextInt(10));
        }
        return new VoucherReference(body + checkDigits(body.toString()));
    }

    /** The two MOD 97-10 check digits of {@code body}: 98 − (body × 100 mod 97), zero-padded. */
    public static String checkDigits(String body) {
        int check = 98 - new BigInteger(body).multiply(BigInteger.valueOf(100)).mod(NINETY_SEVEN).intValue();
        return check < 10 ? "0" + check : Integer.toString(check);
    }

    private static void check(String value) {
        if (value.length() != LENGTH) {
            throw invalid("must have " + LENGTH + " digits");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid("must contain only digits");
            }
        }
        if (value.charAt(0) == '0') {
            throw invalid("must not start with 0");
        }
        if (new BigInteger(value).mod(NINETY_SEVEN).intValue() != 1) {
            throw invalid("fails its check digits (ISO 7064 MOD 97-10): a digit is mistyped or two are swapped");
        }
    }

    private static InvalidValueException invalid(String rule) {
        return new InvalidValueException("invalid-voucher-reference", rule);
    }

    @Override
    public String toString() {
        return value;
    }
}
