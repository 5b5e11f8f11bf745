package ec.gob.iess.recauda.adapter.out.notifier;

import ec.gob.iess.recauda.application.port.out.Notifier;
import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.notification.WebhookEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Delivers a notification as one log line ({@code recauda.notifications.notifier=logging}): its id, type and subject,
 * never the debtor or an amount (logs carry no personal data). For development, and for deployments whose log
 * pipeline forwards the events.
 */
@ApplicationScoped
@Typed(LoggingNotifier.class)
public class LoggingNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(LoggingNotifier.class);

    @Override
    public String deliver(Notification n, Optional<WebhookEndpoint> endpoint) {
        LOG.infof("Notification %s: %s of %s", n.id(), n.type().wireName(), n.subjectId());
        return null;
    }
}
