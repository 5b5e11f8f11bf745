package ec.gob.iess.recauda.adapter.in.scheduler;

import ec.gob.iess.recauda.application.port.in.NotificationsUseCase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Delivers the notification outbox on every instance ({@code recauda.notifications.every}, 5 s): the instances divide
 * the due notifications in the database, and one cut off by a crash is tried again when its lease ends.
 */
@ApplicationScoped
public class NotificationJob {

    private static final Logger LOG = Logger.getLogger(NotificationJob.class);

    private final NotificationsUseCase notifications;

    public NotificationJob(NotificationsUseCase notifications) {
        this.notifications = notifications;
    }

    @Scheduled(identity = "notifications", every = "{recauda.notifications.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            notifications.deliverDue();
        } catch (RuntimeException e) {
            // No value of a notification is logged: they are in the database.
            LOG.warnf("Delivering notifications failed and the next poll will go on: %s", e.getClass().getSimpleName());
        }
    }
}
