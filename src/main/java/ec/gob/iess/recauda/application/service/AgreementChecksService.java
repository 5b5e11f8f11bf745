package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.RunAgreementChecksUseCase;
import ec.gob.iess.recauda.application.port.out.Agreements;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.application.port.out.Transactions;
import ec.gob.iess.recauda.domain.access.Actor;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementChange;
import ec.gob.iess.recauda.domain.agreement.AgreementEvent;
import ec.gob.iess.recauda.domain.agreement.AgreementObligations;
import ec.gob.iess.recauda.domain.agreement.AgreementTerms;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The daily check of agreements ({@link Agreement#check}), in batches of {@value #BATCH} agreements, each batch its
 * own transaction: those awaiting a down payment whose voucher expired more than the grace days before LAPSE; active
 * ones with too many consecutive overdue installments DEFAULT, unless a voucher still holds one of their unpaid
 * installments within its grace days (the default waits: deferred). Candidates come from indexes, so agreements in
 * good standing cost nothing. Each agreement is row-locked and checked again before it changes, so two runs at once
 * change it once. This service only loads, locks, calls the domain and saves.
 */
@ApplicationScoped
public class AgreementChecksService implements RunAgreementChecksUseCase {

    static final int BATCH = 500;
    static final String SCHEDULER = "scheduler";

    private final Agreements agreements;
    private final Obligations obligations;
    private final AgreementLedger ledger;
    private final Transactions transactions;
    private final AgreementTerms terms;
    private final VoucherRules voucherRules;
    private final Clock clock;

    public AgreementChecksService(Agreements agreements, Obligations obligations, AgreementLedger ledger,
                                  Transactions transactions, AgreementTerms terms, VoucherRules voucherRules,
                                  Clock clock) {
        this.agreements = agreements;
        this.obligations = obligations;
        this.ledger = ledger;
        this.transactions = transactions;
        this.terms = terms;
        this.voucherRules = voucherRules;
        this.clock = clock;
    }

    /**
     * @throws BusinessRuleException {@code check-date-in-future} for a date after today: a default is declared only
     *                               once its installments are really overdue
     */
    @Override
    public Result run(Caller caller, LocalDate date) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        LocalDate today = LocalDate.now(clock);
        if (date.isAfter(today)) {
            throw new BusinessRuleException("check-date-in-future", "the checks run for a date that has come: "
                    + date + " is after today (" + today + ")");
        }
        return check(caller.actor(), caller.correlationId(), date);
    }

    @Override
    public Result runScheduled(LocalDate date) {
        return check(Actor.of(SCHEDULER), "agreement-checks-" + date, date);
    }

    private Result check(Actor actor, String correlationId, LocalDate date) {
        Outcome outcome = new Outcome();
        int grace = voucherRules.graceDays();
        UUID after = null;
        while (true) {
            UUID from = after;
            List<UUID> batch = transactions.inNew(() -> agreements.lapseCandidates(date.minusDays(grace), from, BATCH));
            if (batch.isEmpty()) {
                break;
            }
            outcome.add(transactions.inNew(() -> checkBatch(batch, date, actor, correlationId)));
            after = batch.get(batch.size() - 1);
        }
        List<UUID> candidates = transactions.inNew(() -> agreements.defaultCandidates(date,
                terms.missedInstallmentsForDefault()));
        for (int from = 0; from < candidates.size(); from += BATCH) {
            List<UUID> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
            outcome.add(transactions.inNew(() -> checkBatch(batch, date, actor, correlationId)));
        }
        return new Result(date, outcome.lapsed, outcome.defaulted, outcome.deferred);
    }

    /** Locks the agreements and all their obligations (one statement each), checks each, saves what changed. */
    private Outcome checkBatch(List<UUID> ids, LocalDate date, Actor actor, String correlationId) {
        Instant now = clock.instant();
        List<Agreement> locked = agreements.lockAll(ids);
        Map<UUID, AgreementObligations> own = AgreementObligations.byAgreement(locked,
                obligations.lockOfAgreements(locked));
        List<AgreementLedger.Changed> transitions = new ArrayList<>();
        Outcome outcome = new Outcome();
        for (Agreement a : locked) {
            AgreementChange change = a.check(date, own.get(a.id()), terms, voucherRules.graceDays(), now);
            for (AgreementEvent e : change.events()) {
                if (e instanceof AgreementEvent.Lapsed) {
                    outcome.lapsed.add(a.id());
                } else if (e instanceof AgreementEvent.Defaulted) {
                    outcome.defaulted.add(a.id());
                } else if (e instanceof AgreementEvent.DefaultDeferred) {
                    outcome.deferred.add(a.id());
                }
            }
            if (!change.isEmpty()) {
                transitions.add(new AgreementLedger.Changed(a, change));
            }
        }
        ledger.save(transitions, actor, correlationId, now);
        return outcome;
    }

    /** What the batches did. */
    private static final class Outcome {
        final List<UUID> lapsed = new ArrayList<>();
        final List<UUID> defaulted = new ArrayList<>();
        final List<UUID> deferred = new ArrayList<>();

        void add(Outcome other) {
            lapsed.addAll(other.lapsed);
            defaulted.addAll(other.defaulted);
            deferred.addAll(other.deferred);
        }
    }
}
