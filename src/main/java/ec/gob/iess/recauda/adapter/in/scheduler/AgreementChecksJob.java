package ec.gob.iess.recauda.adapter.in.scheduler;

import ec.gob.iess.recauda.application.port.in.RunAgreementChecksUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Every night (00:15 in Guayaquil by default, {@code recauda.jobs.agreement-checks.cron}) lapses agreements whose
 * down payment was not paid and puts in default those with too many consecutive overdue installments. Safe to run
 * twice or on two instances at once (each agreement is row-locked and re-checked).
 */
@ApplicationScoped
public class AgreementChecksJob {

    private static final Logger LOG = Logger.getLogger(AgreementChecksJob.class);

    private final RunAgreementChecksUseCase checks;
    private final Clock clock;

    public AgreementChecksJob(RunAgreementChecksUseCase checks, Clock clock) {
        this.checks = checks;
        this.clock = clock;
    }

    @Scheduled(identity = "agreement-checks", cron = "{recauda.jobs.agreement-checks.cron}",
            timeZone = "America/Guayaquil", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        RunAgreementChecksUseCase.Result result = checks.runScheduled(LocalDate.now(clock));
        LOG.infof("Agreement checks of %s: %d lapsed, %d defaulted, %d defaults deferred (a voucher may still be"
                + " paid)", result.date(), result.lapsed().size(), result.defaulted().size(), result.deferred().size());
    }
}
