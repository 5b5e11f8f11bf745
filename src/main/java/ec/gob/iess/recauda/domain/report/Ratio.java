package ec.gob.iess.recauda.domain.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Percentages of the reports: two decimals, rounded HALF_UP; none (null) when there is nothing to divide by. */
public final class Ratio {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Ratio() {
    }

    /** {@code part} as a percentage of {@code whole}, or null when {@code whole} is zero. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return null;
        }
        return part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }

    public static BigDecimal percent(long part, long whole) {
        return percent(BigDecimal.valueOf(part), BigDecimal.valueOf(whole));
    }
}
