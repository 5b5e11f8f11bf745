package ec.gob.iess.recauda.domain.report;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The business dates a report covers, both included (dates of America/Guayaquil, as every business date). At most
 * {@link #MAX_DAYS} days: ten years of any report; every day of a report from {@link #FIRST_DAY} to
 * {@link #LAST_DAY}.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    /** The longest period a report covers: ten years and their leap days. */
    public static final long MAX_DAYS = 3_653;
    /** The first and last days a report may name. */
    public static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(2999, 12, 31);

    public ReportPeriod {
        checkDay("from", from);
        checkDay("to", to);
        if (to.isBefore(from)) {
            throw new InvalidValueException("invalid-report-period", "must not be before from (" + from + ")")
                    .atField("to");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new InvalidValueException("invalid-report-period", "a report covers at most " + MAX_DAYS
                    + " days (ten years) from from").atField("to");
        }
    }

    /**
     * Refuses a day outside the days reports may name, on {@code field}.
     *
     * @throws InvalidValueException ({@code validation-error}) naming {@code field}
     */
    public static LocalDate checkDay(String field, LocalDate day) {
        Objects.requireNonNull(day, field);
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw new InvalidValueException("validation-error", "must be a day from " + FIRST_DAY + " to " + LAST_DAY)
                    .atField(field);
        }
        return day;
    }

    /** The whole calendar year. */
    public static ReportPeriod year(int year) {
        return new ReportPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
