package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;

import java.util.List;

/**
 * Vouchers for a debtor's obligations: issued by staff or by the debtor's employer software, read by them and by
 * any partner bank, cancelled by staff or the debtor while unpaid.
 */
public interface ManageVouchersUseCase {

    VoucherView issue(Caller caller, DebtorId debtor, List<ObligationId> obligationIds);

    VoucherView get(Caller caller, VoucherReference reference);

    VoucherView cancel(Caller caller, VoucherReference reference);

    /** The voucher as a printable PDF. */
    byte[] document(Caller caller, VoucherReference reference);
}
