package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.obligation.InterestRate;

import java.util.List;

/** Staff keep the arrears-interest rate table: one annual rate per effective date. */
public interface ManageInterestRatesUseCase {

    /** Sets the rate in force from its date on; returns true when the date is new, false when it replaced one. */
    boolean set(Caller caller, InterestRate rate);

    List<InterestRate> list(Caller caller);
}
