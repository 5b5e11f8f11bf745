package ec.gob.iess.recauda.adapter.in.rest.bank;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.PageParams;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.StreamedAnswer;
import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.adapter.in.rest.json.PaymentJson;
import ec.gob.iess.recauda.adapter.in.rest.json.ReconciliationJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.adapter.in.rest.strict.MultiLine;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.CollectPaymentsUseCase;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.payment.DayTotals;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.PaymentOfDay;
import ec.gob.iess.recauda.domain.payment.PaymentStatus;
import ec.gob.iess.recauda.domain.payment.Reconciliation;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The online channel of partner banks, cooperatives and payment networks (role BANK). Every operation is scoped to
 * the caller's entity; the entity must be active. docs/bank-integration.md is the guide for a bank's engineers.
 */
@Path("/api/v1/channel")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Channel")
@SecurityRequirement(name = "apiKey")
@Allowed(Role.BANK)
public class ChannelResource {

    static final String REPLAYED = "Idempotent-Replayed";
    static final String FORBIDDEN = "The key's role is not BANK, or the key's financial entity is inactive"
            + " (forbidden)";
    static final String TRANSACTION_ID = "The bank's own id of the transaction, unique per entity; retry with the"
            + " same id. 1 to 64 characters (Unicode code points): letters of any script, digits, punctuation and"
            + " inner spaces are fine; control characters (U+0000-U+001F, U+007F-U+009F) and whitespace at either"
            + " end are refused (400). Compared exactly, never trimmed.";

    /** What can be paid. */
    @Schema(name = "Payables")
    public record PayablesJson(List<PayableJson> items) {
    }

    /** A voucher a bank can collect now, for exactly its amount. */
    @Schema(name = "Payable")
    public record PayableJson(String reference, String debtorId, String debtorName, String description,
                              @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String amount,
                              LocalDate expiresOn) {
        static PayableJson from(VoucherView view) {
            var v = view.voucher();
            return new PayableJson(v.reference().value(), v.debtorId().value(), v.debtorName(), v.description(),
                    v.amount().toString(), v.expiresOn());
        }
    }

    /** A payment as the bank posts it. */
    @Schema(name = "PostPaymentRequest")
    public record PostPaymentRequest(
            @NotNull @Schema(description = TRANSACTION_ID, minLength = 1, maxLength = 64,
                    example = "PCH-20240315-000123") String bankTransactionId,
            @NotNull @Schema(example = "4852016937150404") String reference,
            @NotNull @Schema(type = SchemaType.STRING, pattern = Amounts.INPUT_PATTERN,
                    description = "Exactly the voucher's amount",
                    example = "1250.00") String amount,
            @NotNull @Schema(description = "When the customer paid, with its offset",
                    example = "2024-03-15T10:30:00-05:00") OffsetDateTime paidAt) {
    }

    /** Why a bank undoes a payment. */
    @Schema(name = "ReversalRequest")
    public record ReversalRequest(@NotBlank @Size(max = 500) @Schema(example = "Cajero anuló la transacción")
                                  @MultiLine String reason) {
    }

    /** The state of a payment after a reversal. */
    @Schema(name = "Reversal")
    public record ReversalJson(@Schema(format = "uuid") String paymentId, PaymentStatus status,
                               Instant reversedAt) {
    }

