package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.agreement.CoveredObligation;
import ec.gob.iess.recauda.domain.agreement.Simulation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.util.List;
import java.util.UUID;

/**
 * Payment agreements of a debtor: simulated and subscribed by staff or the debtor's employer software, decided and
 * cancelled by staff, paid off by either. Another debtor's agreement is answered as one that does not exist.
 */
public interface ManageAgreementsUseCase {

    /** A simulation over a debtor's real debt, with the obligations it would cover. */
    record DebtorSimulation(DebtorId debtorId, List<CoveredObligation> obligations, Simulation simulation) {
    }

    /** @param obligationIds the obligations to cover; empty for all of the debtor's eligible debt */
    DebtorSimulation simulate(Caller caller, DebtorId debtor, List<ObligationId> obligationIds, int termMonths);

    /** @param obligationIds the obligations to cover; empty for all of the debtor's eligible debt */
    AgreementView subscribe(Caller caller, DebtorId debtor, List<ObligationId> obligationIds, int termMonths,
                            boolean acceptTerms);

    AgreementView get(Caller caller, UUID agreementId);

    List<AgreementView> ofDebtor(Caller caller, DebtorId debtor);

    /** A director's approval or rejection of an agreement pending approval (STAFF). */
    AgreementView decide(Caller caller, UUID agreementId, boolean approved, String note);

    /** Cancels an agreement before it is active (STAFF). */
    AgreementView cancel(Caller caller, UUID agreementId, String reason);

    /** A voucher for every unpaid installment of an active agreement; paid, the agreement is COMPLETED. */
    VoucherView payoffVoucher(Caller caller, UUID agreementId);
}
