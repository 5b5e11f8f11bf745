package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.SubmittedReconciliation;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.time.LocalDate;
import java.util.List;

/** A debtor's receipts (staff, or the debtor's employer software) and the reconciliations banks submitted (staff). */
public interface QueryPaymentsUseCase {

    List<Payment> ofDebtor(Caller caller, DebtorId debtor);

    List<SubmittedReconciliation> reconciliations(Caller caller, LocalDate businessDate);
}
