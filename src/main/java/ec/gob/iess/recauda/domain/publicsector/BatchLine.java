package ec.gob.iess.recauda.domain.publicsector;

import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;

import java.util.Objects;

/**
 * One line of a ministry's batch: the employer (a public-sector entity) it pays for, and either the voucher it pays
 * ({@code reference}) or the period whose contributions it pays ({@code period}), never both.
 */
public record BatchLine(int lineNo, DebtorId employerId, VoucherReference reference, Period period, Money amount) {

    /** The highest line number. */
    public static final int MAX_LINE_NO = 999_999;

    public BatchLine {
        Objects.requireNonNull(employerId, "employerId");
        Objects.requireNonNull(amount, "amount");
        if ((reference == null) == (period == null)) {
            throw new IllegalArgumentException("a line names a voucher or a period, not both or neither");
        }
        if (lineNo < 1 || lineNo > MAX_LINE_NO || !amount.isPositive()) {
            throw new IllegalArgumentException("line " + lineNo + " of " + amount);
        }
    }
}
