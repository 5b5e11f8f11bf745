package ec.gob.iess.recauda.domain.obligation;

/**
 * Collection stage of an unpaid obligation, in the only order it may move: regular collection, then a glosa
 * (assessment), then a credit title (título de crédito), then enforced collection (coactiva). Stages can be
 * skipped forward but never go back.
 */
public enum ObligationStage {
    REGULAR,
    GLOSA,
    CREDIT_TITLE,
    ENFORCEMENT;

    /** True when this stage comes strictly later than {@code other} in declaration order. */
    public boolean isAfter(ObligationStage other) {
        return compareTo(other) > 0;
    }
}
