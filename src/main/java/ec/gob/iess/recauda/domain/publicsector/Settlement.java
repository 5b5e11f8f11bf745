package ec.gob.iess.recauda.domain.publicsector;

import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A lump-sum settlement (issue 11 §3): one transfer of a payer (a ministry paying for its schools, say) applied to
 * obligations chosen by id, or to everything payable of some debtors, as of the transfer's value date: interest
 * first, then principal, oldest due first across the selection ({@link LumpSum}). What the selection does not owe
 * is held as an unapplied fund. The transfer reference names it once: a repeat is answered with the first result.
 *
 * @param requestSha256   the SHA-256 of the request's canonical form: a repeat with another body is told apart by it
 * @param unappliedFundId the fund holding what it did not apply, or null when it applied it all
 */
public record Settlement(UUID id, Request request, byte[] requestSha256, List<Applied> applied, Money appliedAmount,
                         Money unappliedAmount, UUID unappliedFundId, Instant createdAt, String createdBy) {

    /** How many days before the service's business date a value date may be. */
    public static final int MAX_VALUE_DATE_AGE_DAYS = 366;
    private static final Pattern TRANSFER_REFERENCE = Pattern.compile(BatchSubmission.TRANSFER_REFERENCE_RULE);

    /** The request as it came, before its values are checked. */
    public record Raw(String payerId, String transferReference, String amount, LocalDate valueDate,
                      List<String> obligationIds, List<String> debtorIds) {
    }

    /** A checked request: exactly one of {@code obligationIds} and {@code debtorIds} is non-null. */
    public record Request(DebtorId payerId, String transferReference, Money amount, LocalDate valueDate,
                          List<ObligationId> obligationIds, List<DebtorId> debtorIds) {
        public Request {
            Objects.requireNonNull(payerId, "payerId");
            Objects.requireNonNull(transferReference, "transferReference");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(valueDate, "valueDate");
            if ((obligationIds == null) == (debtorIds == null)) {
                throw new IllegalArgumentException("a settlement names obligations or debtors");
            }
            obligationIds = obligationIds == null ? null : List.copyOf(obligationIds);
            debtorIds = debtorIds == null ? null : List.copyOf(debtorIds);
        }

        /**
         * The SHA-256 of the request's canonical form (its fields in a fixed order, the ids as given), so that a
         * repeat with the same meaning matches however its JSON was spaced or ordered.
         */
        public byte[] sha256() {
            StringBuilder canonical = new StringBuilder().append(payerId.value()).append('\n')
                    .append(transferReference).append('\n').append(amount).append('\n').append(valueDate)
                    .append('\n').append(obligationIds != null ? "obligations" : "debtors");
            (obligationIds != null ? obligationIds.stream().map(ObligationId::toString)
                    : debtorIds.stream().map(DebtorId::value)).forEach(id -> canonical.append('\n').append(id));
            try {
                return MessageDigest.getInstance("SHA-256").digest(canonical.toString()
                        .getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is always available", e);
            }
        }
    }

    /** What the settlement paid of one obligation, and whether that paid it off. */
    public record Applied(ObligationId obligationId, Money interest, Money principal, boolean fullyPaid) {
    }

    public Settlement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        requestSha256 = requestSha256.clone();
        applied = List.copyOf(applied);
        if (!appliedAmount.plus(unappliedAmount).equals(request.amount())
                || unappliedAmount.isPositive() != (unappliedFundId != null)) {
            throw new IllegalArgumentException("settlement " + id + " does not add up");
        }
    }

    /** What it paid, as the allocations of its payment. */
    public List<Allocation> allocations() {
        return applied.stream().map(a -> new Allocation(a.obligationId(), a.interest(), a.principal())).toList();
    }

    @Override
    public byte[] requestSha256() {
        return requestSha256.clone();
    }

    /**
     * Checks a request received on {@code today}: each field at fault is named (400).
     *
     * @throws InvalidValueException every field at fault
     */
    public static Request check(Raw raw, LocalDate today) {
        List<InvalidValueException.Violation> wrong = new ArrayList<>();
        DebtorId payer = null;
        try {
            payer = DebtorId.parsePayer(raw.payerId());
        } catch (InvalidValueException e) {
            wrong.add(new InvalidValueException.Violation("payerId", e.getMessage()));
        }
        if (raw.transferReference() == null || !TRANSFER_REFERENCE.matcher(raw.transferReference()).matches()) {
            wrong.add(new InvalidValueException.Violation("transferReference", "is required: 1 to "
                    + BatchSubmission.MAX_TRANSFER_REFERENCE_LENGTH + " letters, digits, spaces or . / _ -,"
                    + " starting with a letter or digit and not ending with a space"));
        }
        Money amount = null;
        try {
            amount = Money.parseAmount(raw.amount());
        } catch (InvalidValueException e) {
            wrong.add(new InvalidValueException.Violation("amount", e.getMessage()));
        }
        if (raw.valueDate() == null) {
            wrong.add(new InvalidValueException.Violation("valueDate", "is required"));
        } else if (raw.valueDate().isAfter(today)) {
            wrong.add(new InvalidValueException.Violation("valueDate", "is after today (" + today + "): a"
                    + " settlement records money already transferred"));
        } else if (raw.valueDate().isBefore(today.minusDays(MAX_VALUE_DATE_AGE_DAYS))) {
            wrong.add(new InvalidValueException.Violation("valueDate", "is more than " + MAX_VALUE_DATE_AGE_DAYS
                    + " days before today (" + today + ")"));
        }
        List<ObligationId> obligations = null;
        List<DebtorId> debtors = null;
        if ((raw.obligationIds() == null) == (raw.debtorIds() == null)) {
            wrong.add(new InvalidValueException.Violation("obligationIds", "give obligationIds or debtorIds, not"
                    + " both and not neither"));
        } else if (raw.obligationIds() != null) {
            obligations = LumpSum.selection("obligationIds", raw.obligationIds(), ObligationId::parse, wrong);
        } else {
            debtors = LumpSum.selection("debtorIds", raw.debtorIds(), DebtorId::parsePayer, wrong);
        }
        if (!wrong.isEmpty()) {
            throw InvalidValueException.of(wrong);
        }
        return new Request(payer, raw.transferReference(), amount, raw.valueDate(), obligations, debtors);
    }

    /**
     * Settles {@code request} on the obligations the caller row-locked (those named, or every PENDING one of the
     * debtors named) and applies it to them, through payment {@code paymentId}; what they do not owe is to be held
     * as fund {@code fundId} ({@link #unappliedFund}).
     *
     * @throws ec.gob.iess.recauda.domain.shared.IneligibleObligationsException an obligation named that does not
     *                                                                          exist or may not be paid now
     * @throws BusinessRuleException {@code nothing-payable} when the debtors named owe nothing a settlement may
     *                               pay; {@code interest-rate-unavailable}. Nothing changes.
     */
    public static Settlement settle(UUID id, Request request, Collection<Obligation> locked, LocalDate today,
                                    int graceDays, InterestRateTable rates, UUID paymentId, UUID fundId,
                                    String actor, Instant now) {
        List<Obligation> chosen;
        if (request.obligationIds() != null) {
            chosen = LumpSum.chosen(locked, request.obligationIds(), today, graceDays, request.valueDate());
        } else {
            Set<String> debtors = new HashSet<>();
            request.debtorIds().forEach(d -> debtors.add(d.value()));
            chosen = locked.stream().filter(o -> debtors.contains(o.debtorId().value()))
                    .filter(o -> LumpSum.check(o, today, graceDays, request.valueDate()).isEmpty()).toList();
            if (chosen.isEmpty()) {
                String why = "owe nothing a settlement may pay (pending, out of agreements, on no voucher a bank"
                        + " may still collect, not paid after the value date)";
                throw new BusinessRuleException("nothing-payable", "the debtors named " + why,
                        List.of(new InvalidValueException.Violation("debtorIds", why)));
            }
        }
        LumpSum sum = LumpSum.pay(request.amount(), chosen, request.valueDate(), rates, paymentId.toString(), now);
        Map<ObligationId, Obligation> byId = new HashMap<>();
        chosen.forEach(o -> byId.put(o.id(), o));
        List<Applied> applied = new ArrayList<>();
        for (Allocation a : sum.allocations()) {
            applied.add(new Applied(a.obligationId(), a.interest(), a.principal(),
                    byId.get(a.obligationId()).status() == ObligationStatus.PAID));
        }
        return new Settlement(id, request, request.sha256(), applied, sum.applied(), sum.unapplied(),
                sum.unapplied().isPositive() ? fundId : null, now, actor);
    }

    /** The OPEN fund of what it did not apply, or null when it applied it all. */
    public UnappliedFund unappliedFund() {
        return unappliedFundId == null ? null : UnappliedFund.open(unappliedFundId,
                UnappliedFund.Source.ofSettlement(id), request.payerId().value(), null, unappliedAmount,
                LineOutcome.SURPLUS, request.valueDate(), null, createdAt);
    }
}
