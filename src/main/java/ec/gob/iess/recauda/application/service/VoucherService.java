package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ManageVouchersUseCase;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.application.port.out.VoucherDocuments;
import ec.gob.iess.recauda.application.port.out.Vouchers;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vouchers for a debtor's obligations. Staff and the debtor's employer software issue and cancel them; any partner
 * bank may read one (it must, to collect it). Anyone else asking for a voucher gets the answer for one that does not
 * exist.
 */
@ApplicationScoped
public class VoucherService implements ManageVouchersUseCase {

    private final Vouchers vouchers;
    private final Obligations obligations;
    private final VoucherIssuer issuer;
    private final ChannelAccess channel;
    private final VoucherDocuments documents;
    private final AuditLog audit;
    private final VoucherRules voucherRules;
    private final Clock clock;

    public VoucherService(Vouchers vouchers, Obligations obligations, VoucherIssuer issuer, ChannelAccess channel,
                          VoucherDocuments documents, AuditLog audit, VoucherRules voucherRules, Clock clock) {
        this.voucherRules = voucherRules;
        this.vouchers = vouchers;
        this.obligations = obligations;
        this.issuer = issuer;
        this.channel = channel;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public VoucherView issue(Caller caller, DebtorId debtor, List<ObligationId> obligationIds) {
        Authorization.requireRole(caller, StaffRole.OPERATOR, Role.STAFF, Role.EMPLOYER);
        Authorization.requireMayActFor(caller, debtor);
        if (obligationIds.isEmpty()) {
            throw new InvalidValueException("invalid-voucher", "a voucher needs at least one obligation")
                    .atField("obligationIds");
        }
        Set<ObligationId> unique = new HashSet<>(obligationIds);
        if (unique.size() != obligationIds.size()) {
            throw new InvalidValueException("invalid-voucher", "an obligation is listed twice")
                    .atField("obligationIds");
        }
        List<Obligation> locked = obligations.lock(unique);
        Set<ObligationId> found = new HashSet<>();
        locked.forEach(o -> found.add(o.id()));
        for (ObligationId id : obligationIds) {
            if (!found.contains(id)) {
                // Absent or another debtor's: the same answer, so nobody learns which obligations exist.
                throw new BusinessRuleException("obligation-not-of-debtor",
                        "obligation " + id + " is not an obligation of debtor " + debtor);
            }
        }
        return issuer.issue(caller.actor(), caller.correlationId(), debtor, locked, LocalDate.now(clock),
                clock.instant());
    }

    @Override
    @Transactional
    public VoucherView get(Caller caller, VoucherReference reference) {
        Voucher voucher = visible(caller, vouchers.find(reference), reference);
        return view(voucher);
    }

    @Override
    @Transactional
    public VoucherView cancel(Caller caller, VoucherReference reference) {
        Authorization.requireRole(caller, StaffRole.OPERATOR, Role.STAFF, Role.EMPLOYER);
        Voucher voucher = visible(caller, vouchers.lock(reference), reference);
        Instant now = clock.instant();
        if (voucher.storedStatus() == VoucherStatus.CANCELLED) {
            return view(voucher);
        }
        // Lock order: the voucher, then its obligations.
        List<Obligation> held = obligations.lock(voucher.lines().stream().map(VoucherLine::obligationId).toList());
        voucher.cancel(held, LocalDate.now(clock), voucherRules.graceDays(), now);
        vouchers.update(voucher);
        held.forEach(o -> o.release(reference.value(), now));
        obligations.updateAll(held);
        audit.record(Audit.entry(caller, now, "VOUCHER_CANCELLED", "VOUCHER", reference.value(),
                Map.of("debtorId", voucher.debtorId().value())));
        return view(voucher);
    }

    @Override
    @Transactional
    public byte[] document(Caller caller, VoucherReference reference) {
        VoucherView view = get(caller, reference);
        Voucher v = view.voucher();
        return documents.render(new VoucherDocuments.Document(v.reference().value(), v.debtorId().value(),
                v.debtorName(), v.amount().toString(), v.issuedOn(), v.expiresOn(), view.status().name(),
                v.lines().stream().map(l -> new VoucherDocuments.Line(l.obligationId().toString(), l.type().name(),
                        l.description(), l.dueDate(), l.principal().toString(), l.interest().toString(),
                        l.total().toString())).toList()));
    }

    /** STAFF and any BANK of an active entity see every voucher; an EMPLOYER its own debtor's; nobody else any. */
    private Voucher visible(Caller caller, java.util.Optional<Voucher> found, VoucherReference reference) {
        if (caller.role() == Role.BANK) {
            channel.activeEntityOf(caller);
        }
        return found
                .filter(v -> caller.role() == Role.BANK || caller.mayActFor(v.debtorId()))
                .orElseThrow(() -> new NotFoundException("voucher-not-found", "no voucher " + reference));
    }

    private VoucherView view(Voucher voucher) {
        return new VoucherView(voucher, voucher.statusOn(LocalDate.now(clock)));
    }
}
