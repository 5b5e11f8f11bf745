package ec.gob.iess.recauda.domain.publicsector;

/** How the ministry's batches are settled: how many lines one transaction settles ({@code chunkSize}). */
public record BatchProcessingRules(int chunkSize) {

    public static final int MAX_CHUNK_SIZE = 5_000;
    /**
     * How many times a line may fail when settled alone before it is rejected ({@code processing-failed}): more than
     * once, so that a conflict with a concurrent payment (which clears by itself) does not reject it.
     */
    public static final int MAX_FAILURES = 3;

    public BatchProcessingRules {
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("recauda.public-sector.chunk-size must be 1 to " + MAX_CHUNK_SIZE
                    + ": " + chunkSize);
        }
    }
}
