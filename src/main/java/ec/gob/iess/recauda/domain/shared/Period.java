package ec.gob.iess.recauda.domain.shared;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A monthly period (e.g. the month a contribution statement covers), written strictly {@code YYYY-MM} with a
 * four-digit year 1900–2999 and a two-digit month 01–12. A contribution or reserve-fund statement of a period is
 * due on the 15th of the following month ({@link #contributionDueDate()}).
 */
public record Period(YearMonth value) implements Comparable<Period> {

    private static final String KIND = "invalid-period";
    private static final Pattern FORMAT = Pattern.compile("[0-9]{4}-[0-9]{2}");

    /**
     * @throws NullPointerException  when {@code value} is null
     * @throws InvalidValueException ({@code invalid-period}) when the year is outside 1900–2999
     */
    public Period {
        Objects.requireNonNull(value, "value");
        checkYear(value.getYear());
    }

    /**
     * Parses {@code YYYY-MM}.
     *
     * @throws InvalidValueException ({@code invalid-period}) naming the rule broken
     */
    public static Period parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidValueException(KIND, "is required");
        }
        if (!FORMAT.matcher(text).matches()) {
            throw new InvalidValueException(KIND, "must have the form YYYY-MM, e.g. 2024-03");
        }
        int year = Integer.parseInt(text.substring(0, 4));
        int month = Integer.parseInt(text.substring(5, 7));
        checkYear(year);
        if (month < 1 || month > 12) {
            throw new InvalidValueException(KIND, "month must be 01-12");
        }
        return new Period(YearMonth.of(year, month));
    }

    /** The period of a given year and month. */
    public static Period of(int year, int month) {
        if (month < 1 || month > 12) {
            throw new InvalidValueException(KIND, "month must be 01-12");
        }
        checkYear(year);
        return new Period(YearMonth.of(year, month));
    }

    /** The 15th of the following month: when a contribution or reserve-fund statement of this period is due. */
    public LocalDate contributionDueDate() {
        return value.plusMonths(1).atDay(15);
    }

    @Override
    public int compareTo(Period other) {
        return value.compareTo(other.value);
    }

    /** {@code YYYY-MM}, e.g. {@code 2024-03}. */
    @Override
    public String toString() {
        return value.toString();
    }

    private static void checkYear(int year) {
        if (year < 1900 || year > 2999) {
            throw new InvalidValueException(KIND, "year must be 1900-2999");
        }
    }
}
