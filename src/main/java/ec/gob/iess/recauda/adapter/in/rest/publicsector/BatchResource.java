package ec.gob.iess.recauda.adapter.in.rest.publicsector;

import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.PageParams;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.StreamedAnswer;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.adapter.in.rest.security.BodyLimitFilter;
import ec.gob.iess.recauda.adapter.in.rest.signature.HttpMessageSignatures;
import ec.gob.iess.recauda.adapter.in.rest.signature.SignatureRefusedException;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.PublicSectorBatchesUseCase;
import ec.gob.iess.recauda.application.port.out.Batches;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.publicsector.LineStatus;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Ministry of Finance's signed batches of payments (docs/ministry-integration.md). The body is read as the bytes
 * that were signed: the signature (RFC 9421) and its Content-Digest (RFC 9530) are verified over them before any of
 * it is parsed, and a refused signature stores nothing.
 */
@Path(BodyLimitFilter.BATCHES_PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public-sector batches")
public class BatchResource {

    private static final String SIGNED = "Signed per RFC 9421 with the client's registered Ed25519 key over exactly"
            + " @method, @path and content-digest (docs/ministry-integration.md)";

    private final PublicSectorBatchesUseCase batches;
    private final CallContext context;
    private final ObjectMapper mapper;
    private final Clock clock;

    public BatchResource(PublicSectorBatchesUseCase batches, CallContext context, ObjectMapper mapper, Clock clock) {
        this.batches = batches;
        this.context = context;
        this.mapper = mapper;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.MINISTRY)
    @SecurityRequirement(name = "apiKey")
    @Operation(operationId = "submitBatch",
            summary = "Submit a signed batch of payments",
            description = "**Who may call:** MINISTRY clients, with their API key and a signature made with one of"
                    + " their registered signing keys. Up to 100,000 lines and 32 MiB. The batch is checked whole and"
                    + " stored, or refused whole with nothing stored; its lines are then settled in the background"
                    + " (poll GET .../batches/{batchId}). The same batchId again with the same body (compared by its"
                    + " SHA-256) answers 200 with the batch as it stands; with another body, 409. Each signature is"
                    + " accepted once: a retry is signed again.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchJson.Request.class)))
    @APIResponse(responseCode = "202", description = "Accepted; settled in the background",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BatchJson.View.class)))
    @APIResponse(responseCode = "200", description = "This batch was accepted before with this very body: its state",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BatchJson.View.class)))
    @APIResponse(responseCode = "401", description = "No valid API key (unauthorized), or a signature refused:"
            + " signature-missing, signature-malformed, digest-mismatch, signature-stale, signature-key-unknown,"
            + " signature-invalid, signature-replayed. Nothing is stored.")
    @APIResponse(responseCode = "409", description = "The batchId was used for a different body (batch-conflict)")
    @APIResponse(responseCode = "422", description = "lineCount or controlTotal different from the lines, a value"
            + " date out of range, malformed or repeated lines (batch-invalid; `errors` names the first 100 lines)")
    public Response submit(
            @Parameter(required = true, description = "sha-256=:<base64 of the SHA-256 of the body>: (RFC 9530)",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 1024))
            @HeaderParam("Content-Digest") String contentDigest,
            @Parameter(required = true, description = SIGNED + ": sig1=(\"@method\" \"@path\" \"content-digest\")"
                    + ";created=<unix seconds>;keyid=\"<keyId>\";alg=\"ed25519\"",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 1024))
            @HeaderParam("Signature-Input") String signatureInput,
            @Parameter(required = true, description = "sig1=:<base64 of the Ed25519 signature of the signature"
                    + " base>:", schema = @Schema(type = SchemaType.STRING, maxLength = 1024))
            @HeaderParam("Signature") String signature,
            byte[] body, @Context HttpServerRequest request) throws IOException {
        Caller caller = context.caller();
        HttpMessageSignatures.Verified verified = HttpMessageSignatures.verify("POST", request.path(), body,
                contentDigest, signatureInput, signature, keyId -> batches.signingKey(caller, keyId),
                clock.instant());
        BatchJson.Request parsed = mapper.readValue(body, BatchJson.Request.class);
        PublicSectorBatchesUseCase.Submitted submitted = batches.submit(caller, new PublicSectorBatchesUseCase
                .Submission(parsed.raw(), verified.bodySha256(), verified.key().keyId(), verified.signatureSha256(),
                verified.created()));
        return switch (submitted.outcome()) {
            case SIGNATURE_REPLAYED -> throw new SignatureRefusedException("signature-replayed", "this signature was"
                    + " already presented; sign the request again (a new created) to send it again");
            case REPEATED -> Response.ok(BatchJson.View.of(submitted.batch())).build();
            case ACCEPTED -> Response.accepted(BatchJson.View.of(submitted.batch()))
                    .location(URI.create(BodyLimitFilter.BATCHES_PATH + "/" + submitted.batch().header().batchId()))
                    .build();
        };
    }

    @GET
    @Path("/{batchId}")
    @Allowed(value = {Role.MINISTRY, Role.STAFF}, staff = StaffRole.READER)
    @SecurityRequirement(name = "apiKey")
    @SecurityRequirement(name = "staffToken")
    @Operation(operationId = "getBatch",
            summary = "A batch and what its lines add up to",
            description = "**Who may call:** the MINISTRY client's payer for its own batches; staff from READER up"
                    + " (people) and STAFF keys for every batch. Another ministry's batch is not found.")
    @APIResponse(responseCode = "200", description = "The batch",
            content = @Content(schema = @Schema(implementation = BatchJson.View.class)))
    @APIResponse(responseCode = "404", description = "No such batch visible to this client (batch-not-found)")
    public BatchJson.View batch(@PathParam("batchId") String batchId) {
        return BatchJson.View.of(batches.batch(context.caller(), batchId));
    }

    @GET
    @Path("/{batchId}/lines")
    @Allowed(value = {Role.MINISTRY, Role.STAFF}, staff = StaffRole.READER)
    @SecurityRequirement(name = "apiKey")
    @SecurityRequirement(name = "staffToken")
    @Operation(operationId = "listBatchLines",
            summary = "A batch's lines with their outcomes: JSON by page, or the whole result file as CSV",
            description = "**Who may call:** the MINISTRY client's payer for its own batches; staff from READER up"
                    + " (people) and STAFF keys for every batch. In line order, of one status or all, each with what"
                    + " it applied (and to which obligations) and what it left unapplied, and why.\n\n"
                    + "With `Accept: text/csv`: every line (of the status asked for), streamed, as RFC 4180 CSV (a"
                    + " header line, CRLF, UTF-8); `page` and `size` are not taken. Columns: " + BatchLinesCsv.COLUMNS
                    + ".")
    @APIResponse(responseCode = "200", description = "The lines",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LinePage.class)),
                    @Content(mediaType = BatchLinesCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "A header line, then one line per batch line. Columns: "
                                    + BatchLinesCsv.COLUMNS))})
    @APIResponse(responseCode = "404", description = "No such batch visible to this client (batch-not-found)")
    public ListJson<BatchJson.LineView> lines(@PathParam("batchId") String batchId,
                                              @Parameter(schema = @Schema(implementation = LineStatus.class))
                                              @QueryParam("status") String status,
                                              @BeanParam PageParams paging) {
        Fields fields = new Fields();
        LineStatus filter = fields.read("status", () -> Params.enumValue("status", status, LineStatus.class));
        PageRequest page = fields.read("page", paging::request);
        fields.check();
        return ListJson.of(batches.lines(context.caller(), batchId, filter, page), BatchJson.LineView::of);
    }

    /** The whole result file (documented with the JSON operation above). */
    @GET
    @Path("/{batchId}/lines")
    @Produces(BatchLinesCsv.MEDIA_TYPE)
    @Allowed(value = {Role.MINISTRY, Role.STAFF}, staff = StaffRole.READER)
    @Operation(hidden = true)
    public Response linesCsv(@PathParam("batchId") String batchId, @QueryParam("status") String status,
                             @Context HttpServerRequest request) {
        LineStatus filter = Params.enumValue("status", status, LineStatus.class);
        // Found (or 404) before the answer starts: the file is then written as its lines are read.
        Consumer<Consumer<Batches.LineView>> lines = batches.allLines(context.caller(), batchId, filter);
        StreamingOutput body = StreamedAnswer.breakingOnFailure(request, out -> BatchLinesCsv.write(lines, out));
        return Response.ok(body, BatchLinesCsv.CONTENT_TYPE)
                .header("Content-Disposition", "attachment; filename=\"lote-" + batchId + ".csv\"")
                .build();
    }

    /** The schema of a page of lines, for the contract (ListJson is generic). */
    @Schema(name = "BatchLinePage")
    public record LinePage(List<BatchJson.LineView> items, int page, int size, long totalItems) {
    }
}
