package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One dated change of what has been paid of an obligation's principal. Arrears interest accrues on day {@code on}
 * on the balance before it and from the next day on the balance after it: {@code on} is the payment's business date
 * (interest runs up to the payment date inclusive), or an agreement's signing day for what the agreement paid.
 *
 * @param on     the last day on which the balance before the movement accrued interest
 * @param paid   principal paid by it (positive) or given back (negative: a reversed payment, a reopened agreement)
 * @param kind   what moved it
 * @param source what it belongs to: a payment's id, an agreement's id
 */
public record PrincipalMovement(LocalDate on, Money paid, Kind kind, String source) {

    /** What moved the principal. */
    public enum Kind {
        /** A collection applied to the obligation (a voucher paid at a bank, later a batch line or a card debit). */
        PAYMENT,
        /** A collection reversed: the compensating movement, dated like the payment it undoes. */
        PAYMENT_REVERSED,
        /** What a payment agreement paid of the obligation when it ended (completed or defaulted). */
        AGREEMENT,
        /** A completed agreement reopened by a reversal: the compensating movement, dated like the settlement. */
        AGREEMENT_REOPENED
    }

    public PrincipalMovement {
        Objects.requireNonNull(on, "on");
        Objects.requireNonNull(paid, "paid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        if (paid.isZero()) {
            throw new IllegalArgumentException("a principal movement moves something");
        }
        boolean compensating = kind == Kind.PAYMENT_REVERSED || kind == Kind.AGREEMENT_REOPENED;
        if (compensating != paid.isNegative()) {
            throw new IllegalArgumentException(kind + " must " + (compensating ? "give principal back" : "pay it")
                    + ": " + paid);
        }
    }
}
