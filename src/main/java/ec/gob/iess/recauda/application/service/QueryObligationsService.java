package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.QueryObligationsUseCase;
import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.Statement;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;

/** Reads obligations and statements, showing each caller only what it may see. */
@ApplicationScoped
public class QueryObligationsService implements QueryObligationsUseCase {

    private final Obligations obligations;
    private final InterestRates rates;
    private final Clock clock;

    public QueryObligationsService(Obligations obligations, InterestRates rates, Clock clock) {
        this.obligations = obligations;
        this.rates = rates;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Obligation get(Caller caller, ObligationId id) {
        return obligations.find(id)
                .filter(o -> caller.mayActFor(o.debtorId()))
                .orElseThrow(() -> new NotFoundException("obligation-not-found", "no obligation " + id
                        + " is visible to this client"));
    }

    @Override
    @Transactional
    public Page<Obligation> listByDebtor(Caller caller, DebtorId debtor, ObligationStatus status,
                                         ObligationType type, PageRequest page) {
        Authorization.requireMayActFor(caller, debtor);
        return obligations.byDebtor(debtor, status, type, page);
    }

    @Override
    @Transactional
    public Statement statement(Caller caller, DebtorId debtor, LocalDate asOf) {
        Authorization.requireMayActFor(caller, debtor);
        LocalDate date = asOf != null ? asOf : LocalDate.now(clock);
        return Statement.of(debtor, date, obligations.unpaidOf(debtor), rates.table());
    }
}
