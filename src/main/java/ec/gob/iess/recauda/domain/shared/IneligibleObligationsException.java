package ec.gob.iess.recauda.domain.shared;

import java.util.List;
import java.util.Objects;

/**
 * A payment agreement refused because some of the obligations asked for may not go into it. Answered as 422 with
 * each obligation and the rule it broke, so the caller can fix the whole request at once.
 */
public final class IneligibleObligationsException extends DomainException {

    /** One refused obligation: its id as sent, a stable reason code and the reason in words. */
    public record Ineligible(String obligationId, String reason, String detail) {
        public Ineligible {
            Objects.requireNonNull(obligationId, "obligationId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final List<Ineligible> obligations;

    public IneligibleObligationsException(List<Ineligible> obligations) {
        super("obligation-not-eligible", describe(obligations));
        this.obligations = List.copyOf(obligations);
    }

    public List<Ineligible> obligations() {
        return obligations;
    }

    private static String describe(List<Ineligible> obligations) {
        if (obligations.isEmpty()) {
            throw new IllegalArgumentException("no ineligible obligations");
        }
        Ineligible first = obligations.get(0);
        String text = "obligation " + first.obligationId() + " " + first.detail();
        return obligations.size() == 1 ? text : text + " (and " + (obligations.size() - 1) + " more)";
    }
}
