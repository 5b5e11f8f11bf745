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
import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
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
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Card debit runs (issue 12). A run of a date is a row; whoever works on it (the schedule's worker on every
 * instance, any number of threads) divides the mandates through the database: a mandate is taken under a row lock
 * that others skip, and its charge of the date is a unique row, so it is charged at most once that date.
 *
 * <p>A runner takes the mandates a chunk at a time ({@code recauda.card-debit.chunk-size}), in three steps. (1) In
 * one transaction, each mandate's charge is written PENDING_CONFIRMATION with the voucher of the debt it collects,
 * which holds that debt. (2) The processor is called for each, outside any transaction, with the charge's idempotency
 * key. (3) In a second transaction the answers are recorded: an approval pays the voucher as a bank payment does
 * (channel CARD); a decline cancels the voucher and frees the debt. A crash between the steps leaves charges
 * PENDING_CONFIRMATION: once their sender's lease is over, a pass asks the processor for their status (and sends one
 * again with the same key only when the processor never received it, on its date); nothing else is charged to that
 * mandate before.
 */
@ApplicationScoped
public class CardDebitService implements RunCardDebitUseCase {

    static final String SCHEDULER = "scheduler:card-debit";
    private static final System.Logger LOG = System.getLogger(CardDebitService.class.getName());
    /** How many unknown charges a pass takes to ask about at a time. */
    static final int PAGE = 500;
    /**
     * After this many charges in a row without an answer (the processor down, its circuit open), a pass stops
     * sending: the rest of its chunk is recorded as unknown unsent (asked about later) and it takes no more mandates.
     * The run stays RUNNING and the next poll goes on.
     */
    static final int MAX_UNKNOWN_IN_A_ROW = 5;
    /** How many chunks in a row a pass may lose to racing runners before it leaves the rest to the next pass. */
    static final int MAX_LOST_CHUNKS = 5;
    /** How long a runner holds a charge it asks the processor about. */
    static final Duration ASK_LEASE = Duration.ofMinutes(1);
    /**
     * A charge claimed longer ago than this, with no answer recorded and its chunk's send lease over, is asked about by
     * any runner (its sender died).
     */
    static final Duration IN_FLIGHT = Duration.ofMinutes(10);
    /** The longest one charge's call to the processor may take (the gateway's time-out and one retry). */
    static final Duration SEND_TIME = Duration.ofSeconds(30);

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
        int lost = 0;
        int size = rules.chunkSize();
        int singlesLeft = 0;
        UUID after = null;
        while (true) {
            Chunk chunk;
            UUID from = after;
            int limit = size;
            try {
                chunk = transactions.inNew(() -> claimChunk(date, from, limit, correlationId));
            } catch (ClaimLost | ConflictException e) {
                // A racing runner charged one of the chunk's mandates first, or a new voucher's random reference was
                // taken: nothing of the chunk stayed; it is taken again (without the mandate another runner has).
                if (++lost == MAX_LOST_CHUNKS) {
                    break;
                }
                continue;
            } catch (RuntimeException e) {
                if (size > 1) {
                    // Nothing of the chunk stayed. Its mandates are taken one by one, so that the one that fails
                    // does not keep the others from their charge.
                    size = 1;
                    singlesLeft = rules.chunkSize();
                    continue;
                }
                // This mandate alone fails: it is left for the next pass (only its id is logged), the rest go on.
                List<UUID> failing = transactions.inNew(() -> mandates.dueWithoutCharge(date, from, 1));
                if (failing.isEmpty()) {
                    break;
                }
                LOG.log(System.Logger.Level.WARNING, "Card mandate {0} could not be taken on {1} and is left for the"
                        + " next pass: {2}", failing.get(0), date, e.getClass().getSimpleName());
                after = failing.get(0);
                size = rules.chunkSize();
                continue;
            }
            if (Objects.equals(chunk.last(), from)) {
                break; // no mandate left to take after the last chunk
            }
            lost = 0;
            taken += chunk.claimed().size();
            after = chunk.last();
            if (size == 1 && --singlesLeft <= 0) {
                size = rules.chunkSize();
            }
            if (!send(chunk.claimed(), correlationId)) {
                LOG.log(System.Logger.Level.WARNING, "The card processor did not answer {0} charges in a row: the run"
                        + " of {1} pauses until the next poll", MAX_UNKNOWN_IN_A_ROW, date);
                return taken;
            }
        }
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

    /** A charge just written, and the token of the card it goes to. */
    private record Claimed(CardCharge charge, String token) {
    }

