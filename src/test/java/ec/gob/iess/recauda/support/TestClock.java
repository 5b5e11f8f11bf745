package ec.gob.iess.recauda.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: the real time unless a test fixes it. Replaces the production clock bean, so the
 * service's "now" is whatever the test says.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    public static final ZoneId GUAYAQUIL = ZoneId.of("America/Guayaquil");

    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    public void fix(Instant instant) {
        fixed.set(instant);
    }

    public void reset() {
        fixed.set(null);
    }

    @Override
    public ZoneId getZone() {
        return GUAYAQUIL;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant now = fixed.get();
        return now != null ? now : Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
