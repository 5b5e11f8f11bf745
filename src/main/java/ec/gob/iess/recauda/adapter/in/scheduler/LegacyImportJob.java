package ec.gob.iess.recauda.adapter.in.scheduler;

import ec.gob.iess.recauda.application.port.in.ImportLegacyPortfolioUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes the obligations of the legacy imports' accepted rows on every service instance, chunk after chunk until none
 * is left (or other instances hold the rest), each chunk one transaction. An import cut short by a crash is resumed
 * at the next run, wherever it runs.
 */
@ApplicationScoped
public class LegacyImportJob {

    private static final Logger LOG = Logger.getLogger(LegacyImportJob.class);

    private final ImportLegacyPortfolioUseCase imports;
    private final boolean enabled;

    public LegacyImportJob(ImportLegacyPortfolioUseCase imports,
                           @ConfigProperty(name = "recauda.legacy-import.processing.enabled", defaultValue = "true")
                           boolean enabled) {
        this.imports = imports;
        this.enabled = enabled;
    }

    @Scheduled(identity = "legacy-imports", every = "{recauda.legacy-import.processing.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!enabled) {
            return;
        }
        try {
            long total = 0;
            int settled;
            do {
                settled = imports.processChunk();
                total += settled;
            } while (settled > 0);
            if (total > 0) {
                LOG.infof("Made the obligations of %d rows of the legacy imports", total);
            }
        } catch (RuntimeException e) {
            // The chunk rolled back whole: its rows stay PENDING and the next run takes them again. No value of the
            // file is logged.
            LOG.warnf("A chunk of a legacy import was rolled back and will be retried: %s",
                    e.getClass().getSimpleName());
        }
    }
}
