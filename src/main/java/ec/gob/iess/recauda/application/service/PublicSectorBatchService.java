package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.PublicSectorBatchesUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.Batches;
import ec.gob.iess.recauda.application.port.out.SigningKeys;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.SigningKey;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.publicsector.BatchSubmission;
import ec.gob.iess.recauda.domain.publicsector.LineStatus;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The ministry's batches: accepted whole or not at all, then settled line by line by {@link BatchProcessingService}.
 * A ministry sees its own batches (those of the payer its client acts for); staff see every batch.
 */
@ApplicationScoped
public class PublicSectorBatchService implements PublicSectorBatchesUseCase {

    private final Batches batches;
    private final SigningKeys keys;
    private final AuditLog audit;
    private final Clock clock;

    public PublicSectorBatchService(Batches batches, SigningKeys keys, AuditLog audit, Clock clock) {
        this.batches = batches;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Optional<SigningKey> signingKey(Caller caller, String keyId) {
        Authorization.requireRole(caller, StaffRole.OPERATOR, Role.MINISTRY);
        return keys.find(UUID.fromString(caller.clientId()), keyId);
    }

    /**
     * In one transaction: the body is checked, the signature remembered (a replay changes nothing), and the batch
     * stored with its lines. A concurrent submission of the same batch id waits on the first one's row and is then
     * answered as a repeat (or a conflict).
     */
    @Override
    @Transactional
    public Submitted submit(Caller caller, Submission submission) {
        Authorization.requireRole(caller, StaffRole.OPERATOR, Role.MINISTRY);
        Instant now = clock.instant();
        BatchSubmission batch = BatchSubmission.check(submission.body(), LocalDate.now(clock));
        if (!batches.rememberSignature(submission.signatureSha256(), UUID.fromString(caller.clientId()),
                submission.signatureCreated(), now)) {
            return new Submitted(Outcome.SIGNATURE_REPLAYED, null);
        }
        Batches.Header header = new Batches.Header(batch.batchId(), UUID.fromString(caller.clientId()),
                caller.scope(), submission.bodySha256(), submission.keyId(), batch.transferReference(),
                batch.valueDate(), batch.controlTotal(), batch.lineCount(), now);
        if (!batches.add(header, batch.lines())) {
            Batches.Header first = batches.find(batch.batchId()).orElseThrow();
            if (!first.payerId().equals(header.payerId())
                    || !MessageDigest.isEqual(first.bodySha256(), header.bodySha256())) {
                throw new ConflictException("batch-conflict", "batch " + batch.batchId() + " was already received"
                        + " with a different body; a corrected batch needs a new batchId");
            }
            return new Submitted(Outcome.REPEATED, view(first));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("transferReference", batch.transferReference());
        details.put("valueDate", batch.valueDate().toString());
        details.put("controlTotal", batch.controlTotal().toString());
        details.put("lineCount", batch.lineCount());
        details.put("keyId", submission.keyId());
        audit.record(Audit.entry(caller, now, "BATCH_RECEIVED", "MINISTRY_BATCH", batch.batchId(), details));
        return new Submitted(Outcome.ACCEPTED, view(header));
    }

    @Override
    @Transactional
    public BatchView batch(Caller caller, String batchId) {
        return view(visible(caller, batchId));
    }

    @Override
    @Transactional
    public Page<Batches.LineView> lines(Caller caller, String batchId, LineStatus status, PageRequest page) {
        return batches.lines(visible(caller, batchId).batchId(), status, page);
    }

    /** No transaction of its own: each chunk of lines is a short read, so a slow reader holds no connection. */
    @Override
    public Consumer<Consumer<Batches.LineView>> allLines(Caller caller, String batchId, LineStatus status) {
        String visible = visible(caller, batchId).batchId();
        return sink -> batches.forEachLine(visible, status, sink);
    }

    private Batches.Header visible(Caller caller, String batchId) {
        Authorization.requireRole(caller, StaffRole.READER, Role.MINISTRY, Role.STAFF);
        return batches.find(batchId)
                .filter(b -> caller.isStaff() || b.payerId().equals(caller.scope()))
                .orElseThrow(() -> new NotFoundException("batch-not-found", "no batch " + batchId
                        + " is visible to this client"));
    }

    private BatchView view(Batches.Header header) {
        return new BatchView(header, batches.summary(header.batchId()));
    }
}
