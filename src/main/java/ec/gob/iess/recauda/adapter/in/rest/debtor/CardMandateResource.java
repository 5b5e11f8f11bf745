package ec.gob.iess.recauda.adapter.in.rest.debtor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.ManageCardMandatesUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.card.CardBrand;
import ec.gob.iess.recauda.domain.card.CardMandate;
import ec.gob.iess.recauda.domain.card.CardNumbers;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A debtor's card mandates (issue 12; docs/card-debit.md). The body of a registration is read as bytes and searched
 * for anything that looks like a card number before it is parsed, so that such a number is refused before any part
 * of the service (a parser's error, a log line) could repeat it.
 */
@Path("/api/v1/debtors/{debtorId}/card-mandates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Card debit")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class CardMandateResource {

    /** What the debtor's front-end sends after tokenizing the card at the processor. */
    @Schema(name = "CardMandateRequest")
    public record MandateRequest(
            @Schema(required = true, maxLength = CardMandate.MAX_TOKEN_LENGTH, pattern = "^[A-Za-z0-9_.:-]{1,128}$",
                    description = "The processor's token for the card (never the card number)",
                    example = "tok_sim_approve_7f3a") String processorToken,
            @Schema(required = true, implementation = CardBrand.class) String brand,
            @Schema(required = true, pattern = "^[0-9]{4}$", maxLength = 4, example = "4242") String last4,
            @Schema(required = true, minimum = "1", maximum = "12") Integer expiryMonth,
            @Schema(required = true, minimum = "2000", maximum = "2099") Integer expiryYear,
            @Schema(required = true, maxLength = CardMandate.MAX_HOLDER_NAME_LENGTH, example = "MARIA PEREZ")
            String holderName,
            @Schema(required = true, description = "Day of the month to charge: one of the allowed days"
                    + " (recauda.card-debit.allowed-days, 6, 10 and 14 by default)", minimum = "1", maximum = "28")
            Integer debitDay) {
    }

    /** A mandate as its debtor and staff see it (the token is never shown). */
    @Schema(name = "CardMandate")
    public record MandateJson(
            @Schema(format = "uuid") String id,
            String debtorId,
            CardMandate.Status status,
            @Schema(description = "Why it is SUSPENDED or CANCELLED") String statusReason,
            CardBrand brand,
            String last4,
            @Schema(description = "The card's expiry month, YYYY-MM", example = "2028-07", maxLength = 7) String expiry,
            String holderName,
            int debitDay,
            @Schema(description = "The day a soft-declined charge is tried again, while one is") LocalDate retryOn,
            Instant createdAt,
            Instant updatedAt) {

        static MandateJson from(CardMandate m) {
            return new MandateJson(m.id().toString(), m.debtorId().value(), m.status(), m.statusReason(), m.brand(),
                    m.last4(), m.expiry().toString(), m.holderName(), m.debitDay(), m.retryOn(), m.createdAt(),
                    m.updatedAt());
        }
    }

    /** The schema of the list of a debtor's mandates, for the contract (ListJson is generic). */
    @Schema(name = "CardMandateList")
    public record MandateList(List<MandateJson> items, int page, int size, long totalItems) {
    }

    private final ManageCardMandatesUseCase mandates;
    private final CallContext context;
    private final ObjectMapper json;

    public CardMandateResource(ManageCardMandatesUseCase mandates, CallContext context, ObjectMapper json) {
        this.mandates = mandates;
        this.context = context;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.OPERATOR)
    @Operation(operationId = "registerCardMandate",
            summary = "Register a card to be charged on a day of each month",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys; an EMPLOYER for its own"
                    + " debtor (any other debtor is a 404). The card number never reaches the service: the"
                    + " front-end tokenizes the card at the processor and sends the token. A body holding anything"
                    + " that looks like a card number (13 to 19 digits passing the Luhn check, in any field or"
                    + " field name) is refused with 400 `card-number-refused`, and the number is neither stored nor"
                    + " logged. One ACTIVE mandate per debtor. Audited (without the token).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MandateRequest.class)))
    @APIResponse(responseCode = "201", description = "Registered, ACTIVE",
            content = @Content(schema = @Schema(implementation = MandateJson.class)))
    @APIResponse(responseCode = "400", description = "A field is wrong (validation-error), or the body holds what"
            + " looks like a card number (card-number-refused)")
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client (debtor-not-found)")
    @APIResponse(responseCode = "409", description = "The debtor has an ACTIVE mandate (mandate-active)")
    @APIResponse(responseCode = "422", description = "The card's expiry month is over (card-expired)")
    public Response register(@Parameter(description = "Cédula or RUC", example = "1790012344001")
                             @PathParam("debtorId") String debtorId,
                             byte[] body) throws IOException {
        DebtorId debtor = Params.debtorId(debtorId);
        MandateRequest r = read(body);
        CardMandate mandate = mandates.register(context.caller(), debtor, new CardMandate.Registration(
                r.processorToken(), r.brand(), r.last4(), r.expiryMonth(), r.expiryYear(), r.holderName(),
                r.debitDay()));
        return Response.created(URI.create("/api/v1/card-mandates/" + mandate.id()))
                .type(MediaType.APPLICATION_JSON).entity(MandateJson.from(mandate)).build();
    }

    /**
     * The request, once nothing in it looks like a card number: first the raw bytes (anything, even a body that is
     * not JSON), then every name and value as JSON reads it (a digit may be written as a {@code \\u} escape).
     */
    private MandateRequest read(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            throw new InvalidValueException("validation-error", "a body is required").atField("body");
        }
        if (CardNumbers.containsCardNumber(new String(body, StandardCharsets.UTF_8))) {
            throw CardMandate.cardNumberRefused(fieldsHolding(body));
        }
        JsonNode tree = json.readTree(body);
        List<InvalidValueException.Violation> found = new ArrayList<>();
        search(tree, "", found);
        if (!found.isEmpty()) {
            throw CardMandate.cardNumberRefused(found);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidValueException("validation-error", "must be a JSON object").atField("body");
        }
        return json.treeToValue(tree, MandateRequest.class);
    }

    /**
     * The fields of a body known to hold a card number, to name them in the refusal; the whole body when it is not
     * JSON or the number is not inside one field. The parser's own error would quote the body: it is dropped unread.
     */
    private List<InvalidValueException.Violation> fieldsHolding(byte[] body) {
        List<InvalidValueException.Violation> found = new ArrayList<>();
        try {
            search(json.readTree(body), "", found);
        } catch (IOException | RuntimeException e) {
            found.clear();
        }
        return found.isEmpty() ? List.of(new InvalidValueException.Violation("body",
                CardMandate.CARD_NUMBER_REFUSED)) : found;
    }

    private static void search(JsonNode node, String path, List<InvalidValueException.Violation> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String at = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                if (CardNumbers.containsCardNumber(f.getKey())) {
                    found.add(new InvalidValueException.Violation(path.isEmpty() ? "body" : path,
                            "a field name " + CardMandate.CARD_NUMBER_REFUSED));
                    continue;
                }
                search(f.getValue(), at, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                search(node.get(i), path + "[" + i + "]", found);
            }
        } else if ((node.isTextual() || node.isNumber()) && CardNumbers.containsCardNumber(node.asText())) {
            found.add(new InvalidValueException.Violation(path.isEmpty() ? "body" : path,
                    CardMandate.CARD_NUMBER_REFUSED));
        }
    }

    @GET
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.READER)
    @Operation(operationId = "listCardMandates",
            summary = "A debtor's card mandates, newest first",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for its own"
                    + " debtor (any other debtor is a 404).")
    @APIResponse(responseCode = "200", description = "The mandates, every status",
            content = @Content(schema = @Schema(implementation = MandateList.class)))
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client (debtor-not-found)")
    public ListJson<MandateJson> list(@Parameter(description = "Cédula or RUC", example = "1790012344001")
                                      @PathParam("debtorId") String debtorId) {
        DebtorId debtor = Params.debtorId(debtorId);
        return ListJson.all(mandates.ofDebtor(context.caller(), debtor).stream().map(MandateJson::from).toList());
    }
}
