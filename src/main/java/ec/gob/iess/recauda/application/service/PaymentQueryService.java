package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.QueryPaymentsUseCase;
import ec.gob.iess.recauda.application.port.out.Payments;
import ec.gob.iess.recauda.application.port.out.Reconciliations;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.SubmittedReconciliation;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.List;

/** A debtor's receipts, and the reconciliations partner entities submitted. */
@ApplicationScoped
public class PaymentQueryService implements QueryPaymentsUseCase {

    private final Payments payments;
    private final Reconciliations reconciliations;

    public PaymentQueryService(Payments payments, Reconciliations reconciliations) {
        this.payments = payments;
        this.reconciliations = reconciliations;
    }

    @Override
    @Transactional
    public Page<Payment> ofDebtor(Caller caller, DebtorId debtor, PageRequest page) {
        Authorization.requireMayActFor(caller, debtor);
        return payments.ofDebtor(debtor, page);
    }

    @Override
    @Transactional
    public List<SubmittedReconciliation> reconciliations(Caller caller, LocalDate businessDate) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return reconciliations.ofBusinessDate(businessDate);
    }
}
