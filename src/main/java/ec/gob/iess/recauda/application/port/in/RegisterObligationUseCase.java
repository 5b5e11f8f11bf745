package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;

/** Staff register one obligation. */
public interface RegisterObligationUseCase {

    Obligation register(Caller caller, NewObligation data);
}
