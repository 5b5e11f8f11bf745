package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * Days on which arrears interest does not accrue on up to {@code principal} of an obligation's balance, because the
 * debtor already paid interest for them: the financing interest of a paid installment of a payment agreement that
 * later defaulted (ADR 0003, "no day is charged twice"). On each day from {@code from} through {@code to}, arrears
 * accrue only on the part of the balance above {@code principal}.
 *
 * @param from        the first exempt day
 * @param to          the last exempt day (inclusive)
 * @param principal   how much of the balance bore the financing interest on those days (positive)
 * @param agreementId the agreement whose installments paid that interest
 */
public record ArrearsExemption(LocalDate from, LocalDate to, Money principal, UUID agreementId) {

    public ArrearsExemption {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(agreementId, "agreementId");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("an exemption ends on or after its first day: " + from + ".." + to);
        }
        if (!principal.isPositive()) {
            throw new IllegalArgumentException("an exemption covers a positive principal: " + principal);
        }
    }

    /** Whether {@code day} is one of its days. */
    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