    /** A chunk's charges, and the last of its mandates in the database's id order (where the next chunk starts). */
    private record Chunk(List<Claimed> claimed, UUID last) {
    }

    /** A charge (by id) and what the processor answered. */
    private record Answered(UUID chargeId, ProcessorAnswer answer) {
    }

    /**
     * Step 1, for a chunk: up to {@code recauda.card-debit.chunk-size} due mandates after {@code after} row-locked, in
     * id order (those
     * another runner holds are skipped),
     * each one's charge of the date written, PENDING_CONFIRMATION over a new voucher that holds its debt, or SKIPPED,
     * all in a few statements. Empty when no mandate is left to take after {@code after}.
     *
     * @throws ClaimLost when a mandate of the chunk already has a charge of the date (another runner's, committed
     *                   after this one's look-up): the whole chunk rolls back
     */
    private Chunk claimChunk(LocalDate date, UUID after, int limit, String correlationId) {
        List<CardMandate> locked = mandates.lockDueChunk(date, after, limit);
        if (locked.isEmpty()) {
            return new Chunk(List.of(), after);
        }
        Instant now = clock.instant();
        Actor actor = Actor.of(SCHEDULER);
        Set<UUID> awaiting = charges.withPending(locked.stream().map(CardMandate::id).toList());
        List<CardCharge> written = new ArrayList<>();
        List<CardMandate> changed = new ArrayList<>();
        List<Notification> told = new ArrayList<>();
        List<CardMandate> toCharge = new ArrayList<>();
        for (CardMandate mandate : locked) {
            if (!mandate.isDueOn(date)) {
                continue;
            }
            if (awaiting.contains(mandate.id())) {
                written.add(CardCharge.skipped(UUID.randomUUID(), mandate, date,
                        CardCharge.SkipReason.AWAITING_CONFIRMATION, now));
            } else if (mandate.isExpiredOn(date)) {
                written.add(CardCharge.skipped(UUID.randomUUID(), mandate, date, CardCharge.SkipReason.CARD_EXPIRED,
                        now));
                mandate.suspend("card expired", now);
                changed.add(mandate);
                told.add(mandate.suspensionNotification(now));
            } else {
                toCharge.add(mandate);
            }
        }
        Map<DebtorId, List<Obligation>> payable = obligations.lockPayableOfAll(toCharge.stream()
                .map(CardMandate::debtorId).toList(), date).stream()
                .collect(Collectors.groupingBy(Obligation::debtorId, LinkedHashMap::new, Collectors.toList()));
        List<CardMandate> charged = new ArrayList<>();
        List<VoucherIssuer.CardDebt> debts = new ArrayList<>();
        for (CardMandate mandate : toCharge) {
            List<Obligation> due = issuer.offerable(payable.getOrDefault(mandate.debtorId(), List.of()).stream()
                    .filter(o -> CardCharge.mayTake(o, date, voucherRules.graceDays())).toList(), date);
            if (due.isEmpty()) {
                written.add(CardCharge.skipped(UUID.randomUUID(), mandate, date, CardCharge.SkipReason.NOTHING_DUE,
                        now));
                if (mandate.retryOn() != null) {
                    mandate.after(ChargeOutcome.APPROVED, date, rules, null, now);
                    changed.add(mandate);
                }
            } else {
                charged.add(mandate);
                debts.add(new VoucherIssuer.CardDebt(mandate.debtorId(), due));
            }
        }
        List<Voucher> issued = issuer.issueForCardCharges(actor, correlationId, debts, date,
                date.plusDays(rules.confirmationHoldDays()), now);
        List<Claimed> claimed = new ArrayList<>();
        for (int i = 0; i < charged.size(); i++) {
            CardCharge charge = CardCharge.pending(UUID.randomUUID(), charged.get(i), date,
                    issued.get(i).reference().value(), issued.get(i).amount(), now);
            written.add(charge);
            claimed.add(new Claimed(charge, charged.get(i).processorToken()));
        }
        // The chunk's charges are its sender's until it has had time to send them all (each call bounded by the
        // gateway's time-outs): no other runner asks about one before, even past IN_FLIGHT.
        Instant sendLease = now.plus(SEND_TIME.multipliedBy(rules.chunkSize())).plus(IN_FLIGHT);
        if (charges.claimAll(written, sendLease) != written.size()) {
            // Another runner charged one of them on this date after our look-up (it committed while our statement
            // ran). Nothing of ours may stay: the vouchers and holds roll back with the exception.
            throw new ClaimLost();
        }
        mandates.updateAll(changed);
        notifications.addAll(told);
        List<AuditLog.Entry> entries = new ArrayList<>();
        for (CardCharge charge : written) {
            entries.add(Audit.entry(actor, correlationId, now, charge.isPending() ? "CARD_CHARGE_SENT"
                    : "CARD_CHARGE_SKIPPED", "CARD_CHARGE", charge.id().toString(), details(charge)));
        }
        audit.recordAll(entries);
        // The skipped ones count as taken too.
        for (CardCharge charge : written) {
            if (!charge.isPending()) {
                claimed.add(new Claimed(charge, null));
            }
        }
        return new Chunk(claimed, locked.get(locked.size() - 1).id());
    }

