package ec.gob.iess.recauda.domain.publicsector;

/** How the ministry's batches are settled: how many lines one transaction settles ({@code chunkSize}). */
public record BatchProcessingRules(int chunkSize) {

    public static final int MAX_CHUNK_SIZE = 5_000;

    public BatchProcessingRules {
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("recauda.public-sector.chunk-size must be 1 to " + MAX_CHUNK_SIZE
                    + ": " + chunkSize);
        }
    }
}
