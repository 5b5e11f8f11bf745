package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dated history of an obligation's principal: every movement of what has been paid of it (payments, their
 * reversals, what an agreement paid when it ended, a completed agreement reopened), the days on which part of it
 * accrues no arrears because financing interest already paid for them ({@link ArrearsExemption}), and the part of
 * it that is itself interest and so bears none ({@link #interestFree}: an agreement installment's financing
 * interest). Arrears interest is computed from it for any date ({@link ArrearsInterest#accrued(Money,
 * PrincipalHistory, LocalDate, LocalDate, InterestRateTable)}), so it is exact for any sequence of partial payments,
 * reversals and agreements, and never charges interest on interest.
 *
 * <p>Immutable and append-only: a reversal adds a compensating movement dated like the one it undoes, so the
 * movements always sum to the principal paid (the database checks that too).
 */
public final class PrincipalHistory {

    private static final PrincipalHistory EMPTY = new PrincipalHistory(List.of(), List.of(), Money.ZERO);

    private final List<PrincipalMovement> movements;
    private final List<ArrearsExemption> exemptions;
    private final Money interestFree;

    private PrincipalHistory(List<PrincipalMovement> movements, List<ArrearsExemption> exemptions,
                             Money interestFree) {
        this.movements = List.copyOf(movements);
        this.exemptions = List.copyOf(exemptions);
        this.interestFree = Objects.requireNonNull(interestFree, "interestFree");
        if (interestFree.isNegative()) {
            throw new IllegalArgumentException("the interest-free part must not be negative: " + interestFree);
        }
    }

    /** No movement and no exemption: a new obligation. */
    public static PrincipalHistory empty() {
        return EMPTY;
    }

    /** A stored history, as it was saved. */
    public static PrincipalHistory of(List<PrincipalMovement> movements, List<ArrearsExemption> exemptions) {
        return of(movements, exemptions, Money.ZERO);
    }

    /** A stored history with an interest-free part, as it was saved. */
    public static PrincipalHistory of(List<PrincipalMovement> movements, List<ArrearsExemption> exemptions,
                                      Money interestFree) {
        Objects.requireNonNull(movements, "movements");
        Objects.requireNonNull(exemptions, "exemptions");
        return movements.isEmpty() && exemptions.isEmpty() && interestFree.isZero() ? EMPTY
                : new PrincipalHistory(movements, exemptions, interestFree);
    }

    /**
     * The history of a new obligation whose first {@code interestFree} of principal is interest (an agreement
     * installment's financing interest): it bears no arrears, and what is paid goes to it first.
     */
    public static PrincipalHistory withInterestFree(Money interestFree) {
        return of(List.of(), List.of(), interestFree);
    }

    /** The history with one more movement. */
    public PrincipalHistory plus(PrincipalMovement movement) {
        Objects.requireNonNull(movement, "movement");
        List<PrincipalMovement> more = new ArrayList<>(movements);
        more.add(movement);
        return new PrincipalHistory(more, exemptions, interestFree);
    }

    /** The history with more exemptions. */
    public PrincipalHistory plus(List<ArrearsExemption> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<ArrearsExemption> all = new ArrayList<>(exemptions);
        all.addAll(more);
        return new PrincipalHistory(movements, all, interestFree);
    }

    /**
     * The part of the principal that is itself interest and bears no arrears: an agreement installment's financing
     * interest (zero for any other obligation). What is paid of the principal pays it first.
     */
    public Money interestFree() {
        return interestFree;
    }

    public List<PrincipalMovement> movements() {
        return movements;
    }

    public List<ArrearsExemption> exemptions() {
        return exemptions;
    }

    public boolean isEmpty() {
        return movements.isEmpty() && exemptions.isEmpty() && interestFree.isZero();
    }

    /** The sum of the movements: the principal paid. */
    public Money principalPaid() {
        return movements.stream().map(PrincipalMovement::paid).reduce(Money.ZERO, Money::plus);
    }

    /**
     * The balance of {@code principal} that accrues interest on {@code day}: less every movement dated before it.
     */
    public Money balanceOn(LocalDate day, Money principal) {
        Money balance = principal;
        for (PrincipalMovement m : movements) {
            if (m.on().isBefore(day)) {
                balance = balance.minus(m.paid());
            }
        }
        return balance;
    }

    /**
     * What of the balance accrues arrears on {@code day}: the balance less its interest-free part still unpaid
     * (payments go to it first: {@code principal − max(interestFree, paid before the day)}), less what the
     * exemptions covering that day exempt, never below zero.
     */
    public Money accruingOn(LocalDate day, Money principal) {
        Money balance = balanceOn(day, principal);
        if (balance.isNegative()) {
            throw new IllegalStateException("more principal paid than owed on " + day + ": " + balance);
        }
        Money paidBefore = principal.minus(balance);
        balance = principal.minus(interestFree.max(paidBefore)).max(Money.ZERO);
        Money exempt = Money.ZERO;
        for (ArrearsExemption e : exemptions) {
            if (e.covers(day)) {
                exempt = exempt.plus(e.principal());
            }
        }
        return balance.minus(exempt).max(Money.ZERO);
    }

    /**
     * The days, from {@code first} through {@code last}, on which what accrues may change: {@code first} and the
     * day after each movement and each exemption's edges, ascending and without repeats, ending with
     * {@code last + 1}.
     */
    List<LocalDate> cuts(LocalDate first, LocalDate last) {
        java.util.TreeSet<LocalDate> cuts = new java.util.TreeSet<>();
        cuts.add(first);
        LocalDate end = last.plusDays(1);
        cuts.add(end);
        for (PrincipalMovement m : movements) {
            addWithin(cuts, m.on().plusDays(1), first, end);
        }
        for (ArrearsExemption e : exemptions) {
            addWithin(cuts, e.from(), first, end);
            addWithin(cuts, e.to().plusDays(1), first, end);
        }
        return List.copyOf(cuts);
    }

    private static void addWithin(java.util.TreeSet<LocalDate> cuts, LocalDate day, LocalDate first, LocalDate end) {
        if (day.isAfter(first) && day.isBefore(end)) {
            cuts.add(day);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrincipalHistory other && movements.equals(other.movements)
                && exemptions.equals(other.exemptions) && interestFree.equals(other.interestFree);
    }

    @Override
    public int hashCode() {
        return Objects.hash(movements, exemptions, interestFree);
    }

    @Override
    public String toString() {
        return "PrincipalHistory[movements=" + movements + ", exemptions=" + exemptions + ", interestFree="
                + interestFree + "]";
    }
}
