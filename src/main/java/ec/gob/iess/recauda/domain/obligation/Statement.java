package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a debtor owes on a date: for each unpaid obligation its principal balance, the arrears interest accrued to
 * that date, the total and the days overdue; and the totals. Interest is computed for the date asked, never read
 * from a stored running balance. Lines run oldest due date first, the order in which payments are applied.
 *
 * <p>Signing an agreement changes nothing the debtor owes: while an agreement awaits its down payment, the covered
 * obligations stay on the statement (each naming the agreement) and the down payment is a part of their debt, not
 * more debt. It is listed apart ({@link #downPayments}) and never added to the totals.
 */
public record Statement(DebtorId debtorId, LocalDate asOf, List<Line> items, List<DownPayment> downPayments,
                        Totals totals) {

    /**
     * One unpaid obligation on the statement.
     *
     * @param agreementId the agreement that covers it or whose installment it is, or null
     */
    public record Line(ObligationId obligationId, ObligationType type, LocalDate dueDate, Money principalBalance,
                       Money interest, Money total, long daysOverdue, UUID agreementId) {
    }

    /**
     * The down payment of an agreement that awaits it: paying it activates the agreement. Already part of the
     * covered obligations' lines.
     */
    public record DownPayment(UUID agreementId, ObligationId obligationId, Money amount, LocalDate dueDate) {
    }

    /** The sums of the lines. */
    public record Totals(Money principalBalance, Money interest, Money total) {
    }

    public Statement {
        Objects.requireNonNull(debtorId);
        Objects.requireNonNull(asOf);
        items = List.copyOf(items);
        downPayments = List.copyOf(downPayments);
        Objects.requireNonNull(totals);
    }

    /** The statement of {@code debtor} on {@code asOf} from its unpaid obligations. */
    public static Statement of(DebtorId debtor, LocalDate asOf, List<UnpaidObligation> unpaid,
                               InterestRateTable rates) {
        List<UnpaidObligation> oldestFirst = unpaid.stream()
                .sorted(Comparator.comparing(UnpaidObligation::dueDate).thenComparing(o -> o.id().value()))
                .toList();
        List<Line> lines = new ArrayList<>(oldestFirst.size());
        List<DownPayment> downPayments = new ArrayList<>();
        Money principal = Money.ZERO;
        Money interest = Money.ZERO;
        for (UnpaidObligation o : oldestFirst) {
            Money balance = o.principalBalance();
            if (!balance.isPositive()) {
                continue;
            }
            if (o.isDownPayment()) {
                downPayments.add(new DownPayment(o.link().agreementId(), o.id(), balance, o.dueDate()));
                continue;
            }
            Money owed = o.interestOwedAsOf(asOf, rates);
            lines.add(new Line(o.id(), o.type(), o.dueDate(), balance, owed, balance.plus(owed), o.daysOverdue(asOf),
                    o.link() == null ? null : o.link().agreementId()));
            principal = principal.plus(balance);
            interest = interest.plus(owed);
        }
        return new Statement(debtor, asOf, lines, downPayments,
                new Totals(principal, interest, principal.plus(interest)));
    }
}
