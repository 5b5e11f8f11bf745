package ec.gob.iess.recauda.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The one source of "now": the system clock in the business time zone (America/Guayaquil), so that
 * {@code LocalDate.now(clock)} is the business date. Tests replace it with a clock they control.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "recauda.business-zone") ZoneId zone) {
        return Clock.system(zone);
    }
}
