package ec.gob.iess.recauda.domain.report;

import java.time.LocalDate;

/**
 * How long unpaid debt is overdue: whole days from its due date to the as-of date (arrears run from the day after
 * the due date, so an obligation due yesterday is 1 day overdue). Debt not yet overdue is in no bucket.
 */
public enum AgingBucket {
    DAYS_1_30("1-30", 1, 30),
    DAYS_31_90("31-90", 31, 90),
    DAYS_91_180("91-180", 91, 180),
    DAYS_181_365("181-365", 181, 365),
    DAYS_366_1825("366-1825", 366, 1_825),
    OVER_1825("over-1825", 1_826, Long.MAX_VALUE);

    private final String label;
    private final long fromDays;
    private final long toDays;

    AgingBucket(String label, long fromDays, long toDays) {
        this.label = label;
        this.fromDays = fromDays;
        this.toDays = toDays;
    }

    /** As the reports name it: {@code 1-30}, ..., {@code over-1825}. */
    public String label() {
        return label;
    }

    public long fromDays() {
        return fromDays;
    }

    /** The last day of the bucket; {@link Long#MAX_VALUE} for the last one. */
    public long toDays() {
        return toDays;
    }

    /**
     * Where the buckets begin by due date as of {@code asOf}, oldest first: the first due date of every bucket but
     * {@link #OVER_1825}. A due date before the first of them is in interval 0, one on or after the {@code i}-th
     * (0-based) and before the next in interval {@code i + 1}, as PostgreSQL's {@code width_bucket} numbers them;
     * {@link #ofDueDateInterval} names the bucket of an interval. Together they are {@link #of} by due date, so a
     * database can group a portfolio by bucket without knowing where the buckets end.
     */
    public static LocalDate[] firstDueDates(LocalDate asOf) {
        AgingBucket[] all = values();
        LocalDate[] first = new LocalDate[all.length - 1];
        for (int i = 0; i < first.length; i++) {
            first[i] = asOf.minusDays(all[all.length - 2 - i].toDays);
        }
        return first;
    }

    /** The bucket of the interval numbered as {@link #firstDueDates} numbers them. */
    public static AgingBucket ofDueDateInterval(int interval) {
        AgingBucket[] all = values();
        if (interval < 0 || interval >= all.length) {
            throw new IllegalArgumentException("no due date interval " + interval);
        }
        return all[all.length - 1 - interval];
    }

    /** The bucket of debt {@code daysOverdue} days overdue. */
    public static AgingBucket of(long daysOverdue) {
        if (daysOverdue < 1) {
            throw new IllegalArgumentException("not overdue: " + daysOverdue + " days");
        }
        for (AgingBucket b : values()) {
            if (daysOverdue <= b.toDays) {
                return b;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
