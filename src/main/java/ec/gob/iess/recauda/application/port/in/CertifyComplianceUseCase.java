package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The compliance certificate (certificado de cumplimiento): whether a debtor is in arrears on a date. Debt inside
 * an active agreement in good standing does not count; an overdue installment or any overdue obligation outside
 * an agreement does.
 */
public interface CertifyComplianceUseCase {

    /** Why a debtor is in arrears: one overdue obligation (an agreement installment or not). */
    record Reason(String code, ObligationId obligationId, ObligationType type, LocalDate dueDate, long daysOverdue,
                  UUID agreementId) {
    }

    record Compliance(DebtorId debtorId, LocalDate asOf, boolean inArrears, List<Reason> reasons) {
        public Compliance {
            reasons = List.copyOf(reasons);
        }
    }

    Compliance certify(Caller caller, DebtorId debtor, LocalDate asOf);
}
