package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.CardCharges;
import ec.gob.iess.recauda.application.port.out.CardDebitRuns;
import ec.gob.iess.recauda.domain.card.CardCharge;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.time.LocalDate;
import java.util.UUID;

/** The runs of card debit and their charges (issue 12). */
public interface RunCardDebitUseCase {

    /** A run and what its date's charges came to so far. */
    record RunView(CardDebitRuns.Run run, CardCharges.DayCounts counts) {
    }

    /** Staff start the run of a date (today's business date), or get the one already started. */
    RunView start(Caller caller, LocalDate date);

    RunView get(Caller caller, UUID runId);

    /** The schedule starts today's run (once a day, at the configured time, on whichever instance comes first). */
    void startScheduled(LocalDate today);

    /**
     * Asks the processor about the charges whose outcome is unknown, then works on every RUNNING run until nothing is
     * left to take: charges
     * each due mandate not yet charged (claimed in the database, so that runners on any number of instances divide
     * the work and never charge a mandate twice on a date), and completes the run. Returns how many mandates this
     * call took.
     */
    int work();

    /** A debtor's charges, newest first. */
    Page<CardCharge> charges(Caller caller, DebtorId debtor, PageRequest page);
}
