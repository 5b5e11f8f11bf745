package ec.gob.iess.recauda.adapter.in.rest.staff;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.PageParams;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.NotificationsUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** The notifications not delivered, for staff to follow up (issue 12 §4). */
@Path("/api/v1/admin/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Card debit")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class NotificationResource {

    /** A notification and where its delivery stands. */
    @Schema(name = "Notification")
    public record NotificationJson(
            @Schema(format = "uuid") String id,
            @Schema(enumeration = {"card.charge.approved", "card.charge.failed", "card.mandate.suspended"})
            String type,
            String debtorId,
            @Schema(format = "uuid", description = "The charge, or the mandate") String subjectId,
            @Schema(description = "PENDING: tried again at nextAttemptAt; FAILED: the retries ran out")
            Notification.Status status,
            int attempts,
            Instant nextAttemptAt,
            @Schema(description = "Why the last attempt failed (no-webhook, http-503, ...)") String lastError,
            Instant createdAt) {

        static NotificationJson of(Notification n) {
            return new NotificationJson(n.id().toString(), n.type().wireName(), n.debtorId().value(),
                    n.subjectId().toString(), n.status(), n.attempts(), n.nextAttemptAt(), n.lastError(),
                    n.createdAt());
        }
    }

    /** The schema of a page of notifications, for the contract (ListJson is generic). */
    @Schema(name = "NotificationPage")
    public record NotificationPage(List<NotificationJson> items, int page, int size, long totalItems) {
    }

    private final NotificationsUseCase notifications;
    private final CallContext context;

    public NotificationResource(NotificationsUseCase notifications, CallContext context) {
        this.notifications = notifications;
        this.context = context;
    }

    @GET
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "listUndeliveredNotifications",
            summary = "Notifications not delivered",
            description = "**Who may call:** staff from READER up (people) and STAFF keys. PENDING ones (still being"
                    + " tried) and FAILED ones (the retries ran out), or one of the two; oldest first.")
    @APIResponse(responseCode = "200", description = "One page of notifications",
            content = @Content(schema = @Schema(implementation = NotificationPage.class)))
    public ListJson<NotificationJson> list(@Parameter(schema = @Schema(enumeration = {"PENDING", "FAILED"}))
                                           @QueryParam("status") String status,
                                           @BeanParam PageParams paging) {
        Fields fields = new Fields();
        Notification.Status filter = fields.read("status", () -> {
            Notification.Status s = Params.enumValue("status", status, Notification.Status.class);
            if (s == Notification.Status.DELIVERED) {
                throw new InvalidValueException("validation-error",
                        "must be PENDING or FAILED").atField("status");
            }
            return s;
        });
        PageRequest page = fields.read("page", paging::request);
        fields.check();
        return ListJson.of(notifications.undelivered(context.caller(), filter, page), NotificationJson::of);
    }
}
