package ec.gob.iess.recauda.application.service.fakes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A clock in America/Guayaquil that a test moves by hand: the services read "today" and "now" from it, so a test
 * can sign an agreement, pay it a month later and run the daily check another month after that.
 */
public final class AgreementsTestClock extends Clock {

    public static final ZoneId GUAYAQUIL = ZoneId.of("America/Guayaquil");

    private Instant instant;

    public AgreementsTestClock(Instant start) {
        this.instant = Objects.requireNonNull(start, "start");
    }

    /** Moves the clock to {@code at}. */
    public void set(Instant at) {
        instant = Objects.requireNonNull(at, "at");
    }

    /** Moves the clock to {@code day} at 10:00 in Guayaquil (15:00 UTC). */
    public void setDay(LocalDate day) {
        set(day.atTime(10, 0).atZone(GUAYAQUIL).toInstant());
    }

    /** Today in Guayaquil. */
    public LocalDate today() {
        return LocalDate.ofInstant(instant, GUAYAQUIL);
    }

    @Override
    public ZoneId getZone() {
        return GUAYAQUIL;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant, zone);
    }

    @Override
    public Instant instant() {
        return instant;
    }
}
