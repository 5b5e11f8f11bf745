package ec.gob.iess.recauda.domain.report;


import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A year's collections against the year before's, in total and month by month: {@code difference} is this year's
 * total less the previous one's; {@code growthPercent} that difference as a percentage of the previous total (two
 * decimals, HALF_UP), null when the previous year collected nothing.
 */
public record YearOverYear(int year, Amount total, Amount previousYearTotal, Amount difference,
                           BigDecimal growthPercent, List<Month> months) {

    /** A month (1 to 12) of both years. */
    public record Month(int month, Amount total, Amount previousYearTotal) {
    }

    public YearOverYear {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(previousYearTotal, "previousYearTotal");
        months = List.copyOf(months);
    }

    /**
     * Builds the comparison from the months' totals of each year ({@code thisYear[0]} is January; twelve each).
     */
    public static YearOverYear of(int year, Amount[] thisYear, Amount[] previousYear) {
        if (thisYear.length != 12 || previousYear.length != 12) {
            throw new IllegalArgumentException("twelve months each");
        }
        Amount total = Amount.ZERO;
        Amount previous = Amount.ZERO;
        Month[] months = new Month[12];
        for (int m = 0; m < 12; m++) {
            total = total.plus(thisYear[m]);
            previous = previous.plus(previousYear[m]);
            months[m] = new Month(m + 1, thisYear[m], previousYear[m]);
        }
        Amount difference = total.minus(previous);
        return new YearOverYear(year, total, previous, difference,
                Ratio.percent(difference.value(), previous.value()), List.of(months));
    }
}
