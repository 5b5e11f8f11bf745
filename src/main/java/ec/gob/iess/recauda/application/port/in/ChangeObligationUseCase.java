package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;

/**
 * Staff move an obligation's stage forward or cancel it, stating the version they saw (optimistic concurrency:
 * a change to a version that is no longer current is refused).
 */
public interface ChangeObligationUseCase {

    /** Exactly one of: a new stage, or a cancellation with its reason. */
    record Change(ObligationStage stage, String cancellationReason) {
        public static Change advanceTo(ObligationStage stage) {
            return new Change(stage, null);
        }

        public static Change cancel(String reason) {
            return new Change(null, reason);
        }
    }

    Obligation change(Caller caller, ObligationId id, long expectedVersion, Change change);
}
