package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.CollectPaymentsUseCase;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.application.port.out.PaymentPostings;
import ec.gob.iess.recauda.application.port.out.Payments;
import ec.gob.iess.recauda.application.port.out.Reconciliations;
import ec.gob.iess.recauda.application.port.out.Transactions;
import ec.gob.iess.recauda.application.port.out.Vouchers;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.PaymentOfDay;
import ec.gob.iess.recauda.domain.payment.PaymentStatus;
import ec.gob.iess.recauda.domain.payment.Reconciliation;
import ec.gob.iess.recauda.domain.payment.SubmittedReconciliation;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The online channel of a partner entity: query, pay, reverse and reconcile. Exactly-once is the database's job:
 * the voucher row is locked while a payment is applied, one payment per (entity, transaction id) and one APPLIED
 * payment per voucher are unique indexes, and obligations carry optimistic versions.
 */
@ApplicationScoped
public class ChannelService implements CollectPaymentsUseCase {

    /** How far in the future a bank's clock may be: a payment "made" later than this is refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How old a payment may be when it is posted: the channel is online, not a way to book old collections. */
    static final Duration MAX_PAYMENT_AGE = Duration.ofHours(24);
    /** How many payments of a date a streamed listing reads at a time. */
    static final int STREAM_CHUNK = 1000;
    /** What a post that lost a race with a concurrent post of the same transaction id fails with. */
    private static final Set<String> RETRIED_CONFLICTS = Set.of("already-paid", "transaction-taken");

    private final ChannelAccess access;
    private final Vouchers vouchers;
    private final Obligations obligations;
    private final Payments payments;
    private final PaymentPostings postings;
    private final Reconciliations reconciliations;
    private final VoucherIssuer issuer;
    private final AuditLog audit;
    private final AgreementLedger ledger;
    private final Transactions transactions;
    private final Clock clock;
    private final ZoneId zone;

