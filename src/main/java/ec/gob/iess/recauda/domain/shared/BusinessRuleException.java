package ec.gob.iess.recauda.domain.shared;

import java.util.List;

/** A well-formed request that a business rule refuses (a stage moved back, a missing rate). Answered as 422. */
public final class BusinessRuleException extends DomainException {

    private final List<InvalidValueException.Violation> violations;

    public BusinessRuleException(String kind, String message) {
        this(kind, message, List.of());
    }

    /** A rule broken by several parts of a request at once, each named (a batch's lines, for instance). */
    public BusinessRuleException(String kind, String message, List<InvalidValueException.Violation> violations) {
        super(kind, message);
        this.violations = List.copyOf(violations);
    }

    /** The parts of the request that broke the rule, each with its field; empty when the rule is about it all. */
    public List<InvalidValueException.Violation> violations() {
        return violations;
    }
}
