package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** The rate table in memory: one rate per effective date, a second put on a date replaces the first. */
public final class InMemoryInterestRates implements InterestRates {

    /** Who last set a date's rate, and when (the columns updated_by and updated_at). */
    public record Change(String changedBy, Instant at) {
    }

    private final Map<LocalDate, InterestRate> rates = new TreeMap<>();
    private final Map<LocalDate, Change> changes = new TreeMap<>();

    @Override
    public InterestRateTable table() {
        return new InterestRateTable(rates.values());
    }

    @Override
    public boolean put(InterestRate rate, String changedBy, Instant now) {
        boolean created = rates.put(rate.effectiveFrom(), rate) == null;
        changes.put(rate.effectiveFrom(), new Change(changedBy, now));
        return created;
    }

    // ---- for tests ----

    /** Arranges a rate without going through a service. */
    public InMemoryInterestRates with(InterestRate rate) {
        rates.put(rate.effectiveFrom(), rate);
        return this;
    }

    public Change lastChangeOf(LocalDate effectiveFrom) {
        return changes.get(effectiveFrom);
    }
}