    /**
     * Steps 2 and 3, for a chunk: each pending charge sent to the processor with its key, and the answers recorded
     * together. After {@value #MAX_UNKNOWN_IN_A_ROW} charges in a row without an answer the rest are not sent: they
     * are recorded as unknown (the next pass asks about them, and sends each again on its date if the processor never
     * received it). False when it stopped so.
     */
    private boolean send(List<Claimed> chunk, String correlationId) {
        List<Answered> answered = new ArrayList<>();
        List<UUID> unsent = new ArrayList<>();
        int unknownInARow = 0;
        for (Claimed c : chunk) {
            if (!c.charge().isPending()) {
                continue;
            }
            if (unknownInARow >= MAX_UNKNOWN_IN_A_ROW) {
                unsent.add(c.charge().id());
                continue;
            }
            ProcessorAnswer answer = ask(() -> processor.charge(new CardProcessor.Charge(c.charge().idempotencyKey(),
                    c.token(), c.charge().amount(), "IESS " + c.charge().voucherReference())));
            answered.add(new Answered(c.charge().id(), answer));
            unknownInARow = answer.outcome() == ChargeOutcome.UNKNOWN ? unknownInARow + 1 : 0;
        }
        recordAll(answered, unsent, correlationId);
        return unsent.isEmpty() && unknownInARow < MAX_UNKNOWN_IN_A_ROW;
    }

