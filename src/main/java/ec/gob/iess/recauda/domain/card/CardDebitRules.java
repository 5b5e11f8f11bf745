package ec.gob.iess.recauda.domain.card;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The card-debit rules that are ours to set (domain brief; configuration {@code recauda.card-debit.*}, README).
 *
 * @param allowedDays          the days of the month a mandate may be debited on (6, 10 and 14 by default); 1 to 28,
 *                             so that every month has each of them
 * @param softDeclineRetries   on how many days after a soft decline the charge is tried again (2: the next two days)
 * @param confirmationHoldDays how long a charge whose outcome is unknown keeps its debt held, in days after the
 *                             charge date: while the processor may still have charged the card, no bank may collect
 *                             that debt (30 by default)
 * @param processorEntityCode  the financial entity that card payments are recorded under (the processor)
 * @param chunkSize            how many mandates a runner takes in one transaction (250 by default)
 */
public record CardDebitRules(Set<Integer> allowedDays, int softDeclineRetries, int confirmationHoldDays,
                             String processorEntityCode, int chunkSize) {

    public CardDebitRules {
        SortedSet<Integer> days = new TreeSet<>(Objects.requireNonNull(allowedDays));
        if (days.isEmpty() || days.first() < 1 || days.last() > 28) {
            throw new IllegalArgumentException("the allowed debit days must be days 1 to 28 of the month: " + days);
        }
        allowedDays = Collections.unmodifiableSortedSet(days);
        if (softDeclineRetries < 0 || softDeclineRetries > 10) {
            throw new IllegalArgumentException("soft-decline retries must be 0 to 10");
        }
        if (confirmationHoldDays < 1) {
            throw new IllegalArgumentException("the confirmation hold must be at least one day");
        }
        Objects.requireNonNull(processorEntityCode);
        if (chunkSize < 1 || chunkSize > 5000) {
            throw new IllegalArgumentException("the chunk size must be 1 to 5000");
        }
    }

    /** The defaults of the domain brief. */
    public static CardDebitRules defaults() {
        return new CardDebitRules(Set.of(6, 10, 14), 2, 30, "CARD-PROCESSOR", 250);
    }
}
