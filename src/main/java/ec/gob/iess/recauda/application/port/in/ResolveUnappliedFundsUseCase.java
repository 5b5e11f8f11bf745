package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.publicsector.UnappliedFund;

import java.util.List;
import java.util.UUID;

/** Staff's view and resolution of unapplied funds (issue 11). */
public interface ResolveUnappliedFundsUseCase {

    /** A fund applied: the fund as it now is, the payment that applied it, and the fund of the rest (or null). */
    record Applied(UnappliedFund fund, Payment payment, UnappliedFund remainder) {
    }

    Page<UnappliedFund> list(Caller caller, UnappliedFund.Status status, PageRequest page);

    UnappliedFund get(Caller caller, UUID id);

    /** Applies a fund to the obligations named (ids as sent: checked here, each fault named). */
    Applied apply(Caller caller, UUID id, List<String> obligationIds);

    UnappliedFund refund(Caller caller, UUID id, String reason);
}
