package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.ProcessBatchesUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.Batches;
import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.application.port.out.Transactions;
import ec.gob.iess.recauda.application.port.out.Vouchers;
import ec.gob.iess.recauda.domain.access.Actor;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.publicsector.BatchLine;
import ec.gob.iess.recauda.domain.publicsector.BatchProcessingRules;
import ec.gob.iess.recauda.domain.publicsector.LineOutcome;
import ec.gob.iess.recauda.domain.publicsector.LineSettlement;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Settles the PENDING lines of the ministry's batches, one chunk per transaction. The lines are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so two service instances settle different lines; a chunk either commits whole
 * (its lines, payments, obligations, vouchers and unapplied funds together) or not at all, so a crash at any point
 * leaves its lines PENDING for the next run; and the database refuses a second payment of one line.
 *
 * <p>Lock order, as on every payment path: the vouchers (in reference order), their agreements, then every
 * obligation of the chunk in one statement, in id order.
 */
@ApplicationScoped
public class BatchProcessingService implements ProcessBatchesUseCase {

    /** How long a signature is kept after it was created: its validity either way, and a margin. */
    static final Duration SIGNATURE_MEMORY = Duration.ofMinutes(15);

    private final Batches batches;
    private final Vouchers vouchers;
    private final Obligations obligations;
    private final InterestRates rates;
    private final AgreementLedger ledger;
    private final AuditLog audit;
    private final Transactions transactions;
    private final VoucherRules voucherRules;
    private final Clock clock;
    private final int chunkSize;
    private final Duration failureSpacing;

    public BatchProcessingService(Batches batches, Vouchers vouchers, Obligations obligations, InterestRates rates,
                                  AgreementLedger ledger, AuditLog audit, Transactions transactions,
                                  VoucherRules voucherRules, BatchProcessingRules rules, Clock clock) {
        this.batches = batches;
        this.vouchers = vouchers;
        this.obligations = obligations;
        this.rates = rates;
        this.ledger = ledger;
        this.audit = audit;
        this.transactions = transactions;
        this.voucherRules = voucherRules;
        this.clock = clock;
        this.chunkSize = rules.chunkSize();
        this.failureSpacing = rules.failureSpacing();
    }

    @Override
    public Progress processChunk() {
        try {
            return new Progress(transactions.inNew(() -> settle(batches.claimPending(chunkSize,
                    clock.instant().minus(failureSpacing)))), 0, 0, null);
        } catch (RuntimeException chunkFailed) {
            return settleOneByOne(chunkFailed);
        }
    }

    /**
     * A chunk rolled back whole: a conflict with a concurrent payment clears by itself, but a line the code cannot
     * settle (a defect, data it does not expect) would fail every chunk it is in and block the lines after it. So
     * the chunk's lines are taken one by one, each in its own transaction; a line that fails alone has the failure
     * counted (in a transaction of its own, not sooner than the failure spacing after the last one counted: a
     * passing conflict, such as a concurrent payment of the same obligation, is over by then) and, at the
     * {@value BatchProcessingRules#MAX_FAILURES}th, is REJECTED with reason {@code processing-failed}: its money
     * becomes an unapplied fund that staff resolve. Until its next attempt is due, the chunks leave it out, so it
     * never slows the other lines down.
     */
    private Progress settleOneByOne(RuntimeException chunkFailed) {
        List<Batches.LineKey> keys = transactions.inNew(() -> batches.pendingKeys(chunkSize,
                clock.instant().minus(failureSpacing)));
        int settled = 0;
        int failed = 0;
        int rejected = 0;
        String last = chunkFailed.getClass().getSimpleName();
        for (Batches.LineKey key : keys) {
            try {
                settled += transactions.inNew(() -> settle(batches.claim(key).map(List::of).orElse(List.of())));
            } catch (RuntimeException lineFailed) {
                failed++;
                last = lineFailed.getClass().getSimpleName();
                String kind = last;
                if (transactions.inNew(() -> rejectAfterFailures(key, kind))) {
                    rejected++;
                    settled++;
                }
            }
        }
        return new Progress(settled, failed, rejected, last);
    }

    /** Counts a failure of the line alone; at the last one allowed, rejects it. True when it was rejected. */
    private boolean rejectAfterFailures(Batches.LineKey key, String failure) {
        Batches.Claimed claimed = batches.claim(key).orElse(null);
        Instant now = clock.instant();
        if (claimed == null || batches.countFailure(key, now, failureSpacing) < BatchProcessingRules.MAX_FAILURES) {
            return false;
        }
        LineOutcome outcome = LineOutcome.rejected(LineSettlement.PROCESSING_FAILED, "the line could not be settled"
                + " (" + BatchProcessingRules.MAX_FAILURES + " attempts failed: " + failure + "); its amount is held"
                + " as an unapplied fund that staff resolve", claimed.line().amount());
        batches.settle(List.of(new Batches.Settled(claimed, outcome, null, UUID.randomUUID())), List.of(),
                List.of(), now);
        audit.record(Audit.entry(Actor.of(claimed.batch().clientId().toString()), "batch:"
                        + claimed.batch().batchId(), now, "BATCH_LINE_REJECTED", "BATCH_LINE",
                claimed.batch().batchId() + "/" + claimed.line().lineNo(), Map.of("reason",
                        LineSettlement.PROCESSING_FAILED, "failure", failure)));
        return true;
    }

    @Override
    public int forgetOldSignatures() {
        return transactions.inNew(() -> batches.forgetSignaturesCreatedBefore(clock.instant()
                .minus(SIGNATURE_MEMORY)));
    }

