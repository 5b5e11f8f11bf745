package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.SettleUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.application.port.out.Settlements;
import ec.gob.iess.recauda.application.port.out.Transactions;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.publicsector.Settlement;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Lump-sum settlements (issue 11 §3): staff record a payer's single transfer and it is applied, in one transaction,
 * to the obligations chosen ({@link Settlement}). The transfer reference is unique in the database: a repeat with
 * the same request is answered with the first result, with another request it is a conflict, and two requests
 * racing with one reference settle once (the loser rolls back and answers as a repeat).
 */
@ApplicationScoped
public class SettlementService implements SettleUseCase {

    private final Settlements settlements;
    private final Obligations obligations;
    private final InterestRates rates;
    private final AuditLog audit;
    private final Transactions transactions;
    private final VoucherRules voucherRules;
    private final Clock clock;

    public SettlementService(Settlements settlements, Obligations obligations, InterestRates rates, AuditLog audit,
                             Transactions transactions, VoucherRules voucherRules, Clock clock) {
        this.settlements = settlements;
        this.obligations = obligations;
        this.rates = rates;
        this.audit = audit;
        this.transactions = transactions;
        this.voucherRules = voucherRules;
        this.clock = clock;
    }

    @Override
    public Outcome settle(Caller caller, Settlement.Raw raw) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        Settlement.Request request = Settlement.check(raw, LocalDate.now(clock));
        Optional<Outcome> done = transactions.inNew(() -> record(caller, request));
        // Empty: a concurrent request with the same transfer reference committed first; answer as a repeat.
        return done.orElseGet(() -> transactions.inNew(() -> repeat(settlements.findByTransfer(
                request.transferReference()).orElseThrow(), request)));
    }

    @Override
    public Settlement get(Caller caller, UUID id) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return transactions.inNew(() -> settlements.find(id)).orElseThrow(() -> new NotFoundException(
                "settlement-not-found", "no settlement " + id));
    }

    private Optional<Outcome> record(Caller caller, Settlement.Request request) {
        List<Obligation> locked = request.obligationIds() != null ? obligations.lock(request.obligationIds())
                : obligations.lockPendingOf(request.debtorIds());
        // Read after the locks: a request with this reference that held them first has committed by now, and is
        // seen (read committed), so a repeat is answered as one and not refused for the debt it already paid.
        Optional<Settlement> first = settlements.findByTransfer(request.transferReference());
        if (first.isPresent()) {
            return Optional.of(repeat(first.get(), request));
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        UUID paymentId = UUID.randomUUID();
        Settlement settlement = Settlement.settle(id, request, locked, LocalDate.now(clock),
                voucherRules.graceDays(), rates.table(), paymentId, UUID.randomUUID(), caller.actor().id(), now);
        Payment payment = settlement.appliedAmount().isPositive()
                ? Payment.appliedBySettlement(paymentId, id, null, settlement.appliedAmount(),
                request.valueDate().atStartOfDay(clock.getZone()).toInstant(), request.valueDate(),
                settlement.allocations(), now)
                : null;
        List<Obligation> changed = locked.stream().filter(o -> settlement.applied().stream()
                .anyMatch(a -> a.obligationId().equals(o.id()))).toList();
        if (!settlements.add(settlement, payment, settlement.unappliedFund(), changed)) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", "SETTLEMENT");
        details.put("payerId", request.payerId().value());
        details.put("transferReference", request.transferReference());
        details.put("amount", request.amount().toString());
        details.put("applied", settlement.appliedAmount().toString());
        details.put("unapplied", settlement.unappliedAmount().toString());
        details.put("valueDate", request.valueDate().toString());
        audit.record(Audit.entry(caller, now, "SETTLEMENT_RECORDED", "SETTLEMENT", id.toString(), details));
        if (payment != null) {
            audit.record(Audit.entry(caller, now, "PAYMENT_APPLIED", "PAYMENT",
                    paymentId.toString(), Map.of("channel", "SETTLEMENT", "settlementId", id.toString(),
                            "amount", payment.amount().toString())));
        }
        return Optional.of(new Outcome(settlement, true));
    }

    private static Outcome repeat(Settlement first, Settlement.Request request) {
        if (!Arrays.equals(first.requestSha256(), request.sha256())) {
            throw new ConflictException("settlement-conflict", "transferReference " + request.transferReference()
                    + " was settled already with another request (settlement " + first.id() + ")");
        }
        return new Outcome(first, false);
    }
}
