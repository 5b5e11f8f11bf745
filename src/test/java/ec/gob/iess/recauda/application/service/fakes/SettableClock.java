package ec.gob.iess.recauda.application.service.fakes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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

    /** Moves the clock to {@code day} at 10:00 in its zone. */
    public void setDay(LocalDate day) {
        set(day.atTime(10, 0).atZone(zone).toInstant());
    }

    /** Today in its zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(now, zone);
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
