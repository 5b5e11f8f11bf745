package ec.gob.iess.recauda.adapter.in.scheduler;

import ec.gob.iess.recauda.application.port.in.ExpireConceptVouchersUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Every night (00:30 in Guayaquil) cancels the miscellaneous-concept obligations whose public voucher lapsed
 * unpaid. Safe to run twice or on two instances at once: each obligation is row-locked (SKIP LOCKED) and cancelled
 * once.
 */
@ApplicationScoped
public class ConceptVoucherExpiryJob {

    private static final Logger LOG = Logger.getLogger(ConceptVoucherExpiryJob.class);

    private final ExpireConceptVouchersUseCase expiry;
    private final Clock clock;

    public ConceptVoucherExpiryJob(ExpireConceptVouchersUseCase expiry, Clock clock) {
        this.expiry = expiry;
        this.clock = clock;
    }

    @Scheduled(identity = "concept-voucher-expiry", cron = "{recauda.jobs.concept-voucher-expiry.cron}",
            timeZone = "America/Guayaquil", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int cancelled = expiry.expire(LocalDate.now(clock));
        if (cancelled > 0) {
            LOG.infof("Cancelled %d miscellaneous-concept obligations whose voucher lapsed unpaid", cancelled);
        }
    }
}
