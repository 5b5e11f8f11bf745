package ec.gob.iess.recauda.domain.payment;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The daily matching (cuadre) of a partner entity's list of payments for a business date against the payments the
 * institution holds as APPLIED for that entity and date: what matches, what the bank has that we do not, what we
 * have that the bank does not, and what both have with different amounts.
 */
public record Reconciliation(String entityCode, LocalDate businessDate, int matchedCount, Money matchedTotal,
                             List<Item> missingHere, List<Item> missingAtBank, List<Mismatch> amountMismatches) {

    /** A payment as one side reports it. */
    public record Item(String bankTransactionId, Money amount) {
        public Item {
            Objects.requireNonNull(bankTransactionId, "bankTransactionId");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** A payment both sides have, with different amounts. */
    public record Mismatch(String bankTransactionId, Money bankAmount, Money ourAmount) {
    }

    public Reconciliation {
        missingHere = List.copyOf(missingHere);
        missingAtBank = List.copyOf(missingAtBank);
        amountMismatches = List.copyOf(amountMismatches);
    }

    public boolean balanced() {
        return missingHere.isEmpty() && missingAtBank.isEmpty() && amountMismatches.isEmpty();
    }

    /**
     * Compares the bank's items with our APPLIED payments of that entity and date. A transaction id the bank lists
     * twice is refused: its list must name each transaction once.
     */
    public static Reconciliation compare(String entityCode, LocalDate businessDate, List<Item> bank,
                                         List<Payment> ours) {
        Set<String> seen = new HashSet<>();
        for (Item item : bank) {
            if (!seen.add(item.bankTransactionId())) {
                throw new InvalidValueException("duplicate-transaction-id", "bankTransactionId "
                        + item.bankTransactionId() + " appears more than once").atField("items");
            }
        }
        Map<String, Money> applied = new LinkedHashMap<>();
        ours.stream()
                .filter(p -> p.status() == PaymentStatus.APPLIED)
                .filter(p -> p.entityCode().equals(entityCode) && p.businessDate().equals(businessDate))
                .forEach(p -> applied.put(p.bankTransactionId(), p.amount()));
        int matched = 0;
        Money matchedTotal = Money.ZERO;
        List<Item> missingHere = new ArrayList<>();
        List<Mismatch> mismatches = new ArrayList<>();
        for (Item item : bank) {
            Money ourAmount = applied.remove(item.bankTransactionId());
            if (ourAmount == null) {
                missingHere.add(item);
            } else if (ourAmount.equals(item.amount())) {
                matched++;
                matchedTotal = matchedTotal.plus(ourAmount);
            } else {
                mismatches.add(new Mismatch(item.bankTransactionId(), item.amount(), ourAmount));
            }
        }
        List<Item> missingAtBank = applied.entrySet().stream()
                .map(e -> new Item(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Item::bankTransactionId))
                .toList();
        return new Reconciliation(entityCode, businessDate, matched, matchedTotal, missingHere, missingAtBank,
                mismatches);
    }
}
