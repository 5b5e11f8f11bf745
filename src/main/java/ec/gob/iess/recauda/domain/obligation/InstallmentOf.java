package ec.gob.iess.recauda.domain.obligation;

import java.util.Objects;
import java.util.UUID;

/**
 * What an {@link ObligationType#AGREEMENT_INSTALLMENT} obligation is: installment {@code number} of payment
 * agreement {@code agreementId}, number 0 being the down payment.
 */
public record InstallmentOf(UUID agreementId, int number) implements AgreementLink {

    public InstallmentOf {
        Objects.requireNonNull(agreementId, "agreementId");
        if (number < 0) {
            throw new IllegalArgumentException("installment numbers start at 0 (the down payment)");
        }
    }

    public boolean isDownPayment() {
        return number == 0;
    }
}
