package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.notification.WebhookEndpoint;

import java.util.Optional;

/** Delivers a notification (issue 12 §4): a webhook, or a log line. */
public interface Notifier {

    /**
     * Delivers {@code notification} to {@code endpoint} (the debtor's, if it set one); returns null when delivered,
     * otherwise why not, in a few words (never a value of the notification). Never throws for a delivery failure.
     */
    String deliver(Notification notification, Optional<WebhookEndpoint> endpoint);
}
