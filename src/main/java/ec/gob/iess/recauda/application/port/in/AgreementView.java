package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;

import java.util.List;

/**
 * An agreement as its callers see it: the agreement, the obligations that carry its installments once it is active
 * (the live one of each number, or the cancelled one a default left; those of an activation undone are detached and
 * not shown), and, once it defaulted, what was reinstated on each covered obligation.
 */
public record AgreementView(Agreement agreement, List<Installment> installments, List<Agreement.Remainder> reinstated) {

    /** The obligation of one installment (number 0: the down payment) and its status. */
    public record Installment(int number, ObligationId obligationId, ObligationStatus status) {
    }

    public AgreementView {
        installments = List.copyOf(installments);
        reinstated = List.copyOf(reinstated);
    }
}
