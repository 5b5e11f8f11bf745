package ec.gob.iess.recauda.domain.publicsector;

import java.time.Duration;
import java.util.Objects;

/**
 * How the ministry's batches are settled: how many lines one transaction settles ({@code chunkSize}), and how far
 * apart a line's failures must be to count towards its rejection ({@code failureSpacing}: a failure sooner after the
 * last one counted is not counted, so a passing conflict that repeats for a few seconds does not reject a line).
 */
public record BatchProcessingRules(int chunkSize, Duration failureSpacing) {

    public static final int MAX_CHUNK_SIZE = 5_000;
    /**
     * How many times (each at least {@code failureSpacing} after the last one counted) a line may fail when settled
     * alone before it is rejected ({@code processing-failed}). A passing conflict (a concurrent payment of the same
     * obligation) is over long before three such attempts; a conflict that repeats is a defect like any other.
     */
    public static final int MAX_FAILURES = 3;

    public BatchProcessingRules {
        Objects.requireNonNull(failureSpacing, "failureSpacing");
        if (failureSpacing.isNegative()) {
            throw new IllegalArgumentException("recauda.public-sector.failure-spacing must not be negative");
        }
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("recauda.public-sector.chunk-size must be 1 to " + MAX_CHUNK_SIZE
                    + ": " + chunkSize);
        }
    }
}
