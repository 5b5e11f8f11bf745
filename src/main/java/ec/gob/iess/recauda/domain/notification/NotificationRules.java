package ec.gob.iess.recauda.domain.notification;

import java.time.Duration;
import java.util.List;

/**
 * How notifications are delivered ({@code recauda.notifications.*}, README).
 *
 * @param retrySchedule    the waits between delivery attempts (the first attempt is at once): 1 min, 5 min, 30 min,
 *                         2 h, 6 h, 24 h by default, so a notification is tried 7 times over about 33 hours
 * @param lease            how long an attempt holds a notification: another instance tries it again only after this
 *                         (an attempt cut off by a crash is repeated: at least once)
 * @param allowInsecureUrls whether webhook URLs may be {@code http} and point to loopback or private addresses (tests
 *                         and local development only)
 */
public record NotificationRules(List<Duration> retrySchedule, Duration lease, boolean allowInsecureUrls) {

    public NotificationRules {
        retrySchedule = List.copyOf(retrySchedule);
        if (retrySchedule.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("the retry schedule's waits must be positive");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the lease must be positive");
        }
    }
}
