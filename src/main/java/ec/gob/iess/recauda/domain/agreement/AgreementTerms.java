package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The numbers of the payment-facilities rules, all configuration (defaults from the domain brief): terms of
 * {@code minTermMonths} to {@code maxTermMonths}; a down payment of {@code downPaymentRate} of the debt, rounded
 * HALF_UP to cents; approval by staff when the debt exceeds {@code personThresholdSbu} basic wages for a person or
 * {@code organisationThresholdSbu} for an organisation, a basic wage being {@code basicWage}; default after
 * {@code missedInstallmentsForDefault} consecutive overdue installments; the agreement's rate is
 * {@code fixedAnnualRate} when configured, otherwise the arrears rate in force on the signing day.
 */
public record AgreementTerms(int minTermMonths, int maxTermMonths, BigDecimal downPaymentRate, Money basicWage,
                             BigDecimal personThresholdSbu, BigDecimal organisationThresholdSbu,
                             int missedInstallmentsForDefault, Optional<BigDecimal> fixedAnnualRate) {

    /** The defaults of the domain brief: 2–36 months, 10 %, USD 400, 4 and 25 SBU, 2 missed installments. */
    public static AgreementTerms defaults() {
        return new AgreementTerms(2, 36, new BigDecimal("0.10"), new Money(new BigDecimal("400.00")),
                new BigDecimal("4"), new BigDecimal("25"), 2, Optional.empty());
    }

    public AgreementTerms {
        Objects.requireNonNull(downPaymentRate, "downPaymentRate");
        Objects.requireNonNull(basicWage, "basicWage");
        Objects.requireNonNull(personThresholdSbu, "personThresholdSbu");
        Objects.requireNonNull(organisationThresholdSbu, "organisationThresholdSbu");
        Objects.requireNonNull(fixedAnnualRate, "fixedAnnualRate");
        if (minTermMonths < 1 || maxTermMonths < minTermMonths || maxTermMonths > 120) {
            throw new IllegalArgumentException("terms must satisfy 1 <= min <= max <= 120 months");
        }
        if (downPaymentRate.signum() <= 0 || downPaymentRate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("the down-payment rate must be in (0, 1): the paid down payment is"
                    + " what activates an agreement");
        }
        if (!basicWage.isPositive() || personThresholdSbu.signum() < 0 || organisationThresholdSbu.signum() < 0) {
            throw new IllegalArgumentException("the basic wage must be positive and the thresholds not negative");
        }
        if (missedInstallmentsForDefault < 1) {
            throw new IllegalArgumentException("default needs at least one missed installment");
        }
        fixedAnnualRate.ifPresent(r -> {
            if (r.signum() < 0 || r.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("the agreement rate must be in [0, 1]");
            }
        });
    }

    /** @throws InvalidValueException ({@code invalid-term}, field {@code termMonths}) outside the allowed terms */
    public void checkTerm(int months) {
        if (months < minTermMonths || months > maxTermMonths) {
            throw new InvalidValueException("invalid-term", "must be between " + minTermMonths + " and "
                    + maxTermMonths + " months").atField("termMonths");
        }
    }

    /** The down payment of a debt: the configured share, rounded HALF_UP to cents. */
    public Money downPayment(Money debt) {
        return debt.times(downPaymentRate);
    }

    /** The debt above which staff must approve an agreement of this kind of debtor. */
    public Money approvalThreshold(DebtorKind kind) {
        return basicWage.times(kind == DebtorKind.PERSON ? personThresholdSbu : organisationThresholdSbu);
    }

    /** True when the debt exceeds the threshold of the debtor's kind (equal to it is approved automatically). */
    public boolean requiresApproval(Money debt, DebtorKind kind) {
        return debt.isGreaterThan(approvalThreshold(kind));
    }
}
