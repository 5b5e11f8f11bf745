package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.Batches;
import ec.gob.iess.recauda.domain.access.SigningKey;
import ec.gob.iess.recauda.domain.publicsector.BatchStatus;
import ec.gob.iess.recauda.domain.publicsector.BatchSubmission;
import ec.gob.iess.recauda.domain.publicsector.LineStatus;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** The Ministry of Finance's signed batches of payments (issue 11): submitted, then read with their results. */
public interface PublicSectorBatchesUseCase {

    /**
     * A batch body whose signature the adapter verified: the body's fields, the SHA-256 of the exact bytes, the key
     * that signed it, and the signature itself (its SHA-256 and {@code created}), kept so it cannot be presented
     * twice.
     */
    record Submission(BatchSubmission.Raw body, byte[] bodySha256, String keyId, byte[] signatureSha256,
                      Instant signatureCreated) {
    }

    /** What became of a submission. */
    enum Outcome {
        /** Accepted now: 202. */
        ACCEPTED,
        /** The same batch id with the same body was accepted before: its current state, 200. */
        REPEATED,
        /** The signature was presented before: refused (401), nothing stored. */
        SIGNATURE_REPLAYED
    }

    /** A batch and what its lines add up to now. */
    record BatchView(Batches.Header header, Batches.Summary summary) {

        public BatchStatus status() {
            return BatchStatus.of(header.lineCount(), summary.processed());
        }

        /** When the last line was settled, once all are; null before. */
        public Instant completedAt() {
            return status() == BatchStatus.COMPLETED ? summary.lastProcessedAt() : null;
        }
    }

    record Submitted(Outcome outcome, BatchView batch) {
    }

    /**
     * The caller's own signing key of that id (a MINISTRY client), active or revoked, for verifying its signature
     * (the verifier refuses a revoked one).
     */
    Optional<SigningKey> signingKey(Caller caller, String keyId);

    /**
     * Accepts a batch: checked whole (400, 422 {@code batch-invalid}), then stored with every line PENDING, for the
     * processing to settle. The same batch id again: the same body is answered with the batch as it stands, another
     * body (or another payer) is a 409 {@code batch-conflict}.
     */
    Submitted submit(Caller caller, Submission submission);

    /** A batch: the ministry that sent it, or staff; for anyone else it does not exist (404). */
    BatchView batch(Caller caller, String batchId);

    Page<Batches.LineView> lines(Caller caller, String batchId, LineStatus status, PageRequest page);

    /**
     * Every line of a batch (of one status, or all), to read later: the batch's visibility is checked now (404 before
     * any answer starts), the lines are handed to the sink as they are read.
     */
    Consumer<Consumer<Batches.LineView>> allLines(Caller caller, String batchId, LineStatus status);
}
