package ec.gob.iess.recauda.adapter.in.scheduler;

import ec.gob.iess.recauda.application.port.in.ReportsUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;

/**
 * The reports' upkeep on every instance (issue 13, ADR 0015): folds the collection summaries' deltas into their day
 * rows ({@code recauda.reports.fold-every}, 10 s; one instance at a time, the others skip), and closes the day: in
 * the first {@code recauda.reports.close-window} after midnight in Guayaquil (1 h) it records yesterday's aging of the
 * portfolio as it stands then, once (every poll after the first finds it recorded). A night with no instance up in
 * that window leaves its day unrecorded, rather than recording a later morning's portfolio under yesterday's date.
 */
@ApplicationScoped
public class ReportJob {

    private static final Logger LOG = Logger.getLogger(ReportJob.class);

    private final ReportsUseCase reports;
    private final Clock clock;
    private final Duration closeWindow;

    public ReportJob(ReportsUseCase reports, Clock clock,
                     @ConfigProperty(name = "recauda.reports.close-window", defaultValue = "PT1H")
                     Duration closeWindow) {
        this.reports = reports;
        this.clock = clock;
        this.closeWindow = closeWindow;
    }

    @Scheduled(identity = "report-fold", every = "{recauda.reports.fold-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fold() {
        try {
            reports.fold();
        } catch (RuntimeException e) {
            LOG.warnf("Folding the report summaries failed and the next poll will go on: %s",
                    e.getClass().getSimpleName());
        }
    }

    @Scheduled(identity = "report-close", every = "{recauda.reports.close-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void close() {
        LocalTime now = LocalTime.now(clock);
        if (now.isAfter(LocalTime.MIDNIGHT.plus(closeWindow))) {
            return;
        }
        try {
            reports.closeDay();
        } catch (RuntimeException e) {
            LOG.warnf("Recording yesterday's portfolio aging failed and the next poll will try again: %s",
                    e.getClass().getSimpleName());
        }
    }
}
