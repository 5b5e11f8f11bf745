package ec.gob.iess.recauda.domain.voucher;

import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One obligation on a voucher, with the amounts frozen when the voucher was issued: its principal balance and the
 * arrears interest projected to the voucher's expiry date.
 */
public record VoucherLine(ObligationId obligationId, ObligationType type, LocalDate dueDate, String description,
                          Money principal, Money interest) {

    public VoucherLine {
        Objects.requireNonNull(obligationId, "obligationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(interest, "interest");
    }

    public Money total() {
        return principal.plus(interest);
    }
}
