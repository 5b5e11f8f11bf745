package ec.gob.iess.recauda.domain.obligation;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The history of arrears-interest rates maintained by staff: each rate is in force from its effective date until
 * the next one. Immutable; at most one rate per effective date. A day before the first effective date has no rate
 * in force.
 */
public final class InterestRateTable {

    private static final InterestRateTable EMPTY = new InterestRateTable(List.of());

    private final NavigableMap<LocalDate, InterestRate> byDate;
    private final List<InterestRate> rates;

    /**
     * @throws NullPointerException     when the collection or one of its rates is null
     * @throws IllegalArgumentException when two rates share an effective date
     */
    public InterestRateTable(Collection<InterestRate> rates) {
        Objects.requireNonNull(rates, "rates");
        NavigableMap<LocalDate, InterestRate> map = new TreeMap<>();
        for (InterestRate rate : rates) {
            Objects.requireNonNull(rate, "rate");
            if (map.putIfAbsent(rate.effectiveFrom(), rate) != null) {
                throw new IllegalArgumentException("two rates take effect on " + rate.effectiveFrom());
            }
        }
        this.byDate = map;
        this.rates = List.copyOf(map.values());
    }

    /** A table with no rates: no day has a rate in force. */
    public static InterestRateTable empty() {
        return EMPTY;
    }

    /** The rate in force on {@code day}: the one with the latest effective date on or before it. */
    public Optional<InterestRate> rateOn(LocalDate day) {
        Objects.requireNonNull(day, "day");
        return Optional.ofNullable(byDate.floorEntry(day)).map(Map.Entry::getValue);
    }

    /** The first effective date after {@code day}, when the rate in force changes next. */
    Optional<LocalDate> nextChangeAfter(LocalDate day) {
        return Optional.ofNullable(byDate.higherKey(day));
    }

    /** All rates, ascending by effective date. */
    public List<InterestRate> rates() {
        return rates;
    }

    public boolean isEmpty() {
        return rates.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterestRateTable other && rates.equals(other.rates);
    }

    @Override
    public int hashCode() {
        return rates.hashCode();
    }

    @Override
    public String toString() {
        return "InterestRateTable" + rates;
    }
}
