package ec.gob.iess.recauda.domain.publicsector;

/**
 * Where a batch line stands: PENDING until a chunk settles it; APPLIED (everything due was paid, any surplus held
 * as unapplied funds), PARTIAL (all of its amount applied, and debt of its period still pending) or REJECTED (none
 * of it applied: all of it is unapplied funds, with the reason).
 */
public enum LineStatus {
    PENDING,
    APPLIED,
    PARTIAL,
    REJECTED;

    public boolean isSettled() {
        return this != PENDING;
    }
}
