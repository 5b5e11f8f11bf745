package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;

/**
 * Anyone (no key) generates a voucher for a miscellaneous concept, e.g. rent: a new MISC_CONCEPT obligation of the
 * payer and a voucher for it.
 */
public interface IssueConceptVoucherUseCase {

    /** The payer's request; {@code amount} only for a concept without a fixed amount. */
    record Request(String conceptCode, DebtorId payerId, String payerName, Money amount) {
    }

    VoucherView issue(Request request, String correlationId);
}
