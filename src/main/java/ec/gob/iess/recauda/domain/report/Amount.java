package ec.gob.iess.recauda.domain.report;

import ec.gob.iess.recauda.domain.shared.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A figure of a report: US dollars at scale 2, like {@link Money}, but a sum of many of them: it has no storage
 * bound (a total over years of the whole portfolio is not an amount any row holds) and may be negative (a
 * difference between two years). Written as a plain decimal with two places ({@code 1250.00}).
 */
public record Amount(BigDecimal value) implements Comparable<Amount> {

    public static final Amount ZERO = new Amount(BigDecimal.ZERO);

    public Amount {
        Objects.requireNonNull(value, "value");
        value = value.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static Amount of(BigDecimal value) {
        return new Amount(value);
    }

    public static Amount of(String text) {
        return new Amount(new BigDecimal(text));
    }

    public static Amount of(Money money) {
        return new Amount(money.amount());
    }

    public Amount plus(Amount other) {
        return new Amount(value.add(other.value));
    }

    public Amount minus(Amount other) {
        return new Amount(value.subtract(other.value));
    }

    @Override
    public int compareTo(Amount other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
