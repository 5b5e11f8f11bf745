package ec.gob.iess.recauda.application.port.in;

import java.time.LocalDate;

/**
 * Cancels the obligations the public created for a miscellaneous concept whose voucher expired (or was cancelled)
 * unpaid: a voucher nobody paid must not leave a debt behind that nobody agreed to.
 */
public interface ExpireConceptVouchersUseCase {

    /** Cancels every such obligation whose voucher lapsed before {@code today}; returns how many. */
    int expire(LocalDate today);
}
