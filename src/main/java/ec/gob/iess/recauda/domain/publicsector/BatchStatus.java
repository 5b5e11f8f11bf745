package ec.gob.iess.recauda.domain.publicsector;

/** A batch's state, counted from its lines: none settled, some, or all. */
public enum BatchStatus {
    RECEIVED,
    PROCESSING,
    COMPLETED;

    /** The state of a batch of {@code lineCount} lines of which {@code processed} are settled. */
    public static BatchStatus of(int lineCount, int processed) {
        if (processed < 0 || processed > lineCount) {
            throw new IllegalArgumentException(processed + " of " + lineCount + " lines processed");
        }
        return processed == 0 ? RECEIVED : processed == lineCount ? COMPLETED : PROCESSING;
    }
}
