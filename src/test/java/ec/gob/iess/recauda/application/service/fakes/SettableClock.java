package ec.gob.iess.recauda.application.service.fakes;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock fixed at an instant that a test moves ({@link #set}), in the business zone the services take from their
 * clock. What {@code Clock.fixed} is, but movable: a test can pay today and reverse after the cut-off.
 */
public final class SettableClock extends Clock {

    private final ZoneId zone;
    private Instant now;

    public SettableClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new SettableClock(now, other);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
