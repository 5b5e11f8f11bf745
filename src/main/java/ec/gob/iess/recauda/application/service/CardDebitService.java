package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.RunCardDebitUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.CardCharges;
import ec.gob.iess.recauda.application.port.out.CardDebitRuns;
import ec.gob.iess.recauda.application.port.out.CardMandates;
import ec.gob.iess.recauda.application.port.out.CardProcessor;
import ec.gob.iess.recauda.application.port.out.Notifications;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.application.port.out.PaymentPostings;
import ec.gob.iess.recauda.application.port.out.Transactions;
import ec.gob.iess.recauda.application.port.out.Vouchers;
import ec.gob.iess.recauda.domain.access.Actor;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.card.CardCharge;
import ec.gob.iess.recauda.domain.card.CardDebitRules;
import ec.gob.iess.recauda.domain.card.CardMandate;
import ec.gob.iess.recauda.domain.card.ChargeOutcome;
import ec.gob.iess.recauda.domain.card.ProcessorAnswer;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.DomainException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Card debit runs (issue 12). A run of a date is a row; whoever works on it (the schedule's worker on every
 * instance, any number of threads) divides the mandates through the database: a mandate is taken under a row lock
 * that others skip, and its charge of the date is a unique row, so it is charged at most once that date.
 *
 * <p>Each mandate takes three steps. (1) In one transaction, the charge is written PENDING_CONFIRMATION with the
 * voucher of the debt it collects, which holds that debt. (2) The processor is called, outside any transaction, with
 * the charge's idempotency key. (3) In a second transaction the answer is recorded: an approval pays the voucher as a
 * bank payment does (channel CARD); a decline cancels the voucher and frees the debt. A crash between the steps
 * leaves a charge PENDING_CONFIRMATION: the next pass asks the processor for its status (and re-sends it with the
 * same key only when the processor never received it); nothing else is charged to that mandate before.
 */
@ApplicationScoped
public class CardDebitService implements RunCardDebitUseCase {

    static final String SCHEDULER = "scheduler:card-debit";
    private static final System.Logger LOG = System.getLogger(CardDebitService.class.getName());
    /** How many mandates or unknown charges a pass reads at a time. */
    static final int PAGE = 500;
    /**
     * After this many charges in a row without an answer (the processor down, its circuit open), a pass stops taking
     * mandates: each would only add a charge to ask about. The run stays RUNNING and the next poll goes on.
     */
    static final int MAX_UNKNOWN_IN_A_ROW = 5;
    /** How long a runner holds a charge it asks the processor about. */
    static final Duration ASK_LEASE = Duration.ofMinutes(1);
    /**
     * A charge sent longer ago than this with no answer recorded is asked about by any runner (its sender died); a
     * younger one is its sender's (the gateway's own bounds end a request well within it).
     */
    static final Duration IN_FLIGHT = Duration.ofMinutes(10);

    private final CardDebitRuns runs;
    private final CardMandates mandates;
    private final CardCharges charges;
    private final CardProcessor processor;
    private final Obligations obligations;
    private final Vouchers vouchers;
    private final PaymentPostings postings;
    private final VoucherIssuer issuer;
    private final AgreementLedger ledger;
    private final AuditLog audit;
    private final Notifications notifications;
    private final Transactions transactions;
    private final CardDebitRules rules;
    private final VoucherRules voucherRules;
    private final Clock clock;

    public CardDebitService(CardDebitRuns runs, CardMandates mandates, CardCharges charges, CardProcessor processor,
                            Obligations obligations, Vouchers vouchers, PaymentPostings postings,
                            VoucherIssuer issuer, AgreementLedger ledger, AuditLog audit,
                            Notifications notifications, Transactions transactions, CardDebitRules rules,
                            VoucherRules voucherRules, Clock clock) {
        this.runs = runs;
        this.mandates = mandates;
        this.charges = charges;
        this.processor = processor;
        this.obligations = obligations;
        this.vouchers = vouchers;
        this.postings = postings;
        this.issuer = issuer;
        this.ledger = ledger;
        this.audit = audit;
        this.notifications = notifications;
        this.transactions = transactions;
        this.rules = rules;
        this.voucherRules = voucherRules;
        this.clock = clock;
    }

