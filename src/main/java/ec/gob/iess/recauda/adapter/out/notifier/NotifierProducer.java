package ec.gob.iess.recauda.adapter.out.notifier;

import ec.gob.iess.recauda.application.port.out.Notifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which notifier delivers: {@code recauda.notifications.notifier} is {@code webhook} (the default) or
 * {@code logging}.
 */
@ApplicationScoped
public class NotifierProducer {

    @Produces
    @Singleton
    Notifier notifier(@ConfigProperty(name = "recauda.notifications.notifier", defaultValue = "webhook") String choice,
                      Instance<WebhookNotifier> webhook, Instance<LoggingNotifier> logging) {
        return switch (choice) {
            case "webhook" -> webhook.get();
            case "logging" -> logging.get();
            default -> throw new IllegalStateException("recauda.notifications.notifier must be webhook or logging, not "
                    + choice);
        };
    }
}
