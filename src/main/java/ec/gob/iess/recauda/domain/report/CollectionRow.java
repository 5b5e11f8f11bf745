package ec.gob.iess.recauda.domain.report;


import java.util.Objects;

/** One group of the collections report: its key, how many payments (or obligations paid) and the amount. */
public record CollectionRow(String key, long count, Amount amount) {

    public CollectionRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(amount, "amount");
    }
}
