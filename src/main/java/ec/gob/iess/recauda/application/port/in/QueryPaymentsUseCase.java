package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.SubmittedReconciliation;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.time.LocalDate;
import java.util.List;

/** A debtor's receipts (staff, or the debtor's employer software) and the reconciliations banks submitted (staff). */
public interface QueryPaymentsUseCase {

    /** One page of the payments of the debtor's vouchers, in the order they were posted. */
    Page<Payment> ofDebtor(Caller caller, DebtorId debtor, PageRequest page);

    List<SubmittedReconciliation> reconciliations(Caller caller, LocalDate businessDate);
}
