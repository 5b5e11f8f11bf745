package ec.gob.iess.recauda.domain.report;

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
