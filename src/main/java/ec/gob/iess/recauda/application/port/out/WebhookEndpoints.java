package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.notification.WebhookEndpoint;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.util.Optional;

/** Employers' webhook endpoints, one per debtor (issue 12 §4). */
public interface WebhookEndpoints {

    Optional<WebhookEndpoint> find(DebtorId debtor);

    /** Sets the debtor's endpoint, replacing any. */
    void put(WebhookEndpoint endpoint);

    /** Removes the debtor's endpoint; false when there was none. */
    boolean remove(DebtorId debtor);
}
