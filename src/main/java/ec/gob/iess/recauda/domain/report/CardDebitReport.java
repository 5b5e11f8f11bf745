package ec.gob.iess.recauda.domain.report;

import ec.gob.iess.recauda.domain.card.CardCharge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The card debit charges of the period's dates, by outcome: how many and their amount (a SKIPPED mandate has no
 * amount). {@code approvalRate}: the APPROVED as a percentage of the charges the processor answered (APPROVED,
 * SOFT_DECLINED, HARD_DECLINED; a charge still awaiting confirmation or never received is not answered), null when
 * none was. {@code amountCharged}: what the APPROVED charges took.
 */
public record CardDebitReport(ReportPeriod period, List<StatusLine> byStatus, long charges, BigDecimal approvalRate,
                              Amount amountCharged) {

    /** One outcome. */
    public record StatusLine(CardCharge.Status status, long count, Amount amount) {
    }

    public CardDebitReport {
        byStatus = List.copyOf(byStatus);
    }

    /** The report from each status's count and amount (a status absent had none). */
    public static CardDebitReport of(ReportPeriod period, Map<CardCharge.Status, CountAmount> found) {
        Map<CardCharge.Status, CountAmount> all = new EnumMap<>(CardCharge.Status.class);
        for (CardCharge.Status s : CardCharge.Status.values()) {
            all.put(s, found.getOrDefault(s, CountAmount.NONE));
        }
        List<StatusLine> lines = new ArrayList<>();
        long charges = 0;
        for (var e : all.entrySet()) {
            lines.add(new StatusLine(e.getKey(), e.getValue().count(), e.getValue().amount()));
            charges += e.getValue().count();
        }
        long approved = all.get(CardCharge.Status.APPROVED).count();
        long answered = approved + all.get(CardCharge.Status.SOFT_DECLINED).count()
                + all.get(CardCharge.Status.HARD_DECLINED).count();
        return new CardDebitReport(period, lines, charges, Ratio.percent(approved, answered),
                all.get(CardCharge.Status.APPROVED).amount());
    }
}
