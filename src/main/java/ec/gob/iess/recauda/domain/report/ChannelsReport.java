package ec.gob.iess.recauda.domain.report;


import java.util.List;

/**
 * The partner financial entities' activity in the period, one line per entity that had any: the APPLIED payments of
 * its business dates in the period, the payments reversed on the period's days, and its reconciliations of the
 * period's business dates: every submission, the dates reconciled, and what the latest submission of each date still
 * found different (payments the entity had and the institution did not, the reverse, and amounts that differ).
 */
public record ChannelsReport(ReportPeriod period, List<EntityLine> entities) {

    /** One entity. */
    public record EntityLine(String entityCode, CountAmount payments, CountAmount reversals,
                             Reconciliations reconciliations) {
    }

    /** An entity's reconciliations of the period's dates. */
    public record Reconciliations(long submissions, long dates, long unbalancedDates, CountAmount missingHere,
                                  CountAmount missingAtBank, long amountMismatches) {

        public static final Reconciliations NONE = new Reconciliations(0, 0, 0, CountAmount.NONE, CountAmount.NONE, 0);
    }

    public ChannelsReport {
        entities = List.copyOf(entities);
    }

    /** Every entity's payments, in total. */
    public CountAmount payments() {
        return entities.stream().map(EntityLine::payments).reduce(CountAmount.NONE, CountAmount::plus);
    }

    public Amount reversedAmount() {
        return entities.stream().map(e -> e.reversals().amount()).reduce(Amount.ZERO, Amount::plus);
    }
}
