package ec.gob.iess.recauda.domain.report;


/**
 * The Ministry of Finance's money of the period (by value date: the day the money arrived): the signed batches and
 * their lines by status with what they applied and left unapplied; the lump-sum settlements staff recorded; and the
 * unapplied funds those left, as they stand now: still open, applied later to obligations, or refunded.
 */
public record PublicSectorReport(ReportPeriod period, Batches batches, Settlements settlements, Funds unappliedFunds) {

    /** Batches and their lines: every line, then by status; what the settled lines applied and left unapplied. */
    public record Batches(long count, CountAmount lines, CountAmount applied, CountAmount partial,
                          CountAmount rejected, CountAmount pending, Amount appliedAmount, Amount unappliedAmount) {
    }

    /** Settlements: how many and their amount, what they applied and left unapplied. */
    public record Settlements(long count, Amount amount, Amount appliedAmount, Amount unappliedAmount) {
    }

    /**
     * The unapplied funds of the period's batches and settlements: as first left ({@code received}), what is still
     * open of them, what was refunded, and what was applied since ({@code received - open - refunded}).
     */
    public record Funds(CountAmount received, CountAmount open, CountAmount refunded, Amount applied) {

        public static Funds of(CountAmount received, CountAmount open, CountAmount refunded) {
            return new Funds(received, open, refunded,
                    received.amount().minus(open.amount()).minus(refunded.amount()));
        }
    }
}
