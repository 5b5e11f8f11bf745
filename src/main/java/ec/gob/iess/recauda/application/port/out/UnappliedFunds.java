package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.publicsector.UnappliedFund;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Money the ministry's batches and the settlements left unapplied, and staff's resolution of it (issue 11). */
public interface UnappliedFunds {

    /** One page of the funds of one status or (null) all, oldest first. */
    Page<UnappliedFund> list(UnappliedFund.Status status, PageRequest page);

    Optional<UnappliedFund> find(UUID id);

    /** Reads and row-locks a fund (before the obligations it is applied to). */
    Optional<UnappliedFund> lock(UUID id);

    /**
     * Stores an application: the fund resolved, the payment with its allocations, the obligations as they now are
     * (each refused unless it still has the version read) and the remainder fund, if any.
     */
    void applied(UnappliedFund.Application application, Payment payment, List<Obligation> obligations);

    /** Stores a refunded fund. */
    void refunded(UnappliedFund fund);
}
