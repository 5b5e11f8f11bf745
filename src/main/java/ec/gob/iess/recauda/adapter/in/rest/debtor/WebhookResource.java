package ec.gob.iess.recauda.adapter.in.rest.debtor;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.NotificationsUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.notification.WebhookEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/** Where an employer receives the notifications of its card debit (issue 12 §4; docs/card-debit.md). */
@Path("/api/v1/debtors/{debtorId}/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Card debit")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class WebhookResource {

    /** The URL to deliver to. */
    @Schema(name = "WebhookRequest")
    public record WebhookRequest(@NotNull @Schema(required = true, maxLength = WebhookEndpoint.MAX_URL_LENGTH,
            example = "https://erp.empresa.ec/recauda/events") String url) {
    }

    /** The endpoint, with its signing secret only in the answer that made it. */
    @Schema(name = "Webhook")
    public record WebhookJson(String debtorId, String url,
                              @Schema(description = "The HMAC-SHA256 signing secret: shown once, in the answer to the"
                                      + " PUT that made it") String secret,
                              Instant createdAt) {
    }

    private final NotificationsUseCase notifications;
    private final CallContext context;

    public WebhookResource(NotificationsUseCase notifications, CallContext context) {
        this.notifications = notifications;
        this.context = context;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.OPERATOR)
    @Operation(operationId = "setWebhook",
            summary = "Set the debtor's webhook, with a new signing secret",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys; an EMPLOYER for its own"
                    + " debtor (any other debtor is a 404). The URL must be https. Card charges approved or failed"
                    + " and mandates suspended are POSTed to it, signed with HMAC-SHA256 (header Recauda-Signature:"
                    + " t=<unix seconds>,v1=<hex HMAC of \"<t>.<body>\">), at least once, on a retry schedule. Every"
                    + " PUT makes a new secret, shown in its answer only. Audited (without the secret).")
    @APIResponse(responseCode = "200", description = "Set; the answer carries the secret",
            content = @Content(schema = @Schema(implementation = WebhookJson.class)))
    @APIResponse(responseCode = "400", description = "The URL is not an https URL (validation-error)")
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client (debtor-not-found)")
    public WebhookJson set(@Parameter(description = "Cédula or RUC", example = "1790012344001")
                           @PathParam("debtorId") String debtorId, @Valid @NotNull WebhookRequest body) {
        WebhookEndpoint e = notifications.setWebhook(context.caller(), Params.debtorId(debtorId), body.url());
        return new WebhookJson(e.debtorId().value(), e.url().toString(), e.secret(), e.createdAt());
    }

    @GET
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.READER)
    @Operation(operationId = "getWebhook",
            summary = "The debtor's webhook (without its secret)",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for its own"
                    + " debtor (any other debtor is a 404).")
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(schema = @Schema(implementation = WebhookJson.class)))
    @APIResponse(responseCode = "404", description = "No webhook (webhook-not-found), or the debtor is not visible"
            + " to this client (debtor-not-found)")
    public WebhookJson get(@Parameter(description = "Cédula or RUC", example = "1790012344001")
                           @PathParam("debtorId") String debtorId) {
        WebhookEndpoint e = notifications.webhook(context.caller(), Params.debtorId(debtorId));
        return new WebhookJson(e.debtorId().value(), e.url().toString(), null, e.createdAt());
    }

    @DELETE
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.OPERATOR)
    @Operation(operationId = "removeWebhook",
            summary = "Remove the debtor's webhook",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys; an EMPLOYER for its own"
                    + " debtor. Notifications not yet delivered wait for a new webhook until their retries run out."
                    + " Audited.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No webhook (webhook-not-found), or the debtor is not visible"
            + " to this client (debtor-not-found)")
    public Response remove(@Parameter(description = "Cédula or RUC", example = "1790012344001")
                           @PathParam("debtorId") String debtorId) {
        notifications.removeWebhook(context.caller(), Params.debtorId(debtorId));
        return Response.noContent().build();
    }
}
