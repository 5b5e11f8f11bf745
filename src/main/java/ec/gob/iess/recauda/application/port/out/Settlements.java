package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.publicsector.Settlement;
import ec.gob.iess.recauda.domain.publicsector.UnappliedFund;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The lump-sum settlements staff recorded (issue 11 §3). */
public interface Settlements {

    /** The settlement of a transfer reference (its letters' case apart), as it was answered first. */
    Optional<Settlement> findByTransfer(String transferReference);

    Optional<Settlement> find(UUID id);

    /**
     * Stores a settlement with its payment (null when it applied nothing), the fund of what it did not apply (or
     * null) and the obligations as they now are (each refused unless it still has the version read). False,
     * storing nothing, when its transfer reference is taken (a concurrent request with it committed first).
     */
    boolean add(Settlement settlement, Payment payment, UnappliedFund fund, List<Obligation> obligations);
}
