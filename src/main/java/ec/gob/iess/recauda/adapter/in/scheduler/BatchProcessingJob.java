package ec.gob.iess.recauda.adapter.in.scheduler;

import ec.gob.iess.recauda.application.port.in.ProcessBatchesUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Settles the ministry's batches on every service instance: each run takes chunk after chunk of PENDING lines until
 * none is left (or other instances hold the rest), each chunk one transaction claimed in the database, with
 * {@code recauda.public-sector.processing.workers} workers at once (they divide the work as instances do). A batch
 * accepted on one instance is picked up by whichever polls first; one left half-done by a crash is resumed at the
 * next run, wherever it runs. It also forgets signatures too old to be presented again.
 */
@ApplicationScoped
public class BatchProcessingJob {

    private static final Logger LOG = Logger.getLogger(BatchProcessingJob.class);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);
    private static final int MAX_WORKERS = 16;

    private final ProcessBatchesUseCase processing;
    private final boolean enabled;
    private final int workers;
    private final ExecutorService pool;
    private long lastForget;

    public BatchProcessingJob(ProcessBatchesUseCase processing,
                              @ConfigProperty(name = "recauda.public-sector.processing.enabled", defaultValue = "true")
                              boolean enabled,
                              @ConfigProperty(name = "recauda.public-sector.processing.workers", defaultValue = "2")
                              int workers) {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("recauda.public-sector.processing.workers must be 1 to "
                    + MAX_WORKERS);
        }
        this.processing = processing;
        this.enabled = enabled;
        this.workers = workers;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ministry-batches-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(identity = "ministry-batches", every = "{recauda.public-sector.processing.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!enabled) {
            return;
        }
        try {
            // Each worker takes chunk after chunk (claimed with SKIP LOCKED, so they divide the work) until none is
            // left; the run ends when all have.
            List<Future<Long>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(this::settleUntilDone));
            }
            // Every worker is waited for, failed or not, so that a run never overlaps the next one.
            long total = 0;
            Throwable failure = null;
            for (Future<Long> worker : running) {
                try {
                    total += worker.get();
                } catch (ExecutionException e) {
                    failure = e.getCause() == null ? e : e.getCause();
                }
            }
            if (total > 0) {
                LOG.infof("Settled %d lines of the ministry's batches", total);
            }
            if (failure != null) {
                // The database failed between chunks (the lines stay PENDING, and the next run takes them again). No
                // value of the batch is logged.
                LOG.warnf("The ministry's batches could not be read and will be retried: %s",
                        failure.getClass().getSimpleName());
            }
            long now = System.nanoTime();
            if (lastForget == 0 || now - lastForget > FORGET_EVERY.toNanos()) {
                lastForget = now;
                processing.forgetOldSignatures();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Forgetting old signatures failed, or the workers could not be started (the service stopping).
            LOG.warnf("A run of the ministry's batches failed and the next one will try again: %s",
                    e.getClass().getSimpleName());
        }
    }

    private long settleUntilDone() {
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
        return total;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
