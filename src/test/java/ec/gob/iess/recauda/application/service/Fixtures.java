package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Shared test data for the service tests: a fixed clock, callers of every role and valid obligations. */
final class Fixtures {

    static final ZoneId GUAYAQUIL = ZoneId.of("America/Guayaquil");

    /** 2024-03-16T02:00Z is still 2024-03-15 (21:00) in Guayaquil (UTC−5): the two dates differ. */
    static final Instant NOW = Instant.parse("2024-03-16T02:00:00Z");
    static final LocalDate TODAY_IN_GUAYAQUIL = LocalDate.of(2024, 3, 15);
    static final Clock CLOCK = Clock.fixed(NOW, GUAYAQUIL);

    /** A valid private-company RUC. */
    static final DebtorId COMPANY = DebtorId.parse("1792468132001");
    /** A valid public-entity RUC: another debtor. */
    static final DebtorId OTHER_DEBTOR = DebtorId.parse("1760001200001");

    static final Caller STAFF = new Caller("staff-client", Role.STAFF, null, "corr-staff-1");
    static final Caller EMPLOYER = new Caller("employer-client", Role.EMPLOYER, COMPANY.value(), "corr-employer-1");
    static final Caller BANK = new Caller("bank-client", Role.BANK, "BP-0010", "corr-bank-1");
    static final Caller MINISTRY = new Caller("ministry-client", Role.MINISTRY, OTHER_DEBTOR.value(),
            "corr-ministry-1");

    private Fixtures() {
    }

    /** A FINE of the given debtor, principal and due date, without an external reference. */
    static NewObligation fine(DebtorId debtor, String principal, LocalDate dueDate) {
        return new NewObligation(debtor, "Comercial Andina S.A.", ObligationType.FINE, null, Money.of(principal),
                dueDate, null, "Multa", null);
    }

    static NewObligation withReference(NewObligation d, ExternalReference ref) {
        return new NewObligation(d.debtorId(), d.debtorName(), d.type(), d.stage(), d.principal(), d.dueDate(),
                d.period(), d.description(), ref);
    }

    static Obligation created(NewObligation data) {
        return Obligation.create(ObligationId.random(), data, NOW.minusSeconds(86_400));
    }
}
