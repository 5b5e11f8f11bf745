package ec.gob.iess.recauda.adapter.in.scheduler;

import ec.gob.iess.recauda.application.port.in.ProcessBatchesUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Settles the ministry's batches on every service instance: each run takes chunk after chunk of PENDING lines until
 * none is left (or other instances hold the rest), each chunk one transaction claimed in the database. A batch
 * accepted on one instance is picked up by whichever polls first; one left half-done by a crash is resumed at the
 * next run, wherever it runs. It also forgets signatures too old to be presented again.
 */
@ApplicationScoped
public class BatchProcessingJob {

    private static final Logger LOG = Logger.getLogger(BatchProcessingJob.class);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    private final ProcessBatchesUseCase processing;
    private final boolean enabled;
    private long lastForget;

    public BatchProcessingJob(ProcessBatchesUseCase processing,
                              @ConfigProperty(name = "recauda.public-sector.processing.enabled", defaultValue = "true")
                              boolean enabled) {
        this.processing = processing;
        this.enabled = enabled;
    }

    @Scheduled(identity = "ministry-batches", every = "{recauda.public-sector.processing.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!enabled) {
            return;
        }
        try {
            ProcessBatchesUseCase.Progress progress;
            long total = 0;
            do {
                progress = processing.processChunk();
                total += progress.settled();
                if (progress.failedAlone() > 0) {
                    // No value of the batch is logged: the lines and their outcomes are in the database.
                    LOG.warnf("A chunk of the ministry's batches failed and was settled line by line: %d lines"
                            + " failed alone (last: %s), %d rejected as processing-failed", progress.failedAlone(),
                            progress.lastFailure(), progress.rejectedAfterFailures());
                }
            } while (progress.settled() > 0);
            if (total > 0) {
                LOG.infof("Settled %d lines of the ministry's batches", total);
            }
            long now = System.nanoTime();
            if (lastForget == 0 || now - lastForget > FORGET_EVERY.toNanos()) {
                lastForget = now;
                processing.forgetOldSignatures();
            }
        } catch (RuntimeException e) {
            // The database failed between chunks (the lines stay PENDING, and the next run takes them again). No value
            // of the batch is logged.
            LOG.warnf("The ministry's batches could not be read and will be retried: %s",
                    e.getClass().getSimpleName());
        }
    }
}
