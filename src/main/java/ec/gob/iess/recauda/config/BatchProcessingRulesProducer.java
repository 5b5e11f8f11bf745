package ec.gob.iess.recauda.config;

import ec.gob.iess.recauda.domain.publicsector.BatchProcessingRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** How the ministry's batches are settled, from configuration ({@code recauda.public-sector.*}, README). */
@ApplicationScoped
public class BatchProcessingRulesProducer {

    @Produces
    @Singleton
    BatchProcessingRules rules(@ConfigProperty(name = "recauda.public-sector.chunk-size", defaultValue = "2000")
                               int chunkSize,
                               @ConfigProperty(name = "recauda.public-sector.failure-spacing", defaultValue = "1m")
                               Duration failureSpacing) {
        return new BatchProcessingRules(chunkSize, failureSpacing);
    }
}
