package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;
import java.time.LocalDate;

/**
 * What is needed to create an obligation; validated by {@link Obligation#create}.
 *
 * @param stage   null means {@link ObligationStage#REGULAR}
 * @param dueDate may be null only for a type that {@linkplain ObligationType#requiresPeriod() requires a
 *                period} when a period is given: it then defaults to {@link Period#contributionDueDate()}
 */
public record NewObligation(DebtorId debtorId, String debtorName, ObligationType type, ObligationStage stage,
                            Money principal, LocalDate dueDate, Period period, String description,
                            ExternalReference externalReference) {
}