    private int settle(List<Batches.Claimed> claimed) {
        if (claimed.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        InterestRateTable table = rates.table();

        TreeMap<String, Voucher> paidVouchers = new TreeMap<>();
        for (Batches.Claimed c : claimed) {
            if (c.line().reference() != null) {
                paidVouchers.put(c.line().reference().value(), null);
            }
        }
        Map<String, Voucher> voucherOf = new HashMap<>();
        Map<String, List<Agreement>> agreementsOf = new HashMap<>();
        List<ObligationId> voucherObligations = new ArrayList<>();
        for (String reference : paidVouchers.keySet()) {
            vouchers.lock(new VoucherReference(reference)).ifPresent(v -> {
                voucherOf.put(reference, v);
                agreementsOf.put(reference, ledger.lockFor(v));
                v.lines().stream().map(VoucherLine::obligationId).forEach(voucherObligations::add);
            });
        }
        Set<Obligations.DebtorPeriod> periods = new LinkedHashSet<>();
        Set<DebtorId> employers = new LinkedHashSet<>();
        for (Batches.Claimed c : claimed) {
            if (c.line().period() != null) {
                periods.add(new Obligations.DebtorPeriod(c.line().employerId(), c.line().period()));
                employers.add(c.line().employerId());
            }
        }
        List<Obligation> locked = obligations.lockForBatchLines(voucherObligations, periods);
        Map<ObligationId, Obligation> byId = new LinkedHashMap<>();
        Map<String, List<Obligation>> byEmployer = new HashMap<>();
        for (Obligation o : locked) {
            byId.put(o.id(), o);
            byEmployer.computeIfAbsent(o.debtorId().value(), k -> new ArrayList<>()).add(o);
        }
        // An employer with an obligation among those locked is known; the database is asked about the others only.
        Set<String> known = new HashSet<>(byEmployer.keySet());
        known.addAll(obligations.knownDebtors(employers.stream().filter(e -> !known.contains(e.value())).toList()));

        List<Batches.Settled> settled = new ArrayList<>();
        Map<ObligationId, Obligation> changed = new LinkedHashMap<>();
        List<Voucher> vouchersPaid = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        for (Batches.Claimed c : claimed) {
            BatchLine line = c.line();
            Batches.Header batch = c.batch();
            UUID paymentId = UUID.randomUUID();
            Voucher voucher = line.reference() == null ? null : voucherOf.get(line.reference().value());
            LineOutcome outcome = line.reference() != null
                    ? LineSettlement.settleVoucher(line, voucher, linesOf(voucher, byId), batch.valueDate(),
                    paymentId.toString(), now)
                    : LineSettlement.settlePeriod(line, byEmployer.getOrDefault(line.employerId().value(), List.of()),
                    known.contains(line.employerId().value()), batch.valueDate(), table, voucherRules.graceDays(),
                    paymentId.toString(), now);
            Payment payment = null;
            if (outcome.applied().isPositive()) {
                payment = Payment.appliedByBatchLine(paymentId, new Payment.BatchLineRef(batch.batchId(),
                                line.lineNo()), null, line.reference() == null ? null : line.reference().value(),
                        outcome.applied(), batch.valueDate().atStartOfDay(clock.getZone()).toInstant(),
                        batch.valueDate(), outcome.allocations(), now);
                for (Allocation a : outcome.allocations()) {
                    changed.put(a.obligationId(), byId.get(a.obligationId()));
                }
                if (voucher != null) {
                    vouchersPaid.add(voucher);
                }
                entries.add(Audit.entry(Actor.of(batch.clientId().toString()), "batch:" + batch.batchId(), now,
                        "PAYMENT_APPLIED", "PAYMENT", paymentId.toString(), details(batch, line, outcome)));
            }
            settled.add(new Batches.Settled(c, outcome, payment,
                    outcome.unapplied().isPositive() ? UUID.randomUUID() : null));
        }
        batches.settle(settled, new ArrayList<>(changed.values()), vouchersPaid, now);
        audit.recordAll(entries);
        // After the obligations are stored, as on the bank's path: the agreements whose installments were paid.
        for (Voucher v : vouchersPaid) {
            List<Agreement> agreements = agreementsOf.getOrDefault(v.reference().value(), List.of());
            if (!agreements.isEmpty()) {
                Batches.Claimed c = claimed.stream().filter(x -> x.line().reference() != null
                        && x.line().reference().equals(v.reference())).findFirst().orElseThrow();
                ledger.paid(agreements, linesOf(v, byId).values(), c.batch().valueDate(),
                        Actor.of(c.batch().clientId().toString()), "batch:" + c.batch().batchId(), now);
            }
        }
        return claimed.size();
    }

    /** The voucher's obligations among those locked (absent ones are missing: the voucher no longer holds them). */
    private static Map<ObligationId, Obligation> linesOf(Voucher voucher, Map<ObligationId, Obligation> byId) {
        Map<ObligationId, Obligation> own = new LinkedHashMap<>();
        if (voucher != null) {
            for (VoucherLine l : voucher.lines()) {
                Obligation o = byId.get(l.obligationId());
                if (o != null) {
                    own.put(o.id(), o);
                }
            }
        }
        return own;
    }

    private static Map<String, Object> details(Batches.Header batch, BatchLine line, LineOutcome outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", "MINISTRY_BATCH");
        details.put("batchId", batch.batchId());
        details.put("lineNo", line.lineNo());
        details.put("amount", outcome.applied().toString());
        details.put("valueDate", batch.valueDate().toString());
        if (line.reference() != null) {
            details.put("voucher", line.reference().value());
        }
        return details;
    }
}
