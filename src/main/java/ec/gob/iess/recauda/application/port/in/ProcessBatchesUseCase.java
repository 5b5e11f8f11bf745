package ec.gob.iess.recauda.application.port.in;

/** The processing of the batches' PENDING lines, a chunk at a time (run by a scheduled job on every instance). */
public interface ProcessBatchesUseCase {

    /**
     * What one call did: the lines it settled (0: none was waiting, or others hold them all) and, when the chunk
     * failed and was taken line by line, how many lines failed alone, how many of those were rejected for failing too
     * often, and the kind of the last failure (an exception's simple class name: no value of the batch).
     */
    record Progress(int settled, int failedAlone, int rejectedAfterFailures, String lastFailure) {
    }

    /**
     * Settles up to one chunk of PENDING lines in one transaction, claimed so that no other instance settles the
     * same lines. A chunk that fails is taken again line by line, each in its own transaction: the lines that settle
     * alone do, and a line that fails alone {@code MAX_FAILURES} times is REJECTED ({@code processing-failed}) so
     * that it never blocks the lines after it.
     */
    Progress processChunk();

    /** Forgets the signatures too old to be presented again; returns how many. */
    int forgetOldSignatures();
}
