package ec.gob.iess.recauda.domain.report;


import java.util.Objects;

/** How many, and what they came to. */
public record CountAmount(long count, Amount amount) {

    public static final CountAmount NONE = new CountAmount(0, Amount.ZERO);

    public CountAmount {
        Objects.requireNonNull(amount, "amount");
    }

    public CountAmount plus(CountAmount other) {
        return new CountAmount(count + other.count, amount.plus(other.amount));
    }
}
