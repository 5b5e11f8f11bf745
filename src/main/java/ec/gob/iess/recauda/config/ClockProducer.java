package ec.gob.iess.recauda.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The one source of "now": the system clock in the business time zone (America/Guayaquil), so that
 * {@code LocalDate.now(clock)} is the business date, ticking in microseconds as the database stores them. Tests replace it with a clock they control.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "recauda.business-zone") ZoneId zone) {
        // Microseconds, the precision PostgreSQL stores: an instant read back equals the one written.
        return Clock.tick(Clock.system(zone), Duration.ofNanos(1_000));
    }
}
