package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ChangeObligationUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** Moves an obligation's stage forward or cancels it, refusing changes to a version the caller has not seen. */
@ApplicationScoped
public class ChangeObligationService implements ChangeObligationUseCase {

    private final Obligations obligations;
    private final AuditLog audit;
    private final VoucherRules voucherRules;
    private final Clock clock;

    public ChangeObligationService(Obligations obligations, AuditLog audit, VoucherRules voucherRules, Clock clock) {
        this.obligations = obligations;
        this.audit = audit;
        this.voucherRules = voucherRules;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Obligation change(Caller caller, ObligationId id, long expectedVersion, Change change) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        if ((change.stage() == null) == (change.cancellationReason() == null)) {
            throw new InvalidValueException("invalid-obligation-change",
                    "send either a new stage or status CANCELLED with a reason, not both and not neither");
        }
        Obligation obligation = obligations.find(id)
                .orElseThrow(() -> new NotFoundException("obligation-not-found", "no obligation " + id));
        if (obligation.version() != expectedVersion) {
            throw new PreconditionFailedException(PreconditionFailedException.STALE_VERSION, "the obligation is at"
                    + " version " + obligation.version() + ", not " + expectedVersion + ": read it again");
        }
        Instant now = clock.instant();
        String action;
        Map<String, Object> details;
        if (change.stage() != null) {
            details = Map.of("from", obligation.stage().name(), "to", change.stage().name());
            obligation.advanceStage(change.stage(), now);
            action = "OBLIGATION_STAGE_ADVANCED";
        } else {
            obligation.cancel(change.cancellationReason(), LocalDate.now(clock), voucherRules.graceDays(), now);
            details = Map.of("reason", change.cancellationReason());
            action = "OBLIGATION_CANCELLED";
        }
        Obligation saved = obligations.update(obligation);
        audit.record(Audit.entry(caller, now, action, "OBLIGATION", id.toString(), details));
        return saved;
    }
}
