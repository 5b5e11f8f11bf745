package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ManageInterestRatesUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Keeps the arrears-interest rate table. Every change is audited with the rate it set. */
@ApplicationScoped
public class InterestRateService implements ManageInterestRatesUseCase {

    private final InterestRates rates;
    private final AuditLog audit;
    private final Clock clock;

    public InterestRateService(InterestRates rates, AuditLog audit, Clock clock) {
        this.rates = rates;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public boolean set(Caller caller, InterestRate rate) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        Instant now = clock.instant();
        boolean created = rates.put(rate, caller.clientId(), now);
        audit.record(Audit.entry(caller, now, created ? "INTEREST_RATE_ADDED" : "INTEREST_RATE_REPLACED",
                "INTEREST_RATE", rate.effectiveFrom().toString(),
                Map.of("annualRate", rate.annualRate().toPlainString())));
        return created;
    }

    @Override
    @Transactional
    public List<InterestRate> list(Caller caller) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return rates.table().rates();
    }
}
