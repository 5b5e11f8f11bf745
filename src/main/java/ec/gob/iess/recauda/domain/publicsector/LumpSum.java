package ec.gob.iess.recauda.domain.publicsector;

import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationSelection;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.PrincipalMovement;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Money paid at once over a selection of obligations, as a ministry's period line, a lump-sum settlement and the
 * application of unapplied funds pay: arrears interest to the value date first, then principal, oldest due date
 * first across the whole selection (then by id). What the selection does not owe is left unapplied.
 *
 * @param due         what the selection owed on the value date, interest and principal
 * @param allocations how {@code applied} was placed, oldest due first
 */
public record LumpSum(Money applied, Money unapplied, Money due, List<Allocation> allocations) {

    /** The most obligations (or debtors) a lump sum names. */
    public static final int MAX_SELECTION = 1000;

    public LumpSum {
        Objects.requireNonNull(applied, "applied");
        Objects.requireNonNull(unapplied, "unapplied");
        Objects.requireNonNull(due, "due");
        allocations = List.copyOf(allocations);
    }

    /** Whether all the selection owed was paid. */
    public boolean paidAll() {
        return applied.equals(due);
    }

    /** Why a lump sum may not pay an obligation (the reason codes of a 422 {@code obligation-not-eligible}). */
    public enum Reason implements ObligationSelection.Refusal {
        NOT_FOUND("does not exist"),
        NOT_PENDING("is not pending, or owes no principal"),
        IN_AGREEMENT("is in a payment agreement: it is paid through the agreement's installments"),
        AGREEMENT_INSTALLMENT("is an agreement installment: it is paid through its voucher, so that the agreement"
                + " follows"),
        HELD_BY_VOUCHER("is on a voucher that a bank may still collect (its expiry plus the grace days)"),
        PAID_AFTER_VALUE_DATE("has principal paid on a day after the value date: a payment dated before it would"
                + " change the interest that payment already settled");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }
    }

    /**
     * Why a lump sum of value date {@code valueDate} may not pay {@code o} now, if it may not: it must be open debt
     * ({@link #checkOpen}), not protected by a voucher on {@code today} (its expiry plus {@code graceDays}: a bank may
     * be collecting it at this moment, and one debt is never paid twice), and not paid after the value date
     * ({@link #paidAfter}).
     */
    public static Optional<Reason> check(Obligation o, LocalDate today, int graceDays, LocalDate valueDate) {
        Optional<Reason> notOpen = checkOpen(o);
        if (notOpen.isPresent()) {
            return notOpen;
        }
        if (protectedByVoucher(o, today, graceDays)) {
            return Optional.of(Reason.HELD_BY_VOUCHER);
        }
        return paidAfter(o, valueDate) ? Optional.of(Reason.PAID_AFTER_VALUE_DATE) : Optional.empty();
    }

    /**
     * Whether {@code o} had principal paid on a day after {@code valueDate} (and not given back: a reversal is a
     * compensating movement of the same day): the interest that payment settled was computed on the balance of its
     * day, so a payment dated earlier would leave it paid in excess. (A payment that covered interest only moves no
     * principal and is not seen here.)
     */
    public static boolean paidAfter(Obligation o, LocalDate valueDate) {
        return o.history().movements().stream().filter(m -> m.on().isAfter(valueDate))
                .collect(Collectors.groupingBy(PrincipalMovement::on,
                        Collectors.reducing(Money.ZERO, PrincipalMovement::paid, Money::plus)))
                .values().stream().anyMatch(net -> !net.isZero());
    }

    /** Whether a voucher still protects {@code o} on {@code day}: a bank may yet post its payment. */
    public static boolean protectedByVoucher(Obligation o, LocalDate day, int graceDays) {
        return o.hold() != null && o.hold().protectsOn(day, graceDays);
    }

    /**
     * Why {@code o} is not open debt that a lump sum may pay, voucher holds apart, if it is not: it must be PENDING
     * with a principal balance, not in a payment agreement and not an installment.
     */
    public static Optional<Reason> checkOpen(Obligation o) {
        if (o.status() != ObligationStatus.PENDING || !o.principalBalance().isPositive()) {
            return Optional.of(Reason.NOT_PENDING);
        }
        if (o.isCovered()) {
            return Optional.of(Reason.IN_AGREEMENT);
        }
        return o.installment() != null ? Optional.of(Reason.AGREEMENT_INSTALLMENT) : Optional.empty();
    }

    /**
     * Parses the ids a request names in {@code field}: 1 to {@value #MAX_SELECTION}, each well formed and named
     * once; each fault is added to {@code wrong} as {@code field[i]}.
     */
    public static <T> List<T> selection(String field, List<String> raw, Function<String, T> parse,
                                        List<InvalidValueException.Violation> wrong) {
        if (raw == null || raw.isEmpty() || raw.size() > MAX_SELECTION) {
            wrong.add(new InvalidValueException.Violation(field, "must hold 1 to " + MAX_SELECTION + " ids"));
            return List.of();
        }
        List<T> ids = new ArrayList<>();
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            try {
                T id = parse.apply(raw.get(i));
                if (!seen.add(id)) {
                    wrong.add(new InvalidValueException.Violation(field + "[" + i + "]", "repeats " + raw.get(i)));
                }
                ids.add(id);
            } catch (InvalidValueException e) {
                wrong.add(new InvalidValueException.Violation(field + "[" + i + "]", e.getMessage()));
            }
        }
        return ids;
    }

    /**
     * The obligations named by {@code ids} among {@code found}, each payable on {@code today} by a lump sum of
     * value date {@code valueDate}; otherwise every refusal at once ({@code obligation-not-eligible}, naming each id
     * and its reason).
     */
    public static List<Obligation> chosen(Collection<Obligation> found, List<ObligationId> ids, LocalDate today,
                                          int graceDays, LocalDate valueDate) {
        return ObligationSelection.pick(found, ids, Reason.NOT_FOUND, o -> check(o, today, graceDays, valueDate));
    }

    /**
     * Pays up to {@code amount} over {@code payable} on {@code valueDate} and applies it to them (each movement of
     * source {@code paymentId}). The caller has checked them with {@link #check} (or the narrower rule of its
     * channel). Interest is computed for every obligation before any is changed, so a missing rate
     * ({@code BusinessRuleException} {@code interest-rate-unavailable}) changes nothing.
     */
    public static LumpSum pay(Money amount, Collection<Obligation> payable, LocalDate valueDate,
                              InterestRateTable rates, String paymentId, Instant now) {
        List<Obligation> ordered = payable.stream()
                .sorted(Comparator.comparing(Obligation::dueDate).thenComparing(o -> o.id().value())).toList();
        List<Allocation.Due> dues = new ArrayList<>();
        Money due = Money.ZERO;
        for (Obligation o : ordered) {
            Money interest = o.interestAsOf(valueDate, rates);
            dues.add(new Allocation.Due(o.id(), o.dueDate(), interest, o.principalBalance()));
            due = due.plus(interest).plus(o.principalBalance());
        }
        Money applied = amount.min(due);
        List<Allocation> allocations = Allocation.allocate(applied, dues);
        Map<ObligationId, Obligation> byId = new HashMap<>();
        ordered.forEach(o -> byId.put(o.id(), o));
        for (Allocation a : allocations) {
            byId.get(a.obligationId()).applyPayment(a.interest(), a.principal(), valueDate, paymentId, now);
        }
        return new LumpSum(applied, amount.minus(applied), due, allocations);
    }
}
