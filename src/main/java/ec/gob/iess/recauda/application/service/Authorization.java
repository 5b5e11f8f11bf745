package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;

/**
 * The checks every service repeats before it acts. The REST adapter already refuses wrong roles; the services check
 * again so that no other adapter (a job, a future channel) can skip them.
 */
final class Authorization {

    private Authorization() {
    }

    static void requireStaff(Caller caller) {
        requireRole(caller, Role.STAFF);
    }

    static void requireRole(Caller caller, Role... allowed) {
        for (Role role : allowed) {
            if (caller.role() == role) {
                return;
            }
        }
        throw new ForbiddenException("a " + caller.role() + " client may not do this");
    }

    /**
     * Refuses a caller that may not act for the debtor with the same answer as for a debtor that does not exist,
     * so that nobody learns which other debtors have data.
     */
    static void requireMayActFor(Caller caller, DebtorId debtor) {
        if (!caller.mayActFor(debtor)) {
            throw debtorNotFound(debtor);
        }
    }

    static NotFoundException debtorNotFound(DebtorId debtor) {
        return new NotFoundException("debtor-not-found", "no debtor " + debtor.value() + " is visible to this client");
    }
}
