package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An obligation an agreement covers, as it stood on the signing day: its principal balance and the arrears
 * interest accrued on it to that day. Their sum over all covered obligations is the agreement's debt.
 */
public record CoveredObligation(ObligationId obligationId, ObligationType type, LocalDate dueDate, Money principal,
                                Money interest) {

    public CoveredObligation {
        Objects.requireNonNull(obligationId, "obligationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(interest, "interest");
    }

    public Money total() {
        return principal.plus(interest);
    }
}
