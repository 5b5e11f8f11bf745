package ec.gob.iess.recauda.domain.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the collections report groups what was collected, and what its rows' keys are.
 *
 * <ul>
 *   <li>{@link #DAY}, {@link #MONTH}, {@link #YEAR}: the payments' business date, as {@code 2026-03-05},
 *       {@code 2026-03}, {@code 2026};</li>
 *   <li>{@link #CHANNEL}: the channel the payment came through ({@code BANK}, {@code CARD}, ...: whatever channels the
 *       payments name, a new one with no change here);</li>
 *   <li>{@link #ENTITY}: the financial entity's code; a payment that came through no entity (a Ministry batch line,
 *       a settlement) is keyed by its channel as {@code channel:MINISTRY_BATCH} (an entity code never holds a colon);
 *       </li>
 *   <li>{@link #OBLIGATION_TYPE}: the type of the obligations paid;</li>
 *   <li>{@link #CONCEPT}: the miscellaneous concept an obligation was issued for, by its code; an obligation of no
 *       concept is keyed by its type as {@code type:CONTRIBUTION} (a concept code never holds a colon).</li>
 * </ul>
 *
 * Grouped by payment ({@link #byPayment()}), a row counts payments; grouped by what was paid, it counts the
 * obligations paid (one payment may pay several, of several types), and its amount is what the payments paid of
 * them. Either way the rows' amounts add up to the APPLIED payments of the period.
 */
public enum CollectionGrouping {
    DAY("day"),
    MONTH("month"),
    YEAR("year"),
    CHANNEL("channel"),
    ENTITY("entity"),
    OBLIGATION_TYPE("obligationType"),
    CONCEPT("concept");

    /** The prefix of a key that is not the grouping's own value (see the class comment). */
    public static final String CHANNEL_PREFIX = "channel:";
    public static final String TYPE_PREFIX = "type:";

    private final String parameter;

    CollectionGrouping(String parameter) {
        this.parameter = parameter;
    }

    /** The name clients use ({@code groupBy=obligationType}). */
    public String parameter() {
        return parameter;
    }

    public static Optional<CollectionGrouping> ofParameter(String value) {
        return Arrays.stream(values()).filter(g -> g.parameter.equals(value)).findFirst();
    }

    /** True when the rows count payments; false when they count the obligations paid. */
    public boolean byPayment() {
        return this != OBLIGATION_TYPE && this != CONCEPT;
    }
}
