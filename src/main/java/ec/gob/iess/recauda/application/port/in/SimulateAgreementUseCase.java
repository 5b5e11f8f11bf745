package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.agreement.DebtorKind;
import ec.gob.iess.recauda.domain.agreement.Simulation;
import ec.gob.iess.recauda.domain.shared.Money;

/** The public simulator of payment agreements (employer trainings): any debt, no key, nothing stored. */
public interface SimulateAgreementUseCase {

    Simulation simulate(Money debtAmount, int termMonths, DebtorKind debtorKind);
}
