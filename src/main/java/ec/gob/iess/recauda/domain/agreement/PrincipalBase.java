package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.Money;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The principal of an agreement's debt that is still unpaid once an amount has been paid towards it: what the
 * agreement's financing interest is charged on (ADR 0003, "no interest on interest"). Payments towards the debt (the
 * down payment, then the principal parts of the installments) go to the covered obligations oldest due date first,
 * and within each to its arrears interest before its principal: the allocation a default applies too. The arrears
 * interest financed by the agreement bears no interest; only the principal part of what is still owed does.
 */
public final class PrincipalBase {

    /** One covered obligation's debt: its arrears interest to the signing day, then its principal. */
    private record Part(ObligationId id, BigDecimal interest, BigDecimal principal) {
    }

    private final List<Part> oldestFirst;
    /** Where each part starts: what must be paid before it is reached. */
    private final BigDecimal[] starts;
    /** The principal of the parts before each one. */
    private final BigDecimal[] principalBefore;
    private final BigDecimal principal;

    private PrincipalBase(List<Part> oldestFirst) {
        this.oldestFirst = List.copyOf(oldestFirst);
        starts = new BigDecimal[oldestFirst.size()];
        principalBefore = new BigDecimal[oldestFirst.size()];
        BigDecimal start = BigDecimal.ZERO;
        BigDecimal before = BigDecimal.ZERO;
        for (int i = 0; i < oldestFirst.size(); i++) {
            starts[i] = start;
            principalBefore[i] = before;
            start = start.add(oldestFirst.get(i).interest()).add(oldestFirst.get(i).principal());
            before = before.add(oldestFirst.get(i).principal());
        }
        principal = before;
    }

    /** The base of an agreement over {@code covered}: each obligation's interest to signing, then its principal. */
    public static PrincipalBase of(List<CoveredObligation> covered) {
        Objects.requireNonNull(covered, "covered");
        return new PrincipalBase(covered.stream()
                .sorted(Comparator.comparing(CoveredObligation::dueDate).thenComparing(c -> c.obligationId().value()))
                .map(c -> new Part(c.obligationId(), c.interest().amount(), c.principal().amount())).toList());
    }

    /** A debt that is all principal (the public simulator knows only an amount): the base is the balance. */
    public static PrincipalBase allPrincipal(Money debt) {
        return new PrincipalBase(List.of(new Part(null, BigDecimal.ZERO, debt.amount())));
    }

    /**
     * The principal still unpaid once {@code paid} has been paid towards the debt, exactly at any precision: the
     * part {@code paid} reaches is found by binary search, so a debt of many obligations costs no more.
     */
    BigDecimal unpaidAfter(BigDecimal paid) {
        if (oldestFirst.isEmpty() || paid.signum() <= 0) {
            return principal;
        }
        int low = 0;
        int high = starts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (starts[mid].compareTo(paid) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        Part part = oldestFirst.get(low);
        BigDecimal intoPrincipal = paid.subtract(starts[low]).subtract(part.interest());
        BigDecimal taken = intoPrincipal.max(BigDecimal.ZERO).min(part.principal());
        return principal.subtract(principalBefore[low]).subtract(taken);
    }

    /** The principal still unpaid once {@code paid} has been paid towards the debt. */
    public Money unpaidAfter(Money paid) {
        return new Money(unpaidAfter(paid.amount()));
    }

    /** The same, per covered obligation (those with nothing left are absent). */
    public Map<ObligationId, Money> unpaidByObligationAfter(Money paid) {
        Map<ObligationId, Money> result = new LinkedHashMap<>();
        BigDecimal left = paid.amount();
        for (Part p : oldestFirst) {
            BigDecimal interest = left.min(p.interest()).max(BigDecimal.ZERO);
            left = left.subtract(interest);
            BigDecimal principal = left.min(p.principal()).max(BigDecimal.ZERO);
            left = left.subtract(principal);
            BigDecimal unpaid = p.principal().subtract(principal);
            if (unpaid.signum() > 0 && p.id() != null) {
                result.put(p.id(), new Money(unpaid));
            }
        }
        return result;
    }

    /** The arrears interest still unpaid once {@code paid} has been paid: the interest the agreement finances. */
    public Money interestUnpaidAfter(Money paid) {
        BigDecimal left = paid.amount();
        BigDecimal unpaid = BigDecimal.ZERO;
        for (Part p : oldestFirst) {
            BigDecimal interest = left.min(p.interest()).max(BigDecimal.ZERO);
            left = left.subtract(interest);
            BigDecimal principal = left.min(p.principal()).max(BigDecimal.ZERO);
            left = left.subtract(principal);
            unpaid = unpaid.add(p.interest().subtract(interest));
        }
        return new Money(unpaid);
    }
}