    /** The entity's payments of a business date. */
    @Schema(name = "DailyPayments")
    public record DailyJson(String entityCode, LocalDate businessDate,
                            @Schema(description = "APPLIED payments of the whole date only") int count,
                            @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                                    description = "APPLIED payments of the whole date only") String total,
                            @Schema(description = "The date's payments in posting order, APPLIED and REVERSED: one"
                                    + " page, or all of them when neither page nor size was sent")
                            List<DailyPaymentJson> payments,
                            @Schema(description = "The page number (0 for the whole date)") int page,
                            @Schema(description = "The page size asked for (for the whole date: how many payments"
                                    + " it has)") int size,
                            @Schema(description = "How many payments the date has, APPLIED and REVERSED")
                            long totalItems) {

        static DailyJson from(CollectPaymentsUseCase.DayPage day) {
            DayTotals totals = day.totals();
            return new DailyJson(day.entityCode(), day.businessDate(), totals.appliedCount(),
                    totals.appliedTotal().toString(), day.page().items().stream().map(DailyPaymentJson::from).toList(),
                    day.page().page(), day.page().size(), day.page().totalItems());
        }
    }

    /** One payment of the day. */
    @Schema(name = "DailyPayment")
    public record DailyPaymentJson(@Schema(format = "uuid") String paymentId, String bankTransactionId,
                                   String reference,
                                   @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String amount,
                                   PaymentStatus status,
                                   @Schema(description = "When the customer paid, in UTC") Instant paidAt) {

        static DailyPaymentJson from(PaymentOfDay p) {
            return new DailyPaymentJson(p.id().toString(), p.bankTransactionId(), p.voucherReference(),
                    p.amount().toString(), p.status(), p.paidAt());
        }
    }

    /** The bank's list for a business date. */
    @Schema(name = "ReconciliationRequest")
    public record ReconcileRequest(@NotNull @Size(max = 100_000) @Schema(description = "Up to 100,000 items in"
            + " a body of up to 10 MiB") List<@NotNull @Valid BankItem> items) {
    }

    /** One payment as the bank has it. */
    @Schema(name = "BankReconciliationItem")
    public record BankItem(@NotNull @Schema(description = TRANSACTION_ID, minLength = 1, maxLength = 64)
                           String bankTransactionId,
                           @NotNull @Schema(type = SchemaType.STRING, pattern = Amounts.INPUT_PATTERN,
                                   example = "1250.00") String amount) {
    }

    private final CollectPaymentsUseCase channel;
    private final CallContext context;
    private final ObjectMapper mapper;

    public ChannelResource(CollectPaymentsUseCase channel, CallContext context, ObjectMapper mapper) {
        this.channel = channel;
        this.context = context;
        this.mapper = mapper;
    }

    @GET
    @Path("/payables")
    @Operation(operationId = "getPayables",
            summary = "What can be paid: by voucher reference or by debtor id",
            description = "**Who may call:** BANK (active entity). By `reference`: that voucher, if payable. By"
                    + " `debtorId`: the debtor's unexpired vouchers, plus one newly issued voucher for all its"
                    + " pending obligations that no voucher holds. Send exactly one of the two. Expiry is judged on"
                    + " the entity's business date (after its cut-off, tomorrow's). A voucher whose obligations a"
                    + " newer voucher took is superseded: expired everywhere.")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "200", description = "What can be paid",
            content = @Content(schema = @Schema(implementation = PayablesJson.class)))
    @APIResponse(responseCode = "404", description = "Unknown reference (voucher-not-found)")
    @APIResponse(responseCode = "409", description = "The voucher is paid (already-paid)")
    @APIResponse(responseCode = "422", description = "The voucher expired, or was superseded by a newer voucher"
            + " after it expired at another entity's cut-off (voucher-expired), or was cancelled (voucher-cancelled),"
            + " or a charge to the debtor's card collects it (voucher-of-card-charge); a fresh voucher needs a rate"
            + " that is missing (interest-rate-unavailable)")
    public PayablesJson payables(@Parameter(description = "A voucher reference") @QueryParam("reference")
                                 String reference,
                                 @Parameter(description = "A cédula, RUC or passport") @QueryParam("debtorId")
                                 String debtorId) {
        if ((reference == null) == (debtorId == null)) {
            throw new InvalidValueException("validation-error", "send exactly one of reference and debtorId")
                    .atField(reference == null ? "reference" : "debtorId");
        }
        List<VoucherView> found;
        if (reference != null) {
            found = channel.payablesByReference(context.caller(), Params.voucherReference("reference", reference));
        } else {
            DebtorId debtor;
            try {
                debtor = DebtorId.parsePayer(debtorId);
            } catch (InvalidValueException e) {
                throw e.atField("debtorId");
            }
            found = channel.payablesByDebtor(context.caller(), debtor);
        }
        return new PayablesJson(found.stream().map(PayableJson::from).toList());
    }

    @POST
    @Path("/payments")
    @Operation(operationId = "postPayment",
            summary = "Pay a voucher",
            description = "**Who may call:** BANK (active entity). Exactly the voucher's amount. Idempotent by"
                    + " `bankTransactionId`: the same id with the same body answers 200 with the payment as it is now"
                    + " and `Idempotent-Replayed: true`; with a different body, 409 idempotency-mismatch. The"
                    + " transaction id is checked before anything else, so a retry replays however late it comes. The"
                    + " payment"
                    + " is applied interest first, then principal, oldest obligation first. `paidAt` may be at most"
                    + " 24 hours old and 5 minutes ahead of the service's clock.")
    @APIResponse(responseCode = "201", description = "Applied",
            content = @Content(schema = @Schema(implementation = PaymentJson.class)))
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "200", description = "A retry of an earlier post: the same payment",
            headers = @Header(name = REPLAYED, description = "true", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PaymentJson.class)))
    @APIResponse(responseCode = "404", description = "Unknown reference (voucher-not-found)")
    @APIResponse(responseCode = "409", description = "Paid by another transaction (already-paid), this transaction"
            + " id was used with a different body (idempotency-mismatch), or two posts of one id raced twice"
            + " (transaction-taken: retry)")
    @APIResponse(responseCode = "422", description = "Wrong amount (amount-mismatch), expired or cancelled voucher"
            + " (voucher-expired, also for a voucher superseded by a newer one; voucher-cancelled), paidAt in the"
            + " future or more than 24 hours old"
            + " (paid-at-in-future, paid-at-too-old), a voucher a card charge collects (voucher-of-card-charge)")
    public Response pay(@Valid @NotNull PostPaymentRequest body) {
        Fields fields = new Fields();
        String transaction = fields.read("bankTransactionId",
                () -> Payment.checkTransactionId(body.bankTransactionId()));
        VoucherReference reference = fields.read("reference", () -> VoucherReference.parse(body.reference()));
        Money amount = fields.read("amount", () -> Money.parseAmount(body.amount()));
        fields.check();
        CollectPaymentsUseCase.Posted posted = channel.post(context.caller(), new CollectPaymentsUseCase.PostPayment(
                transaction, reference, amount, body.paidAt().toInstant()));
        PaymentJson json = PaymentJson.from(posted.payment());
        if (posted.replayed()) {
            return Response.ok(json).header(REPLAYED, "true").build();
        }
        return Response.created(URI.create("/api/v1/channel/payments/" + json.paymentId())).entity(json).build();
    }

    @GET
    @Path("/payments")
    @Operation(operationId = "findPaymentByTransactionId",
            summary = "Find one of the entity's payments by its transaction id",
            description = "**Who may call:** BANK (active entity). For a post whose answer never arrived: 404 means"
                    + " no payment was made with that id (post it again with the same id), 200 shows the payment.")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "200", description = "The payment",
            content = @Content(schema = @Schema(implementation = PaymentJson.class)))
    @APIResponse(responseCode = "404", description = "No payment of this entity with that id (payment-not-found)")
    public PaymentJson paymentByTransaction(@Parameter(required = true, description = TRANSACTION_ID,
                                                       schema = @Schema(type = SchemaType.STRING, minLength = 1,
                                                               maxLength = 64))
                                            @QueryParam("bankTransactionId") String bankTransactionId) {
        Fields fields = new Fields();
        String transaction = fields.read("bankTransactionId", () -> Payment.checkTransactionId(bankTransactionId));
        fields.check();
        return PaymentJson.from(channel.paymentByTransaction(context.caller(), transaction));
    }

    @GET
    @Path("/payments/{paymentId}")
    @Operation(operationId = "getPayment",
            summary = "Read one of the entity's payments",
            description = "**Who may call:** BANK (active entity), for its own payments; another entity's is a 404.")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "200", description = "The payment",
            content = @Content(schema = @Schema(implementation = PaymentJson.class)))
    @APIResponse(responseCode = "404", description = "No such payment of this entity (payment-not-found)")
    public PaymentJson payment(@PathParam("paymentId") String paymentId) {
        return PaymentJson.from(channel.payment(context.caller(), Params.uuid("paymentId", paymentId)));
    }

    @POST
    @Path("/payments/{paymentId}/reversal")
    @Operation(operationId = "reversePayment",
            summary = "Reverse a payment the same business day",
            description = "**Who may call:** BANK (active entity), only for its own payments, only on the"
                    + " payment's business date before the entity's cut-off (service clock). Idempotent: reversing"
                    + " a reversed payment answers the same. The obligations are restored exactly and the voucher is"
                    + " ISSUED again (EXPIRED if past its date).")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "200", description = "Reversed",
            content = @Content(schema = @Schema(implementation = ReversalJson.class)))
    @APIResponse(responseCode = "404", description = "No such payment of this entity (payment-not-found)")
    @APIResponse(responseCode = "422", description = "Too late (reversal-window-closed)")
    public ReversalJson reverse(@PathParam("paymentId") String paymentId, @Valid @NotNull ReversalRequest body) {
        Payment payment = channel.reverse(context.caller(), Params.uuid("paymentId", paymentId), body.reason());
        return new ReversalJson(payment.id().toString(), payment.status(), payment.reversedAt());
    }

    @GET
    @Path("/reconciliation/{businessDate}")
    @Operation(operationId = "listDailyPayments",
            summary = "The entity's payments of a business date: JSON by page or whole, or CSV",
            description = "**Who may call:** BANK (active entity), for its own payments only. In posting order,"
                    + " APPLIED and REVERSED. `count` and `total` cover the APPLIED payments of the whole date"
                    + " (every page repeats them); `totalItems` counts every payment of the date.\n\n"
                    + "With `page` or `size` (or both) the answer is one page, 50 payments unless `size` says otherwise"
                    + " (at most 500). Without either it holds every payment of the date, streamed as it is read (as"
                    + " before paging existed); its `count`, `total`, `page`, `size` and `totalItems` then come after"
                    + " `payments` and are those of the payments listed. A payment posted while the pages are read"
                    + " comes after them.\n\n"
                    + "With `Accept: text/csv` the same payments (the page, or the whole date) come as CSV (RFC 4180:"
                    + " a header line, CRLF line ends, UTF-8), streamed row by row. Columns: "
                    + DailyPaymentsCsv.COLUMNS + ".")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "200", description = "The day's payments",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DailyJson.class)),
                    @Content(mediaType = DailyPaymentsCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "A header line, then one line per payment. Columns: "
                                    + DailyPaymentsCsv.COLUMNS))})
    public Response daily(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "date"))
                          @PathParam("businessDate") String businessDate,
                          @BeanParam PageParams paging, @Context HttpServerRequest request) {
        DayQuery query = DayQuery.read(businessDate, paging);
        if (query.page() != null) {
            return Response.ok(DailyJson.from(channel.payments(context.caller(), query.date(), query.page()))).build();
        }
        CollectPaymentsUseCase.DayListing day = channel.allPayments(context.caller(), query.date());
        StreamingOutput body = StreamedAnswer.breakingOnFailure(request, out -> writeWholeDay(day, out));
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The same listing as CSV (documented with the JSON operation above). */
    @GET
    @Path("/reconciliation/{businessDate}")
    @Produces(DailyPaymentsCsv.MEDIA_TYPE)
    @Operation(hidden = true)
    public Response dailyCsv(@PathParam("businessDate") String businessDate, @BeanParam PageParams paging,
                             @Context HttpServerRequest request) {
        DayQuery query = DayQuery.read(businessDate, paging);
        String entity;
        Consumer<Consumer<PaymentOfDay>> payments;
        if (query.page() != null) {
            CollectPaymentsUseCase.DayPage day = channel.payments(context.caller(), query.date(), query.page());
            entity = day.entityCode();
            payments = day.page().items()::forEach;
        } else {
            CollectPaymentsUseCase.DayListing day = channel.allPayments(context.caller(), query.date());
            entity = day.entityCode();
            payments = day::forEach;
        }
        StreamingOutput body = StreamedAnswer.breakingOnFailure(request,
                out -> DailyPaymentsCsv.write(payments, out));
        return Response.ok(body, DailyPaymentsCsv.CONTENT_TYPE)
                .header("Content-Disposition", "attachment; filename=\"pagos-" + entity + "-" + query.date()
                        + ".csv\"")
                .build();
    }

    /** What a request for a day's listing asks for: the date, and a page or (null) the whole date. */
    private record DayQuery(LocalDate date, PageRequest page) {

        /** Every bad value is reported at once, each naming its parameter. */
        static DayQuery read(String businessDate, PageParams paging) {
            Fields fields = new Fields();
            LocalDate date = fields.read("businessDate", () -> Params.date("businessDate", businessDate));
            PageRequest page = paging.given() ? fields.read("page", paging::request) : null;
            fields.check();
            return new DayQuery(date, page);
        }
    }

    /**
     * Every payment of the date as the JSON of one page holding them all, written as the payments are read. The
     * totals are counted from the payments written and follow them. A failure half-way leaves the generator as it
     * is (nothing more is written) and breaks the connection ({@link StreamedAnswer}).
     */
    private void writeWholeDay(CollectPaymentsUseCase.DayListing day, OutputStream out) throws IOException {
        JsonGenerator json = mapper.createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeStringField("entityCode", day.entityCode());
        json.writePOJOField("businessDate", day.businessDate());
        json.writeArrayFieldStart("payments");
        DayTotals[] totals = {DayTotals.NONE};
        try {
            day.forEach(p -> {
                totals[0] = totals[0].plus(p);
                try {
                    json.writePOJO(DailyPaymentJson.from(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        json.writeEndArray();
        json.writeNumberField("count", totals[0].appliedCount());
        json.writeStringField("total", totals[0].appliedTotal().toString());
        json.writeNumberField("page", 0);
        json.writeNumberField("size", Math.toIntExact(totals[0].payments()));
        json.writeNumberField("totalItems", totals[0].payments());
        json.writeEndObject();
        json.close();
    }

    @POST
    @Path("/reconciliation/{businessDate}")
    @Operation(operationId = "reconcile",
            summary = "Reconcile a business date",
            description = "**Who may call:** BANK (active entity). Send every payment the bank has for the date;"
                    + " the answer lists what matches and every difference. Each submission is stored for staff.")
    @APIResponse(responseCode = "403", description = FORBIDDEN)
    @APIResponse(responseCode = "200", description = "The matching",
            content = @Content(schema = @Schema(implementation = ReconciliationJson.class)))
    public ReconciliationJson reconcile(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "date"))
                                        @PathParam("businessDate") String businessDate,
                                        @Valid @NotNull ReconcileRequest body) {
        LocalDate date = Params.date("businessDate", businessDate);
        Fields fields = new Fields();
        List<Reconciliation.Item> items = new ArrayList<>();
        for (int i = 0; i < body.items().size(); i++) {
            BankItem item = body.items().get(i);
            String transaction = fields.read("items[" + i + "].bankTransactionId",
                    () -> Payment.checkTransactionId(item.bankTransactionId()));
            Money amount = fields.read("items[" + i + "].amount", () -> Money.parseAmount(item.amount()));
            items.add(new Reconciliation.Item(transaction == null ? "" : transaction,
                    amount == null ? Money.ZERO : amount));
        }
        fields.check();
        return ReconciliationJson.from(channel.reconcile(context.caller(), date, items));
    }
}
