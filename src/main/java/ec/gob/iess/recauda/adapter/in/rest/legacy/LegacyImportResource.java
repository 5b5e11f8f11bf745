package ec.gob.iess.recauda.adapter.in.rest.legacy;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.PageParams;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.adapter.in.rest.security.BodyLimitFilter;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.ImportLegacyPortfolioUseCase;
import ec.gob.iess.recauda.application.port.out.LegacyImports;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The import of the legacy host's glosas and credit titles (docs/legacy-import.md): a CSV file streamed in (never
 * held whole in memory), its rows judged and stored as they arrive, their obligations made in the background.
 */
@Path(BodyLimitFilter.LEGACY_IMPORTS_PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Legacy imports")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class LegacyImportResource {

    static final String CSV = "text/csv";

    /** An import and what its rows came to so far. */
    @Schema(name = "LegacyImport")
    public record ImportJson(
            @Schema(format = "uuid") String importId,
            @Schema(description = "RECEIVED (no obligation made yet), PROCESSING, COMPLETED (every row settled)")
            String status,
            @Schema(description = "Data rows read (the header apart)") int rowsRead,
            @Schema(description = "Rows whose obligation was made") int accepted,
            @Schema(description = "Rows whose legacyId was imported already (by an earlier import or an earlier row"
                    + " of this file), left untouched") int duplicates,
            @Schema(description = "Rows refused: see .../rejections") int rejected,
            @Schema(description = "Rows accepted and waiting for their obligation") int pending,
            @Schema(description = "Accepted rows whose debtorId fails its check digit (accepted with a warning, as"
                    + " everywhere)") int warnings,
            Instant receivedAt,
            String receivedBy,
            Instant completedAt) {

        static ImportJson of(LegacyImports.Summary s) {
            return new ImportJson(s.id().toString(), s.status(), s.rowsRead(), s.accepted(), s.duplicates(),
                    s.rejected(), s.pending(), s.warnings(), s.receivedAt(), s.receivedBy(), s.completedAt());
        }
    }

    /** A refused row. */
    @Schema(name = "LegacyImportRejection")
    public record RejectionJson(
            @Schema(description = "Its number in the file, the header being row 1") int row,
            @Schema(description = "The legacyId as sent (control characters as ?, at most 64 characters)")
            String legacyId,
            @Schema(description = "malformed-row (not exactly the header's fields) or invalid-value (field says"
                    + " which)") String reason,
            @Schema(description = "The field at fault, named as in the header") String field,
            String detail) {

        static RejectionJson of(LegacyImports.Rejection r) {
            return new RejectionJson(r.row(), r.legacyId(), r.reason(), r.field(), r.detail());
        }
    }

    /** The schema of a page of rejections, for the contract (ListJson is generic). */
    @Schema(name = "LegacyImportRejectionPage")
    public record RejectionPage(List<RejectionJson> items, int page, int size, long totalItems) {
    }

    private final ImportLegacyPortfolioUseCase imports;
    private final CallContext context;

    public LegacyImportResource(ImportLegacyPortfolioUseCase imports, CallContext context) {
        this.imports = imports;
        this.context = context;
    }

    @POST
    @Consumes(CSV)
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "importLegacyPortfolio",
            summary = "Import the legacy host's glosas and credit titles from a CSV file",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. RFC 4180 CSV in UTF-8"
                    + " (a byte order mark is skipped), up to 1,000,000 rows and 512 MiB, streamed: the header "
                    + "`legacyId,debtorId,debtorName,type,issueDate,dueDate,principal,description`, then one row per"
                    + " GLOSA or CREDIT_TITLE. Each row becomes an obligation of that type and stage with external"
                    + " reference (LEGACY, legacyId), made in the background; a legacyId already imported is a"
                    + " duplicate left untouched (an import can be repeated); a malformed row is rejected with its"
                    + " row number and the rest are imported (a row that is not UTF-8 too). A wrong header, a body"
                    + " that is not CSV, a line over 100,000 characters or more than 1,000,000 rows is a 400 and"
                    + " stores nothing.")
    @RequestBody(required = true, content = @Content(mediaType = CSV,
            schema = @Schema(type = SchemaType.STRING, maxLength = (int) BodyLimitFilter.LEGACY_IMPORT_LIMIT,
                    example = "legacyId,debtorId,debtorName,type,issueDate,dueDate,principal,description\r\n"
                            + "G-2004-000123,1790012344001,Textiles del Pacífico S.A.,GLOSA,2004-05-11,2004-06-30,"
                            + "1520.40,\"Glosa por aportes impagos, 2003\"\r\n")))
    @APIResponse(responseCode = "202", description = "Received; the obligations are made in the background (poll"
            + " GET .../{importId})", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ImportJson.class)))
    @APIResponse(responseCode = "400", description = "A wrong header, a body that is not CSV, a line over 100,000"
            + " characters, more than 1,000,000 rows (invalid-csv; nothing is stored)")
    public Response receive(InputStream body) {
        LegacyCsv csv = LegacyCsv.open(body);
        ImportJson received = ImportJson.of(imports.receive(context.caller(), csv.header(), csv));
        return Response.accepted(received).location(URI.create(BodyLimitFilter.LEGACY_IMPORTS_PATH + "/"
                + received.importId())).build();
    }

    @GET
    @Path("/{importId}")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "getLegacyImport",
            summary = "A legacy import and what its rows came to",
            description = "**Who may call:** staff from READER up (people) and STAFF keys.")
    @APIResponse(responseCode = "200", description = "The import",
            content = @Content(schema = @Schema(implementation = ImportJson.class)))
    @APIResponse(responseCode = "404", description = "No such import (legacy-import-not-found)")
    public ImportJson get(@PathParam("importId") String importId) {
        return ImportJson.of(imports.get(context.caller(), Params.uuid("importId", importId)));
    }

    @GET
    @Path("/{importId}/rejections")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "listLegacyImportRejections",
            summary = "The rows of a legacy import that were rejected",
            description = "**Who may call:** staff from READER up (people) and STAFF keys. In row order.")
    @APIResponse(responseCode = "200", description = "One page of rejected rows",
            content = @Content(schema = @Schema(implementation = RejectionPage.class)))
    @APIResponse(responseCode = "404", description = "No such import (legacy-import-not-found)")
    public ListJson<RejectionJson> rejections(@PathParam("importId") String importId, @BeanParam PageParams paging) {
        Fields fields = new Fields();
        UUID id = fields.read("importId", () -> Params.uuid("importId", importId));
        PageRequest page = fields.read("page", paging::request);
        fields.check();
        return ListJson.of(imports.rejections(context.caller(), id, page), RejectionJson::of);
    }
}