    /** The business zone is the clock's (config/ClockProducer). */
    public ChannelService(ChannelAccess access, Vouchers vouchers, Obligations obligations, Payments payments,
                          PaymentPostings postings, Reconciliations reconciliations, VoucherIssuer issuer,
                          AuditLog audit, AgreementLedger ledger, Transactions transactions, Clock clock) {
        this.access = access;
        this.vouchers = vouchers;
        this.obligations = obligations;
        this.payments = payments;
        this.postings = postings;
        this.reconciliations = reconciliations;
        this.issuer = issuer;
        this.audit = audit;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /** One read, no transaction of its own (the entity came with the key): the hot query of every bank. */
    @Override
    public List<VoucherView> payablesByReference(Caller caller, VoucherReference reference) {
        FinancialEntity entity = access.activeEntityOf(caller);
        Voucher voucher = vouchers.find(reference)
                .orElseThrow(() -> new NotFoundException("voucher-not-found", "no voucher " + reference));
        // One query: the voucher comes with whether it still holds its obligations (superseded otherwise).
        voucher.checkPayableOn(entity.businessDateOf(clock.instant(), zone));
        return List.of(new VoucherView(voucher, VoucherStatus.ISSUED));
    }

    @Override
    @Transactional
    public List<VoucherView> payablesByDebtor(Caller caller, DebtorId debtor) {
        FinancialEntity entity = access.activeEntityOf(caller);
        Instant now = clock.instant();
        // The entity's business date, as for payments: after its cut-off a voucher expiring today is already
        // expired for it, its obligations are free, and the debtor is offered a fresh voucher.
        LocalDate today = entity.businessDateOf(now, zone);
        // Lock first: a concurrent query of the same debtor waits here and then finds the obligations held.
        // The one rule of what a debtor can pay now is the domain's; the query only pre-filters with it.
        List<Obligation> free = issuer.offerable(obligations.lockPayableOf(debtor, today).stream()
                .filter(o -> o.isOfferedOn(today)).toList(), today);
        List<VoucherView> payable = new ArrayList<>(vouchers.unexpiredOf(debtor, today).stream()
                .map(v -> new VoucherView(v, VoucherStatus.ISSUED)).toList());
        if (!free.isEmpty()) {
            payable.add(issuer.issueOffered(caller.actor(), caller.correlationId(), debtor, free, today, now));
        }
        return payable;
    }

    /**
     * Posts a payment. A retry of the same transaction id with the same request replays the first answer; with a
     * different request it is refused. The transaction id is looked up first, without a lock; a concurrent post of
     * the same id that commits after that look-up makes this attempt fail, either on the voucher (locked, and found
     * PAID: {@code already-paid}) or on the unique index of transaction ids ({@code transaction-taken}). Such a loser
     * is run once more in a new transaction, whose look-up then sees the winner: a replay when it is the same request,
     * a mismatch otherwise. A voucher that another transaction id paid is still {@code already-paid} the second time.
     */
    @Override
    public Posted post(Caller caller, PostPayment request) {
        try {
            return transactions.inNew(() -> attemptPost(caller, request));
        } catch (ConflictException e) {
            if (!RETRIED_CONFLICTS.contains(e.kind())) {
                throw e;
            }
            return transactions.inNew(() -> attemptPost(caller, request));
        }
    }

    private Posted attemptPost(Caller caller, PostPayment request) {
        FinancialEntity entity = access.activeEntityOf(caller);
        Instant now = clock.instant();
        // The transaction id first: a retry is answered as the first post was, however late it comes (paidAt more
        // than 24 hours old, the voucher expired or paid since) and whatever it changed (another reference, even an
        // unknown one, is a mismatch, not a 404).
        // One statement: the transaction id, and the voucher and its obligations row-locked (docs/performance.md).
        PaymentPostings.Locked read = postings.lockForPayment(entity.code(), request.bankTransactionId(),
                request.reference());
        if (read.earlier()) {
            return replay(payments.findByTransaction(entity.code(), request.bankTransactionId()).orElseThrow(),
                    request);
        }
        if (request.paidAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new BusinessRuleException("paid-at-in-future", "paidAt " + request.paidAt()
                    + " is in the future; send the instant the payment was made");
        }
        if (request.paidAt().isBefore(now.minus(MAX_PAYMENT_AGE))) {
            throw new BusinessRuleException("paid-at-too-old", "paidAt " + request.paidAt() + " is more than "
                    + MAX_PAYMENT_AGE.toHours() + " hours ago; the online channel takes payments as they happen");
        }
        Voucher voucher = read.voucher().orElseThrow(() -> new NotFoundException(
                "voucher-not-found", "no voucher " + request.reference()));
        LocalDate businessDate = entity.businessDateOf(request.paidAt(), zone);
        voucher.checkPayableOn(businessDate);
        // Lock order on every path: the voucher, its agreements (none for most vouchers), then the obligations.
        // The statement above locked the obligations unless the voucher pays installments: then their agreements
        // are locked first, and the obligations after them.
        List<Agreement> agreementsPaid = ledger.lockFor(voucher);
        Map<ObligationId, Obligation> locked = read.obligations() == null ? lockLines(voucher)
                : byId(voucher, read.obligations());
        // On the rows just locked, no extra query, the voucher checks that it still holds them (a newer voucher may
        // have taken them after this one expired at another entity's cut-off) and that the amount is exact.
        UUID paymentId = UUID.randomUUID();
        List<Allocation> allocations = voucher.collect(request.amount(), locked, businessDate, paymentId.toString(),
                now);
        Payment payment = Payment.applied(paymentId, entity.code(), request.bankTransactionId(),
                voucher.reference().value(), request.amount(), request.paidAt(), businessDate, allocations, now);
        postings.record(payment, new ArrayList<>(locked.values()), voucher, Audit.entry(caller, now,
                "PAYMENT_APPLIED", "PAYMENT", payment.id().toString(), details(payment)));
        ledger.paid(agreementsPaid, locked.values(), businessDate, caller.actor(), caller.correlationId(), now);
        return new Posted(payment, false);
    }

    private static Posted replay(Payment first, PostPayment request) {
        if (!first.sameRequest(request.reference().value(), request.amount(), request.paidAt())) {
            throw new ConflictException("idempotency-mismatch", "bankTransactionId " + request.bankTransactionId()
                    + " was already used for a different payment (voucher " + first.voucherReference() + ", amount "
                    + first.amount() + ", paidAt " + first.paidAt() + ")");
        }
        return new Posted(first, true);
    }

    @Override
    @Transactional
    public Payment payment(Caller caller, UUID paymentId) {
        FinancialEntity entity = access.activeEntityOf(caller);
        return payments.find(paymentId, entity.code()).orElseThrow(() -> new NotFoundException("payment-not-found",
                "no payment " + paymentId + " of entity " + entity.code()));
    }

    @Override
    @Transactional
    public Payment paymentByTransaction(Caller caller, String bankTransactionId) {
        FinancialEntity entity = access.activeEntityOf(caller);
        return payments.findByTransaction(entity.code(), bankTransactionId).orElseThrow(() -> new NotFoundException(
                "payment-not-found", "no payment of entity " + entity.code() + " has bankTransactionId "
                + bankTransactionId));
    }

    @Override
    @Transactional
    public Payment reverse(Caller caller, UUID paymentId, String reason) {
        FinancialEntity entity = access.activeEntityOf(caller);
        Payment payment = payments.lock(paymentId, entity.code())
                .orElseThrow(() -> new NotFoundException("payment-not-found", "no payment " + paymentId
                        + " of entity " + entity.code()));
        if (payment.status() == PaymentStatus.REVERSED) {
            return payment;
        }
        Instant now = clock.instant();
        if (!entity.reversalOpen(payment.businessDate(), now, zone)) {
            throw new BusinessRuleException("reversal-window-closed", "payment " + paymentId + " of business date "
                    + payment.businessDate() + " can be reversed only on that date before the cut-off ("
                    + entity.cutoffText() + "); the current business date is " + entity.businessDateOf(now, zone));
        }
        Voucher voucher = vouchers.lock(new VoucherReference(payment.voucherReference())).orElseThrow();
        List<Agreement> agreementsPaid = ledger.lockFor(voucher);
        Map<ObligationId, Obligation> locked = lockLines(voucher);
        for (Allocation a : payment.allocations()) {
            locked.get(a.obligationId()).reversePayment(a.interest(), a.principal(), payment.businessDate(),
                    payment.id().toString(), now);
        }
        payment.reverse(reason, now);
        payments.update(payment);
        obligations.updateAll(new ArrayList<>(locked.values()));
        voucher.markUnpaid(now);
        vouchers.update(voucher);
        Map<String, Object> details = details(payment);
        details.put("reason", payment.reversalReason());
        audit.record(Audit.entry(caller, now, "PAYMENT_REVERSED", "PAYMENT", paymentId.toString(), details));
        ledger.reversed(agreementsPaid, locked.values(), entity.businessDateOf(now, zone), caller.actor(),
                caller.correlationId(), now);
        return payment;
    }

    /** One statement: the page and the date's totals come from one snapshot, so they always agree. */
    @Override
    @Transactional
    public DayPage payments(Caller caller, LocalDate businessDate, PageRequest page) {
        FinancialEntity entity = access.activeEntityOf(caller);
        Payments.DayPage day = payments.ofDay(entity.code(), businessDate, page);
        return new DayPage(entity.code(), businessDate, day.totals(),
                new Page<>(day.payments(), page.page(), page.size(), day.totals().payments()));
    }

    /**
     * No transaction: each chunk is a short read of its own, so a client reading slowly holds no connection while
     * it reads. Chunks follow each other by position in posting order (created_at, id, the order of the index
     * ix_payment_day), never by offset, so a payment posted meanwhile cannot make a chunk repeat or skip one.
     */
    @Override
    public DayListing allPayments(Caller caller, LocalDate businessDate) {
        FinancialEntity entity = access.activeEntityOf(caller);
        return new DayListing() {
            @Override
            public String entityCode() {
                return entity.code();
            }

            @Override
            public LocalDate businessDate() {
                return businessDate;
            }

            @Override
            public void forEach(Consumer<PaymentOfDay> sink) {
                PaymentOfDay.Position after = null;
                List<PaymentOfDay> chunk;
                do {
                    chunk = payments.ofDayAfter(entity.code(), businessDate, after, STREAM_CHUNK);
                    chunk.forEach(sink);
                    after = chunk.isEmpty() ? after : chunk.get(chunk.size() - 1).position();
                } while (chunk.size() == STREAM_CHUNK);
            }
        };
    }

    @Override
    @Transactional
    public Reconciliation reconcile(Caller caller, LocalDate businessDate, List<Reconciliation.Item> items) {
        FinancialEntity entity = access.activeEntityOf(caller);
        Instant now = clock.instant();
        Reconciliation result = Reconciliation.compare(entity.code(), businessDate, items,
                payments.ofEntityAndDate(entity.code(), businessDate));
        UUID id = UUID.randomUUID();
        reconciliations.add(new SubmittedReconciliation(id, result, now, caller.clientId()));
        audit.record(Audit.entry(caller, now, "RECONCILIATION_SUBMITTED", "RECONCILIATION", id.toString(),
                Map.of("businessDate", businessDate.toString(), "items", items.size(), "balanced",
                        result.balanced())));
        return result;
    }

    private Map<ObligationId, Obligation> lockLines(Voucher voucher) {
        List<ObligationId> ids = voucher.lines().stream().map(VoucherLine::obligationId).toList();
        return byId(voucher, obligations.lock(ids));
    }

    /** The voucher's obligations, in the order they were locked, by id; every line must have its obligation. */
    private static Map<ObligationId, Obligation> byId(Voucher voucher, List<Obligation> lockedInOrder) {
        Map<ObligationId, Obligation> locked = lockedInOrder.stream()
                .collect(Collectors.toMap(Obligation::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        if (locked.size() != voucher.lines().size()
                || !voucher.lines().stream().allMatch(l -> locked.containsKey(l.obligationId()))) {
            throw new IllegalStateException("voucher " + voucher.reference() + " names obligations that do not exist");
        }
        return locked;
    }

    private static Map<String, Object> details(Payment p) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("entityCode", p.entityCode());
        details.put("bankTransactionId", p.bankTransactionId());
        details.put("voucher", p.voucherReference());
        details.put("amount", p.amount().toString());
        details.put("businessDate", p.businessDate().toString());
        return details;
    }
}
