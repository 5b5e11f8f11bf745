package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.card.ProcessorAnswer;
import ec.gob.iess.recauda.domain.shared.Money;

import java.util.Objects;

/**
 * The card processor (issue 12): charges a tokenized card, and says what became of a charge. Every request about one
 * charge carries that charge's idempotency key, a re-send included, so that the processor charges it at most once.
 * An adapter never throws for the processor's or the network's failures: it answers UNKNOWN.
 */
public interface CardProcessor {

    /** A charge to send. */
    record Charge(String idempotencyKey, String processorToken, Money amount, String description) {
        public Charge {
            Objects.requireNonNull(idempotencyKey);
            Objects.requireNonNull(processorToken);
            Objects.requireNonNull(amount);
        }
    }

    /** Whether a processor is configured at all: without one, no run starts and nothing is charged. */
    default boolean available() {
        return true;
    }

    /** Charges the card; APPROVED, SOFT_DECLINE, HARD_DECLINE or UNKNOWN. */
    ProcessorAnswer charge(Charge charge);

    /**
     * What became of the charge of this key: its outcome, NOT_FOUND when the processor never received it, or
     * UNKNOWN.
     */
    ProcessorAnswer status(String idempotencyKey);
}