    @Override
    @Transactional
    public RunView start(Caller caller, LocalDate date) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        if (!processor.available()) {
            throw notConfigured();
        }
        LocalDate today = LocalDate.now(clock);
        if (!date.equals(today)) {
            throw new BusinessRuleException("run-date-not-today", "a run charges the debt due before its date, with"
                    + " interest to that date, on that date: only today's run (" + today + ") can be started");
        }
        Instant now = clock.instant();
        CardDebitRuns.Run run = runs.startOrGet(date, UUID.randomUUID(), caller.actor().id(), now, true);
        audit.record(Audit.entry(caller, now, "CARD_DEBIT_RUN_REQUESTED", "CARD_DEBIT_RUN", run.id().toString(),
                Map.of("date", date.toString())));
        return new RunView(run, charges.countsOf(date));
    }

    @Override
    @Transactional
    public RunView get(Caller caller, UUID runId) {
        Authorization.requireStaff(caller, StaffRole.READER);
        CardDebitRuns.Run run = runs.find(runId).orElseThrow(() -> new NotFoundException("card-debit-run-not-found",
                "no card debit run " + runId));
        return new RunView(run, charges.countsOf(run.date()));
    }

    private static BusinessRuleException notConfigured() {
        return new BusinessRuleException("card-processor-not-configured", "no card processor is configured"
                + " (recauda.card-debit.processor): nothing can be charged");
    }

    @Override
    @Transactional
    public void startScheduled(LocalDate today) {
        if (!processor.available()) {
            return;
        }
        Instant now = clock.instant();
        CardDebitRuns.Run run = runs.startOrGet(today, UUID.randomUUID(), SCHEDULER, now, false);
        if (run.startedAt().equals(now) && run.startedBy().equals(SCHEDULER)) {
            audit.record(Audit.entry(Actor.of(SCHEDULER), "card-debit-" + today, now, "CARD_DEBIT_RUN_STARTED",
                    "CARD_DEBIT_RUN", run.id().toString(), Map.of("date", today.toString())));
        }
    }

    @Override
    public int work() {
        if (!processor.available()) {
            return 0;
        }
        // Unknown outcomes first, on every poll whether a run is on or not: a mandate whose charge is unresolved is
        // not charged again before, and its debt stays held until the answer is known.
        LocalDate today = LocalDate.now(clock);
        resolvePending(today, "card-debit-" + today);
        int taken = 0;
        for (CardDebitRuns.Run run : transactions.inNew(runs::running)) {
            taken += work(run);
        }
        return taken;
    }

    private int work(CardDebitRuns.Run run) {
        LocalDate date = run.date();
        String correlationId = "card-debit-" + date;
        if (date.isBefore(LocalDate.now(clock))) {
            // A run left RUNNING past its day takes no more mandates: a charge is made on its own date only, with
            // interest to it. Its mandates not taken are charged on their next debit day.
            transactions.inNew(() -> {
                runs.complete(run.id(), clock.instant());
                return null;
            });
            return 0;
        }
        int taken = 0;
        int unknownInARow = 0;
        UUID after = null;
        List<UUID> page;
        do {
            UUID from = after;
            page = transactions.inNew(() -> mandates.dueWithoutCharge(date, from, PAGE));
            for (UUID mandateId : page) {
                Taken outcome = chargeMandate(mandateId, date, correlationId);
                if (outcome != Taken.NOT_TAKEN) {
                    taken++;
                }
                unknownInARow = outcome == Taken.UNKNOWN ? unknownInARow + 1 : 0;
                if (unknownInARow == MAX_UNKNOWN_IN_A_ROW) {
                    LOG.log(System.Logger.Level.WARNING, "The card processor did not answer {0} charges in a row:"
                            + " the run of {1} pauses until the next poll", MAX_UNKNOWN_IN_A_ROW, date);
                    return taken;
                }
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        } while (page.size() == PAGE);
        // The time-outs of this pass, asked about at once.
        resolvePending(date, correlationId);
        // Completed when no due mandate is left without its charge of the date (claims of other runners that are not
        // committed yet count as left) and no charge of the date is in flight (sent, its answer not recorded yet):
        // the last runner completes the run, once every charge has an outcome or is known to be unknown.
        transactions.inNew(() -> {
            if (mandates.dueWithoutCharge(date, null, 1).isEmpty() && !charges.inFlight(date)) {
                runs.complete(run.id(), clock.instant());
            }
            return null;
        });
        return taken;
    }

    /**
     * Takes one mandate for the date, if it is still free and due; false when another runner has it, or when the
     * database failed (the mandate stays unclaimed, and the run RUNNING: the next pass takes it again).
     */
    private Taken chargeMandate(UUID mandateId, LocalDate date, String correlationId) {
        Claimed claimed;
        try {
            claimed = transactions.inNew(() -> claim(mandateId, date, correlationId));
        } catch (ClaimLost e) {
            return Taken.NOT_TAKEN;
        } catch (RuntimeException e) {
            // No value of the mandate is logged: its id only.
            LOG.log(System.Logger.Level.WARNING, "Card mandate {0} could not be taken on {1} and will be taken again"
                    + " by the next pass: {2}", mandateId, date, e.getClass().getSimpleName());
            return Taken.NOT_TAKEN;
        }
        if (claimed == null) {
            return Taken.NOT_TAKEN;
        }
        if (claimed.charge().isPending()) {
            ProcessorAnswer answer = send(claimed.charge(), claimed.token(), correlationId);
            return answer.outcome() == ChargeOutcome.UNKNOWN ? Taken.UNKNOWN : Taken.ANSWERED;
        }
        return Taken.ANSWERED;
    }

    /** What became of a mandate a pass looked at. */
    private enum Taken {
        NOT_TAKEN,
        ANSWERED,
        UNKNOWN
    }

    /** A charge just written, and the token of the card it goes to. */
    private record Claimed(CardCharge charge, String token) {
    }

    /**
     * Step 1: the mandate row-locked unless another runner holds it; its charge of the date, PENDING_CONFIRMATION
     * over a new voucher, or SKIPPED; null when it is not to be taken (another runner's, or no longer due).
     */
    private Claimed claim(UUID mandateId, LocalDate date, String correlationId) {
        CardMandate mandate = mandates.lockIfFree(mandateId).orElse(null);
        if (mandate == null || !mandate.isDueOn(date)) {
            return null;
        }
        Instant now = clock.instant();
        Actor actor = Actor.of(SCHEDULER);
        CardCharge charge;
        if (charges.hasPending(mandateId)) {
            charge = CardCharge.skipped(UUID.randomUUID(), mandate, date, CardCharge.SkipReason.AWAITING_CONFIRMATION,
                    now);
        } else if (mandate.isExpiredOn(date)) {
            charge = CardCharge.skipped(UUID.randomUUID(), mandate, date, CardCharge.SkipReason.CARD_EXPIRED, now);
            mandate.suspend("card expired", now);
            mandates.update(mandate);
            notifications.add(mandate.suspensionNotification(now));
        } else {
            List<Obligation> due = issuer.offerable(obligations.lockPayableOf(mandate.debtorId(), date).stream()
                    .filter(o -> CardCharge.mayTake(o, date, voucherRules.graceDays())).toList(), date);
            if (due.isEmpty()) {
                charge = CardCharge.skipped(UUID.randomUUID(), mandate, date, CardCharge.SkipReason.NOTHING_DUE, now);
                if (mandate.retryOn() != null) {
                    mandate.after(ChargeOutcome.APPROVED, date, rules, null, now);
                    mandates.update(mandate);
                }
            } else {
                Voucher voucher = issuer.issueForCardCharge(actor, correlationId, mandate.debtorId(), due, date,
                        date.plusDays(rules.confirmationHoldDays()), now);
                charge = CardCharge.pending(UUID.randomUUID(), mandate, date, voucher.reference().value(),
                        voucher.amount(), now);
            }
        }
        if (!charges.claim(charge)) {
            // Another runner charged it on this date after our look-up (it committed while we waited for nothing:
            // the row lock was free). Nothing of ours may stay: the voucher and holds roll back with the exception.
            throw new ClaimLost();
        }
        audit.record(Audit.entry(actor, correlationId, now, charge.isPending() ? "CARD_CHARGE_SENT"
                : "CARD_CHARGE_SKIPPED", "CARD_CHARGE", charge.id().toString(), details(charge)));
        return new Claimed(charge, mandate.processorToken());
    }

    /** Another runner took the mandate's date first: this transaction rolls back. */
    static final class ClaimLost extends RuntimeException {
        ClaimLost() {
            super("claim lost", null, false, false);
        }
    }

    /** Steps 2 and 3: the processor asked to charge, with the charge's key; its answer recorded. */
    private ProcessorAnswer send(CardCharge charge, String token, String correlationId) {
        ProcessorAnswer answer = ask(() -> processor.charge(new CardProcessor.Charge(charge.idempotencyKey(),
                token, charge.amount(), "IESS " + charge.voucherReference())));
        record(charge.id(), answer, correlationId);
        return answer;
    }

    /**
     * Charges whose outcome is unknown, of dates up to {@code through}: each is taken under a lease (no other runner
     * asks about it meanwhile; one still in its sender's hands is left to it) and the processor is asked for its
     * status. A charge it never received is sent again, with the same key, only on its own date and while its mandate
     * is ACTIVE; otherwise it is NOT_CHARGED and its debt is free. One charge that cannot be settled does not stop the
     * others: it is left for the next pass, and only its id is logged.
     */
    private void resolvePending(LocalDate through, String correlationId) {
        List<CardCharge> pending;
        do {
            Instant now = clock.instant();
            pending = transactions.inNew(() -> charges.claimToAsk(through, now, now.minus(IN_FLIGHT),
                    now.plus(ASK_LEASE), PAGE));
            for (CardCharge charge : pending) {
                try {
                    resolve(charge, correlationId);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "The outcome of card charge {0} could not be recorded and"
                            + " will be asked again: {1}", charge.id(), e.getClass().getSimpleName());
                }
            }
        } while (pending.size() == PAGE);
    }

    private void resolve(CardCharge charge, String correlationId) {
        ProcessorAnswer answer = ask(() -> processor.status(charge.idempotencyKey()));
        if (answer.outcome() != ChargeOutcome.NOT_FOUND) {
            record(charge.id(), answer, correlationId);
            return;
        }
        CardMandate mandate = transactions.inNew(() -> mandates.find(charge.mandateId())).orElseThrow();
        if (charge.maySendAgain(LocalDate.now(clock), mandate)) {
            send(charge, mandate.processorToken(), correlationId);
        } else {
            notCharged(charge.id(), correlationId);
        }
    }

    /** A charge the processor never received and that is not sent again: its voucher cancelled, its debt free. */
    private void notCharged(UUID chargeId, String correlationId) {
        transactions.inNew(() -> {
            CardCharge charge = charges.lock(chargeId).orElseThrow();
            if (!charge.isPending()) {
                return null;
            }
            Instant now = clock.instant();
            Voucher voucher = vouchers.lock(new VoucherReference(charge.voucherReference())).orElseThrow();
            ledger.lockFor(voucher);
            Map<ObligationId, Obligation> locked = lockLines(voucher);
            voucher.cancelForDeclinedCharge(now);
            locked.values().forEach(o -> o.release(voucher.reference().value(), now));
            vouchers.update(voucher);
            obligations.updateAll(new ArrayList<>(locked.values()));
            charge.notCharged(now);
            charges.update(charge);
            notifications.add(charge.notification(now));
            audit.record(Audit.entry(Actor.of(SCHEDULER), correlationId, now, "CARD_CHARGE_NOT_CHARGED",
                    "CARD_CHARGE", charge.id().toString(), details(charge)));
            return null;
        });
    }

    private static ProcessorAnswer ask(Supplier<ProcessorAnswer> call) {
        try {
            ProcessorAnswer answer = call.get();
            return answer == null ? ProcessorAnswer.unknown("no answer") : answer;
        } catch (RuntimeException e) {
            // An adapter answers UNKNOWN for every failure; one that throws anyway is no answer either.
            return ProcessorAnswer.unknown(e.getClass().getSimpleName());
        }
    }

    /** Step 3: the answer recorded on the charge, the voucher and the mandate (unless another runner did it). */
    private void record(UUID chargeId, ProcessorAnswer answer, String correlationId) {
        if (answer.outcome() == ChargeOutcome.UNKNOWN) {
            transactions.inNew(() -> {
                charges.markUnknown(chargeId, clock.instant());
                return null;
            });
            return;
        }
        if (answer.outcome() == ChargeOutcome.NOT_FOUND) {
            return;
        }
        transactions.inNew(() -> {
            CardCharge charge = charges.lock(chargeId).orElseThrow();
            if (!charge.isPending()) {
                return null;
            }
            Instant now = clock.instant();
            Actor actor = Actor.of(SCHEDULER);
            CardMandate mandate = mandates.lock(charge.mandateId()).orElseThrow();
            Voucher voucher = vouchers.lock(new VoucherReference(charge.voucherReference())).orElseThrow();
            List<Agreement> agreementsPaid = ledger.lockFor(voucher);
            Map<ObligationId, Obligation> locked = lockLines(voucher);
            UUID paymentId = null;
            if (answer.outcome() == ChargeOutcome.APPROVED) {
                paymentId = pay(charge, voucher, agreementsPaid, locked, actor, correlationId, now);
            } else {
                voucher.cancelForDeclinedCharge(now);
                locked.values().forEach(o -> o.release(voucher.reference().value(), now));
                vouchers.update(voucher);
                obligations.updateAll(new ArrayList<>(locked.values()));
            }
            charge.resolve(answer, paymentId, now);
            charges.update(charge);
            CardMandate.Status before = mandate.status();
            mandate.after(answer.outcome(), charge.chargeDate(), rules, answer.declineCode(), now);
            mandates.update(mandate);
            // Told in the same transaction as the change (the outbox): delivered later, at least once.
            notifications.add(charge.notification(now));
            Map<String, Object> details = details(charge);
            if (mandate.status() != before) {
                details.put("mandateStatus", mandate.status().name());
                notifications.add(mandate.suspensionNotification(now));
            }
            audit.record(Audit.entry(actor, correlationId, now, "CARD_CHARGE_" + charge.status().name(),
                    "CARD_CHARGE", charge.id().toString(), details));
            return null;
        });
    }

    /**
     * An approved charge pays its voucher, as a bank payment does: on the obligations row-locked, the voucher checks
     * it still holds them and places the amount; the payment (channel CARD, the processor's entity, the charge's id as
     * transaction id) is stored with them. Null when the voucher no longer holds its debt (the charge stayed unknown
     * past the confirmation hold, and the debt was paid or taken since): the charge is APPROVED with no payment, for
     * staff to refund or apply by hand.
     */
    private UUID pay(CardCharge charge, Voucher voucher, List<Agreement> agreementsPaid,
                     Map<ObligationId, Obligation> locked, Actor actor, String correlationId, Instant now) {
        UUID paymentId = UUID.randomUUID();
        List<Allocation> allocations;
        try {
            allocations = voucher.collectByCard(charge.amount(), locked, charge.chargeDate(), paymentId.toString(),
                    now);
        } catch (DomainException e) {
            // Logged by id only; the charge is APPROVED with no payment, for staff (docs/card-debit.md).
            LOG.log(System.Logger.Level.WARNING, "Approved card charge {0} could not pay its voucher ({1}): staff"
                    + " must refund the card or apply the money", charge.id(), e.kind());
            return null;
        }
        Payment payment = Payment.appliedByCard(paymentId, rules.processorEntityCode(), charge.id(),
                voucher.reference().value(), charge.amount(), now, charge.chargeDate(), allocations, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", payment.channel().name());
        details.put("cardChargeId", charge.id().toString());
        details.put("voucher", payment.voucherReference());
        details.put("amount", payment.amount().toString());
        details.put("businessDate", payment.businessDate().toString());
        postings.record(payment, new ArrayList<>(locked.values()), voucher, Audit.entry(actor, correlationId, now,
                "PAYMENT_APPLIED", "PAYMENT", paymentId.toString(), details));
        ledger.paid(agreementsPaid, locked.values(), charge.chargeDate(), actor, correlationId, now);
        return paymentId;
    }

    private Map<ObligationId, Obligation> lockLines(Voucher voucher) {
        List<ObligationId> ids = voucher.lines().stream().map(VoucherLine::obligationId).toList();
        return obligations.lock(ids).stream().collect(Collectors.toMap(Obligation::id, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }

    @Override
    @Transactional
    public Page<CardCharge> charges(Caller caller, DebtorId debtor, PageRequest page) {
        Authorization.requireRole(caller, StaffRole.READER, Role.STAFF, Role.EMPLOYER);
        Authorization.requireMayActFor(caller, debtor);
        return charges.ofDebtor(debtor, page);
    }

    private static Map<String, Object> details(CardCharge c) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mandateId", c.mandateId().toString());
        details.put("debtorId", c.debtorId().value());
        details.put("chargeDate", c.chargeDate().toString());
        details.put("idempotencyKey", c.idempotencyKey());
        if (c.amount() != null) {
            details.put("voucher", c.voucherReference());
            details.put("amount", c.amount().toString());
        }
        if (c.skipReason() != null) {
            details.put("skipReason", c.skipReason().name());
        }
        if (c.declineCode() != null) {
            details.put("declineCode", c.declineCode());
        }
        return details;
    }
}
