package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ResolveUnappliedFundsUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.application.port.out.UnappliedFunds;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.publicsector.LumpSum;
import ec.gob.iess.recauda.domain.publicsector.UnappliedFund;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Staff's resolution of unapplied funds (issue 11): read from READER up; applied or refunded by OPERATORs, audited.
 * The fund is row-locked before the obligations (a fund is resolved once: a second resolution finds it resolved),
 * and the application pays the obligations as a lump sum on the fund's value date, through a payment of the channel
 * the money came by.
 */
@ApplicationScoped
public class UnappliedFundService implements ResolveUnappliedFundsUseCase {

    private final UnappliedFunds funds;
    private final Obligations obligations;
    private final InterestRates rates;
    private final AuditLog audit;
    private final VoucherRules voucherRules;
    private final Clock clock;

    public UnappliedFundService(UnappliedFunds funds, Obligations obligations, InterestRates rates, AuditLog audit,
                                VoucherRules voucherRules, Clock clock) {
        this.funds = funds;
        this.obligations = obligations;
        this.rates = rates;
        this.audit = audit;
        this.voucherRules = voucherRules;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Page<UnappliedFund> list(Caller caller, UnappliedFund.Status status, PageRequest page) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return funds.list(status, page);
    }

    @Override
    @Transactional
    public UnappliedFund get(Caller caller, UUID id) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return funds.find(id).orElseThrow(() -> notFound(id));
    }

    @Override
    @Transactional
    public Applied apply(Caller caller, UUID id, List<String> rawObligationIds) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        List<InvalidValueException.Violation> wrong = new ArrayList<>();
        List<ObligationId> obligationIds = LumpSum.selection("obligationIds", rawObligationIds, ObligationId::parse,
                wrong);
        if (!wrong.isEmpty()) {
            throw InvalidValueException.of(wrong);
        }
        UnappliedFund fund = funds.lock(id).orElseThrow(() -> notFound(id));
        List<Obligation> locked = obligations.lock(obligationIds);
        Instant now = clock.instant();
        UUID paymentId = UUID.randomUUID();
        UnappliedFund.Application application = fund.apply(locked, obligationIds, LocalDate.now(clock),
                voucherRules.graceDays(), rates.table(), paymentId, UUID.randomUUID(), caller.actor().id(), now);
        Payment payment = fund.paymentOf(application.sum(), paymentId,
                fund.valueDate().atStartOfDay(clock.getZone()).toInstant(), now);
        List<Obligation> changed = locked.stream().filter(o -> application.sum().allocations().stream()
                .anyMatch(a -> a.obligationId().equals(o.id()))).toList();
        funds.applied(application, payment, changed);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("paymentId", paymentId.toString());
        details.put("applied", application.sum().applied().toString());
        details.put("obligations", obligationIds.stream().map(ObligationId::toString).toList());
        if (application.remainder() != null) {
            details.put("remainderFundId", application.remainder().id().toString());
            details.put("remainder", application.remainder().amount().toString());
        }
        audit.record(Audit.entry(caller, now, "UNAPPLIED_FUND_APPLIED", "UNAPPLIED_FUND", id.toString(), details));
        audit.record(Audit.entry(caller, now, "PAYMENT_APPLIED", "PAYMENT", paymentId.toString(),
                Map.of("channel", payment.channel().name(), "unappliedFundId", id.toString(),
                        "amount", payment.amount().toString())));
        return new Applied(application.fund(), payment, application.remainder());
    }

    @Override
    @Transactional
    public UnappliedFund refund(Caller caller, UUID id, String reason) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        UnappliedFund fund = funds.lock(id).orElseThrow(() -> notFound(id));
        Instant now = clock.instant();
        UnappliedFund refunded = fund.refund(reason, caller.actor().id(), now);
        funds.refunded(refunded);
        audit.record(Audit.entry(caller, now, "UNAPPLIED_FUND_REFUNDED", "UNAPPLIED_FUND", id.toString(),
                Map.of("amount", fund.amount().toString(), "payerId", fund.payerId(), "reason", reason)));
        return refunded;
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("unapplied-fund-not-found", "no unapplied fund " + id);
    }
}
