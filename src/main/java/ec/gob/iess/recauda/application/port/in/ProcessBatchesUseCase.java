package ec.gob.iess.recauda.application.port.in;

/** The processing of the batches' PENDING lines, a chunk at a time (run by a scheduled job on every instance). */
public interface ProcessBatchesUseCase {

    /**
     * Settles up to one chunk of PENDING lines in one transaction, claimed so that no other instance settles the
     * same lines. Returns how many lines it settled (0: none was waiting, or others hold them all).
     */
    int processChunk();

    /** Forgets the signatures too old to be presented again; returns how many. */
    int forgetOldSignatures();
}
