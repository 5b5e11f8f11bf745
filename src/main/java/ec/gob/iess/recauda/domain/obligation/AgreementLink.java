package ec.gob.iess.recauda.domain.obligation;

import java.util.Objects;
import java.util.UUID;

/**
 * How an obligation belongs to a payment agreement, if it does: either the agreement {@linkplain Covered covers} it
 * (an original obligation, reserved while the agreement is open and IN_AGREEMENT once it is active), or it is one of
 * the agreement's {@linkplain InstallmentOf installments} (number 0 being the down payment). An obligation has at
 * most one link; a covered obligation loses it when its agreement ends, an installment keeps it for good.
 */
public sealed interface AgreementLink permits AgreementLink.Covered, InstallmentOf {

    /** The agreement the obligation belongs to. */
    UUID agreementId();

    /** An original obligation that an open agreement covers (reserved before activation, IN_AGREEMENT after). */
    record Covered(UUID agreementId) implements AgreementLink {
        public Covered {
            Objects.requireNonNull(agreementId, "agreementId");
        }
    }
}
