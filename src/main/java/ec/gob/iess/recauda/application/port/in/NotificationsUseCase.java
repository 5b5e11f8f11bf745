package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.notification.WebhookEndpoint;
import ec.gob.iess.recauda.domain.shared.DebtorId;

/** Notifications of card debit: employers' webhooks, their delivery, and staff's view of what was not delivered. */
public interface NotificationsUseCase {

    /** Sets (or replaces) the debtor's webhook URL with a new signing secret; the answer shows the secret once. */
    WebhookEndpoint setWebhook(Caller caller, DebtorId debtor, String url);

    /** The debtor's webhook (its secret is not for showing). */
    WebhookEndpoint webhook(Caller caller, DebtorId debtor);

    void removeWebhook(Caller caller, DebtorId debtor);

    /** Staff: the notifications not delivered, of one status (PENDING or FAILED) or both (null). */
    Page<Notification> undelivered(Caller caller, Notification.Status status, PageRequest page);

    /** Delivers the notifications that are due, until none is left; how many attempts were made. */
    int deliverDue();
}
