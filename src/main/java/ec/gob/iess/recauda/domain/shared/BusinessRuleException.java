package ec.gob.iess.recauda.domain.shared;

/** A well-formed request that a business rule refuses (a stage moved back, a missing rate). Answered as 422. */
public final class BusinessRuleException extends DomainException {

    public BusinessRuleException(String kind, String message) {
        super(kind, message);
    }
}
