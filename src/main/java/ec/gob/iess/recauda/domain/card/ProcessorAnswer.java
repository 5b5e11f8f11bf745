package ec.gob.iess.recauda.domain.card;

import java.util.Objects;

/**
 * The processor's answer to a charge or to a status query.
 *
 * @param outcome           what happened
 * @param processorChargeId the processor's own id of the charge (null unless it received the charge)
 * @param declineCode       the processor's reason for a decline (null otherwise), at most 64 characters kept
 */
public record ProcessorAnswer(ChargeOutcome outcome, String processorChargeId, String declineCode) {

    public static final int MAX_TEXT = 64;

    public ProcessorAnswer {
        Objects.requireNonNull(outcome);
        processorChargeId = clip(processorChargeId);
        declineCode = clip(declineCode);
    }

    public static ProcessorAnswer unknown(String why) {
        return new ProcessorAnswer(ChargeOutcome.UNKNOWN, null, why);
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
