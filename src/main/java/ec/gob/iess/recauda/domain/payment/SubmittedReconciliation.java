package ec.gob.iess.recauda.domain.payment;

import java.time.Instant;
import java.util.UUID;

/** A reconciliation as a partner entity submitted it, with the answer it got. */
public record SubmittedReconciliation(UUID id, Reconciliation result, Instant submittedAt, String submittedBy) {
}
