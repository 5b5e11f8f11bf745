package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.publicsector.BatchLine;
import ec.gob.iess.recauda.domain.publicsector.LineOutcome;
import ec.gob.iess.recauda.domain.publicsector.LineStatus;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.voucher.Voucher;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** The ministry's batches and their lines (issue 11), and the signatures already presented with them. */
public interface Batches {

    /** A batch as it was accepted. {@code bodySha256} is the SHA-256 of the exact body received. */
    record Header(String batchId, UUID clientId, String payerId, byte[] bodySha256, String keyId,
                  String transferReference, LocalDate valueDate, Money controlTotal, int lineCount,
                  Instant receivedAt) {
    }

    /** What the lines of a batch add up to so far, read in one statement. */
    record Summary(int processed, int applied, Money appliedTotal, int partial, int rejected, Money unappliedTotal,
                   Instant lastProcessedAt) {
    }

    /** A line as stored: what it asked and, once settled, how. */
    record LineView(BatchLine line, LineStatus status, String reason, String detail, Money applied,
                    Money unapplied, UUID paymentId, Instant processedAt, List<Allocation> allocations) {
    }

    /** A PENDING line claimed for settling, with its batch's header. */
    record Claimed(Header batch, BatchLine line) {
    }

    /** A settled line: its outcome, and the payment it made (null when nothing was applied). */
    record Settled(Claimed claimed, LineOutcome outcome, Payment payment, UUID unappliedFundId) {
    }

    /** Stores a new batch with its PENDING lines; false, storing nothing, when the batch id is taken. */
    boolean add(Header batch, List<BatchLine> lines);

    Optional<Header> find(String batchId);

    Summary summary(String batchId);

    /** One page of a batch's lines in line order, of one status or (null) all. */
    Page<LineView> lines(String batchId, LineStatus status, PageRequest page);

    /** Every line of a batch in line order, of one status or (null) all, read a chunk at a time. */
    void forEachLine(String batchId, LineStatus status, Consumer<LineView> sink);

    /**
     * Row-locks up to {@code limit} PENDING lines, skipping lines other transactions hold (another service instance
     * settling them) and lines whose last counted failure came after {@code failedBefore}, in batch and line order,
     * each with its batch.
     */
    List<Claimed> claimPending(int limit, Instant failedBefore);

    /** A line of a batch, by its key. */
    record LineKey(String batchId, int lineNo) {
    }

    /**
     * The keys of up to {@code limit} PENDING lines, in batch and line order, without locking them, leaving out the
     * lines whose last counted failure came after {@code failedBefore} (not due for another attempt yet).
     */
    List<LineKey> pendingKeys(int limit, Instant failedBefore);

    /** Row-locks one line if it is still PENDING and no other transaction holds it. */
    Optional<Claimed> claim(LineKey key);

    /**
     * Counts one more failure of the line settled alone, at {@code now}, unless the last one counted was less than
     * {@code spacing} before; returns how many failures it has had counted.
     */
    int countFailure(LineKey key, Instant now, Duration spacing);

    /**
     * Stores what a chunk settled: the payments with their allocations, the lines' outcomes and their unapplied
     * funds (all settled at {@code at}), the obligations as they now are (each refused unless it still has the
     * version read: a stale-version {@code PreconditionFailedException}) and the vouchers paid. The database refuses
     * a second payment of one line ({@code ConflictException} {@code batch-line-settled}).
     */
    void settle(List<Settled> settled, List<Obligation> obligations, List<Voucher> vouchers, Instant at);

    /**
     * Remembers an accepted signature; false when it was seen already (a replay), changing nothing.
     *
     * @param signatureSha256 the SHA-256 of the signature's bytes
     */
    boolean rememberSignature(byte[] signatureSha256, UUID clientId, Instant created, Instant now);

    /** Forgets the signatures created before {@code before} (they can no longer be presented: too old). */
    int forgetSignaturesCreatedBefore(Instant before);
}
