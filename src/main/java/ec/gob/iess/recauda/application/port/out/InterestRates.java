package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;

import java.time.Instant;

/** The arrears-interest rate table kept by staff. */
public interface InterestRates {

    InterestRateTable table();

    /** Inserts or replaces the rate of its effective date; true when it was new. */
    boolean put(InterestRate rate, String changedBy, Instant now);
}
