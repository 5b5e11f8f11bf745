package ec.gob.iess.recauda.adapter.in.scheduler;

import ec.gob.iess.recauda.application.port.in.RunCardDebitUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Card debit on every service instance (issue 12): each poll ({@code recauda.card-debit.every}, 10 s) starts today's
 * run once the business day reaches {@code recauda.card-debit.run-at} (06:00 in Guayaquil by default) and works on
 * every RUNNING run with {@code recauda.card-debit.workers} workers. Instances and workers divide the mandates
 * through the database, so a run started anywhere is worked on everywhere, and one cut short by a crash is resumed
 * at the next poll.
 */
@ApplicationScoped
public class CardDebitJob {

    private static final Logger LOG = Logger.getLogger(CardDebitJob.class);
    private static final int MAX_WORKERS = 16;

    private final RunCardDebitUseCase debit;
    private final Clock clock;
    private final boolean schedule;
    private final LocalTime runAt;
    private final int workers;
    private final ExecutorService pool;

    public CardDebitJob(RunCardDebitUseCase debit, Clock clock,
                        @ConfigProperty(name = "recauda.card-debit.schedule", defaultValue = "true") boolean schedule,
                        @ConfigProperty(name = "recauda.card-debit.run-at", defaultValue = "06:00") LocalTime runAt,
                        @ConfigProperty(name = "recauda.card-debit.workers", defaultValue = "2") int workers) {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("recauda.card-debit.workers must be 1 to " + MAX_WORKERS);
        }
        this.debit = debit;
        this.clock = clock;
        this.schedule = schedule;
        this.runAt = runAt;
        this.workers = workers;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "card-debit-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(identity = "card-debit", every = "{recauda.card-debit.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            ZonedDateTime now = ZonedDateTime.now(clock);
            if (schedule && !now.toLocalTime().isBefore(runAt)) {
                debit.startScheduled(now.toLocalDate());
            }
            List<Future<Integer>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(debit::work));
            }
            int taken = 0;
            Throwable failure = null;
            for (Future<Integer> worker : running) {
                try {
                    taken += worker.get();
                } catch (ExecutionException e) {
                    failure = e.getCause() == null ? e : e.getCause();
                }
            }
            if (taken > 0) {
                LOG.infof("Card debit: %d mandates taken", taken);
            }
            if (failure != null) {
                // No value of a mandate or charge is logged: they are in the database.
                LOG.warnf("A card debit worker failed and the next poll will go on: %s",
                        failure.getClass().getSimpleName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("Card debit could not start and the next poll will try again: %s",
                    e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
