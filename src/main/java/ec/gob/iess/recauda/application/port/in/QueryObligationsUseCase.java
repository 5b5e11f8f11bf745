package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.Statement;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.time.LocalDate;

/**
 * Reading obligations: STAFF read everything; an EMPLOYER reads only its own debtor's, and anything else is
 * answered exactly as if it did not exist.
 */
public interface QueryObligationsUseCase {

    Obligation get(Caller caller, ObligationId id);

    /** A debtor's obligations, newest due date first, optionally filtered by status and type. */
    Page<Obligation> listByDebtor(Caller caller, DebtorId debtor, ObligationStatus status, ObligationType type,
                                  PageRequest page);

    /** What the debtor owes on {@code asOf} (today in Guayaquil when null), with arrears interest. */
    Statement statement(Caller caller, DebtorId debtor, LocalDate asOf);
}