    /**
     * Step 3 for a chunk, in one transaction; if it fails, each answer is recorded alone, so that one charge that
     * cannot be recorded does not leave the others unrecorded.
     */
    private void recordAll(List<Answered> answered, List<UUID> unsent, String correlationId) {
        List<UUID> unknown = new ArrayList<>(unsent);
        List<Answered> known = new ArrayList<>();
        for (Answered a : answered) {
            if (a.answer().outcome() == ChargeOutcome.UNKNOWN) {
                unknown.add(a.chargeId());
            } else {
                known.add(a);
            }
        }
        try {
            transactions.inNew(() -> {
                charges.markAllUnknown(unknown, clock.instant());
                settle(known, correlationId);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A chunk of card charges could not be recorded together ({0}): each"
                    + " is recorded alone", e.getClass().getSimpleName());
            for (UUID id : unsent) {
                try {
                    record(id, ProcessorAnswer.unknown("not sent"), correlationId);
                } catch (RuntimeException single) {
                    LOG.log(System.Logger.Level.WARNING, "Card charge {0} could not be marked unknown and will be"
                            + " asked about when its lease ends: {1}", id, single.getClass().getSimpleName());
                }
            }
            for (Answered a : answered) {
                try {
                    record(a.chargeId(), a.answer(), correlationId);
                } catch (RuntimeException single) {
                    LOG.log(System.Logger.Level.WARNING, "The outcome of card charge {0} could not be recorded and"
                            + " will be asked again: {1}", a.chargeId(), single.getClass().getSimpleName());
                }
            }
        }
    }

    /**
     * The final answers of a chunk, recorded as {@link #record} records one, with the rows locked in the one order
     * (charges, mandates, vouchers, their agreements, obligations) and written a statement per table.
     */
    private void settle(List<Answered> known, String correlationId) {
        if (known.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Actor actor = Actor.of(SCHEDULER);
        Map<UUID, ProcessorAnswer> answers = new LinkedHashMap<>();
        known.forEach(a -> answers.put(a.chargeId(), a.answer()));
        List<CardCharge> locked = charges.lockAll(answers.keySet()).stream().filter(CardCharge::isPending).toList();
        if (locked.isEmpty()) {
            return;
        }
        Map<UUID, CardMandate> mandatesById = mandates.lockAll(locked.stream().map(CardCharge::mandateId).toList())
                .stream().collect(Collectors.toMap(CardMandate::id, Function.identity()));
        Map<String, Voucher> vouchersByRef = vouchers.lockAll(locked.stream()
                .map(c -> new VoucherReference(c.voucherReference())).toList()).stream()
                .collect(Collectors.toMap(v -> v.reference().value(), Function.identity()));
        Map<String, List<Agreement>> agreementsByVoucher = ledger.lockForAll(vouchersByRef.values());
        Map<ObligationId, Obligation> obligationsById = obligations.lock(vouchersByRef.values().stream()
                .flatMap(v -> v.lines().stream().map(VoucherLine::obligationId)).toList()).stream()
                .collect(Collectors.toMap(Obligation::id, Function.identity()));
        List<Payment> payments = new ArrayList<>();
        List<Voucher> changedVouchers = new ArrayList<>();
        List<Obligation> changedObligations = new ArrayList<>();
        List<Notification> told = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        List<Runnable> afterwards = new ArrayList<>();
        List<CardMandate> changedMandates = new ArrayList<>();
        for (CardCharge charge : locked) {
            ProcessorAnswer answer = answers.get(charge.id());
            CardMandate mandate = mandatesById.get(charge.mandateId());
            Voucher voucher = vouchersByRef.get(charge.voucherReference());
            Map<ObligationId, Obligation> lines = new LinkedHashMap<>();
            voucher.lines().forEach(l -> lines.put(l.obligationId(), obligationsById.get(l.obligationId())));
            UUID paymentId = null;
            if (answer.outcome() == ChargeOutcome.APPROVED) {
                UUID id = UUID.randomUUID();
                try {
                    List<Allocation> allocations = voucher.collectByCard(charge.amount(), lines, charge.chargeDate(),
                            id.toString(), now);
                    Payment payment = Payment.appliedByCard(id, rules.processorEntityCode(), charge.id(),
                            voucher.reference().value(), charge.amount(), now, charge.chargeDate(), allocations, now);
                    payments.add(payment);
                    entries.add(Audit.entry(actor, correlationId, now, "PAYMENT_APPLIED", "PAYMENT", id.toString(),
                            paymentDetails(payment, charge)));
                    paymentId = id;
                    List<Agreement> paidAgreements = agreementsByVoucher.get(voucher.reference().value());
                    if (!paidAgreements.isEmpty()) {
                        afterwards.add(() -> ledger.paid(paidAgreements, lines.values(), charge.chargeDate(), actor,
                                correlationId, now));
                    }
                    changedVouchers.add(voucher);
                    changedObligations.addAll(lines.values());
                } catch (DomainException e) {
                    // Nothing of a payment that could not be made is written (an obligation may have taken part of
                    // it before another refused): the voucher and its obligations stay as they were read.
                    LOG.log(System.Logger.Level.WARNING, "Approved card charge {0} could not pay its voucher ({1}):"
                            + " staff must refund the card or apply the money", charge.id(), e.kind());
                }
            } else {
                voucher.cancelForDeclinedCharge(now);
                lines.values().forEach(o -> o.release(voucher.reference().value(), now));
                changedVouchers.add(voucher);
                changedObligations.addAll(lines.values());
            }
            charge.resolve(answer, paymentId, now);
            CardMandate.Status before = mandate.status();
            if (mandate.after(answer.outcome(), charge.chargeDate(), rules, answer.declineCode(), now)) {
                changedMandates.add(mandate);
            }
            told.add(charge.notification(now));
            Map<String, Object> details = details(charge);
            if (mandate.status() != before) {
                details.put("mandateStatus", mandate.status().name());
                told.add(mandate.suspensionNotification(now));
            }
            entries.add(Audit.entry(actor, correlationId, now, "CARD_CHARGE_" + charge.status().name(), "CARD_CHARGE",
                    charge.id().toString(), details));
        }
        postings.recordCardPayments(payments);
        obligations.updateAll(changedObligations);
        vouchers.updateAll(changedVouchers);
        afterwards.forEach(Runnable::run);
        charges.updateAll(locked);
        mandates.updateAll(changedMandates);
        notifications.addAll(told);
        audit.recordAll(entries);
    }

    private static Map<String, Object> paymentDetails(Payment payment, CardCharge charge) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", payment.channel().name());
        details.put("cardChargeId", charge.id().toString());
        details.put("voucher", payment.voucherReference());
        details.put("amount", payment.amount().toString());
        details.put("businessDate", payment.businessDate().toString());
        return details;
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

    /**
     * Step 3 for one charge (asked about later, or recorded alone when its chunk could not be): as {@link #settle}
     * records a chunk's answers, unless another runner did it.
     */
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
            settle(List.of(new Answered(chargeId, answer)), correlationId);
            return null;
        });
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
