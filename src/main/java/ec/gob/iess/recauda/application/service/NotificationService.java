package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.NotificationsUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.Notifications;
import ec.gob.iess.recauda.application.port.out.Notifier;
import ec.gob.iess.recauda.application.port.out.Transactions;
import ec.gob.iess.recauda.application.port.out.WebhookEndpoints;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.notification.NotificationRules;
import ec.gob.iess.recauda.domain.notification.WebhookEndpoint;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Employers' webhooks (set, read and removed by staff from OPERATOR up or the debtor's EMPLOYER key; audited without
 * the secret) and the delivery of the notification outbox: each attempt claims due notifications under a lease
 * (SKIP LOCKED, so instances divide them), delivers them outside any transaction, and records each outcome on the
 * retry schedule. A delivery cut off by a crash is tried again when its lease ends: at least once.
 */
@ApplicationScoped
public class NotificationService implements NotificationsUseCase {

    /**
     * How many due notifications an attempt takes at a time: few enough that delivering them all, each bounded by the
     * notifier's deadline, ends well within the lease.
     */
    static final int CHUNK = 5;

    private final Notifications notifications;
    private final WebhookEndpoints endpoints;
    private final Notifier notifier;
    private final AuditLog audit;
    private final Transactions transactions;
    private final NotificationRules rules;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public NotificationService(Notifications notifications, WebhookEndpoints endpoints, Notifier notifier,
                               AuditLog audit, Transactions transactions, NotificationRules rules, Clock clock) {
        this.notifications = notifications;
        this.endpoints = endpoints;
        this.notifier = notifier;
        this.audit = audit;
        this.transactions = transactions;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    @Transactional
    public WebhookEndpoint setWebhook(Caller caller, DebtorId debtor, String url) {
        Authorization.requireRole(caller, StaffRole.OPERATOR, Role.STAFF, Role.EMPLOYER);
        Authorization.requireMayActFor(caller, debtor);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Instant now = clock.instant();
        WebhookEndpoint endpoint = new WebhookEndpoint(debtor, WebhookEndpoint.parseUrl(url,
                rules.allowInsecureUrls()), "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                now, caller.actor().id());
        endpoints.put(endpoint);
        audit.record(Audit.entry(caller, now, "WEBHOOK_SET", "WEBHOOK", debtor.value(),
                Map.of("url", endpoint.url().toString())));
        return endpoint;
    }

    @Override
    @Transactional
    public WebhookEndpoint webhook(Caller caller, DebtorId debtor) {
        Authorization.requireRole(caller, StaffRole.READER, Role.STAFF, Role.EMPLOYER);
        Authorization.requireMayActFor(caller, debtor);
        return endpoints.find(debtor).orElseThrow(() -> notFound(debtor));
    }

    @Override
    @Transactional
    public void removeWebhook(Caller caller, DebtorId debtor) {
        Authorization.requireRole(caller, StaffRole.OPERATOR, Role.STAFF, Role.EMPLOYER);
        Authorization.requireMayActFor(caller, debtor);
        if (!endpoints.remove(debtor)) {
            throw notFound(debtor);
        }
        audit.record(Audit.entry(caller, clock.instant(), "WEBHOOK_REMOVED", "WEBHOOK", debtor.value(), Map.of()));
    }

    private static NotFoundException notFound(DebtorId debtor) {
        return new NotFoundException("webhook-not-found", "debtor " + debtor.value() + " has no webhook");
    }

    @Override
    @Transactional
    public Page<Notification> undelivered(Caller caller, Notification.Status status, PageRequest page) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return notifications.undelivered(status, page);
    }

    @Override
    public int deliverDue() {
        int attempts = 0;
        List<Notification> due;
        do {
            Instant now = clock.instant();
            Instant leaseUntil = now.plus(rules.lease());
            due = transactions.inNew(() -> notifications.claimDue(now, leaseUntil, CHUNK));
            for (Notification n : due) {
                String error = deliver(n);
                // Stored only while the lease holds: a late attempt never overwrites a newer one's outcome.
                transactions.inNew(() -> {
                    n.attempted(clock.instant(), error, rules.retrySchedule());
                    return notifications.update(n, leaseUntil);
                });
                attempts++;
            }
        } while (due.size() == CHUNK);
        return attempts;
    }

    private String deliver(Notification n) {
        try {
            return notifier.deliver(n, transactions.inNew(() -> endpoints.find(n.debtorId())));
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
