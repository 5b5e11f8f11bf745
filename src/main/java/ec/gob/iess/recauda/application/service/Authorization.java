package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;

import java.util.Arrays;

/**
 * The checks every service repeats before it acts. The REST adapter already refuses wrong roles; the services check
 * again so that no other adapter (a job, a future channel) can skip them. Staff must hold the staff role the
 * operation needs: READER to read, OPERATOR to change, DIRECTOR to decide an approval (a STAFF key is OPERATOR).
 */
final class Authorization {

    private Authorization() {
    }

    /** Staff whose staff role includes {@code needed}. */
    static void requireStaff(Caller caller, StaffRole needed) {
        requireRole(caller, needed, Role.STAFF);
    }

    /** One of the {@code allowed} roles; staff must moreover hold at least {@code staffNeeded}. */
    static void requireRole(Caller caller, StaffRole staffNeeded, Role... allowed) {
        if (Arrays.stream(allowed).noneMatch(r -> r == caller.role())) {
            throw new ForbiddenException("a " + caller.role() + " client may not do this");
        }
        if (caller.isStaff() && !caller.isStaff(staffNeeded)) {
            throw new ForbiddenException("this needs the staff role " + staffNeeded + " (the caller is "
                    + caller.staffRole() + ")");
        }
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
