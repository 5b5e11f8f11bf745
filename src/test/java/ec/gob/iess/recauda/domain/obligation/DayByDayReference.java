package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a property test itself knows of one obligation, from the events it applied (never read back from the
 * obligation): the arrears interest it owes, day by day, as ADR 0003 states it. Each day's balance (the principal less
 * every movement dated before that day), less what that day exempts, times the rate of that day, summed, divided by
 * 365 and rounded once, less the interest paid.
 */
public final class DayByDayReference {

    private static final BigDecimal DAYS = BigDecimal.valueOf(365);

    public final Money principal;
    public final LocalDate due;
    /** (day, principal paid) of every movement: negative for what was given back. */
    public final List<Map.Entry<LocalDate, BigDecimal>> movements = new ArrayList<>();
    /** The principal exempt from arrears on each day. */
    public final Map<LocalDate, BigDecimal> exempt = new HashMap<>();
    public BigDecimal interestPaid = BigDecimal.ZERO;

    public DayByDayReference(Money principal, LocalDate due) {
        this.principal = principal;
        this.due = due;
    }

    public BigDecimal balanceOn(LocalDate day) {
        BigDecimal balance = principal.amount();
        for (Map.Entry<LocalDate, BigDecimal> m : movements) {
            if (m.getKey().isBefore(day)) {
                balance = balance.subtract(m.getValue());
            }
        }
        return balance;
    }

    public BigDecimal principalPaid() {
        return movements.stream().map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Interest owed on {@code asOf}, day by day: each day's balance, less its exemption, times its rate. */
    public Money interestOwed(LocalDate asOf, InterestRateTable rates) {
        Map<LocalDate, BigDecimal> changes = new HashMap<>();
        BigDecimal balance = principal.amount();
        LocalDate first = due.plusDays(1);
        for (Map.Entry<LocalDate, BigDecimal> m : movements) {
            if (m.getKey().isBefore(first)) {
                balance = balance.subtract(m.getValue());
            } else {
                changes.merge(m.getKey().plusDays(1), m.getValue().negate(), BigDecimal::add);
            }
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (LocalDate day = first; !day.isAfter(asOf); day = day.plusDays(1)) {
            balance = balance.add(changes.getOrDefault(day, BigDecimal.ZERO));
            BigDecimal base = balance.subtract(exempt.getOrDefault(day, BigDecimal.ZERO)).max(BigDecimal.ZERO);
            sum = sum.add(base.multiply(rates.rateOn(day).orElseThrow().annualRate()));
        }
        Money accrued = Money.rounded(sum.divide(DAYS, 2, RoundingMode.HALF_UP));
        return accrued.minus(new Money(interestPaid)).max(Money.ZERO);
    }
}
