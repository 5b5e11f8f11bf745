package ec.gob.iess.recauda.config;

import ec.gob.iess.recauda.domain.notification.NotificationRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;

/** How notifications are delivered, from configuration ({@code recauda.notifications.*}, README). */
@ApplicationScoped
public class NotificationRulesProducer {

    @Produces
    @Singleton
    NotificationRules rules(@ConfigProperty(name = "recauda.notifications.retry-schedule",
            defaultValue = "1m,5m,30m,2h,6h,24h") List<Duration> schedule,
                            @ConfigProperty(name = "recauda.notifications.lease", defaultValue = "2m") Duration lease,
                            @ConfigProperty(name = "recauda.notifications.allow-insecure-urls", defaultValue = "false")
                            boolean allowInsecureUrls) {
        try {
            return new NotificationRules(schedule, lease, allowInsecureUrls);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("recauda.notifications.* is not valid: " + e.getMessage(), e);
        }
    }
}
