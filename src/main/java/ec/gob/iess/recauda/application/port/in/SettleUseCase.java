package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.publicsector.Settlement;

import java.util.UUID;

/** Lump-sum settlements (issue 11 §3). */
public interface SettleUseCase {

    /** A settlement, and whether it was recorded now (false: a repeat, answered with the first result). */
    record Outcome(Settlement settlement, boolean created) {
    }

    Outcome settle(Caller caller, Settlement.Raw request);

    Settlement get(Caller caller, UUID id);
}
