package ec.gob.iess.recauda.adapter.in.rest.report;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.StreamedAnswer;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.ReportsUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.report.CollectionGrouping;
import ec.gob.iess.recauda.domain.report.CollectionRow;
import ec.gob.iess.recauda.domain.report.ReportPeriod;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The collection reports (issue 13): JSON, or CSV with {@code Accept: text/csv}. Each CSV twin is hidden from the
 * contract: the JSON operation documents both media types.
 */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class ReportResource {

    private static final String WHO = "**Who may call:** staff from READER up (people) and STAFF keys. ";
    private static final String CSV = " With `Accept: text/csv` the same figures come as CSV (RFC 4180: a header line,"
            + " CRLF line ends, UTF-8, amounts with a `.` and two decimals). Columns: ";
    private static final String DATES = " `from` and `to` are business dates (America/Guayaquil), both included, at"
            + " most ten years apart.";
    private static final String ANNUAL_MEDIA_TYPE = "application/pdf";
    private static final String BAD_INPUT = "A parameter is missing or not valid (each named in `errors`)";

    private final ReportsUseCase reports;
    private final CallContext context;
    private final Clock clock;

    public ReportResource(ReportsUseCase reports, CallContext context, Clock clock) {
        this.reports = reports;
        this.context = context;
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------------- collections

    @GET
    @Path("/collections")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "reportCollections",
            summary = "What was collected in a period, grouped",
            description = WHO + "The APPLIED payments whose business date is in the period (a reversed payment"
                    + " counts for nothing), grouped by `groupBy`: day, month or year of the business date; channel"
                    + " (every channel the payments name: BANK, CARD, MINISTRY_BATCH, SETTLEMENT, and any later one);"
                    + " financial entity (`channel:<CHANNEL>` for payments that came through none); obligationType"
                    + " or concept (`type:<TYPE>` for obligations of no concept) of what the payments paid, where"
                    + " `count` counts obligations paid instead of payments. Rows in the order of their keys; the"
                    + " rows' amounts add up to `total`, the APPLIED payments of the period, whatever the grouping."
                    + DATES + CSV + "key, count, amount (streamed row by row as the rows are read).")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReportJson.CollectionsJson.class)),
                    @Content(mediaType = ReportCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "key, count, amount"))})
    @APIResponse(responseCode = "400", description = BAD_INPUT)
    public ReportJson.CollectionsJson collections(
            @Parameter(required = true, description = "First business date",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(required = true, description = "Last business date",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(required = true, schema = @Schema(enumeration = {"day", "month", "year", "channel", "entity",
                    "obligationType", "concept"})) @QueryParam("groupBy") String groupBy) {
        CollectionsQuery query = CollectionsQuery.read(from, to, groupBy);
        List<CollectionRow> rows = new ArrayList<>();
        reports.collections(context.caller(), query.period(), query.by()).accept(rows::add);
        return ReportJson.CollectionsJson.of(query.period(), query.by(), rows);
    }

    @GET
    @Path("/collections")
    @Produces(ReportCsv.MEDIA_TYPE)
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(hidden = true)
    public Response collectionsCsv(@QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("groupBy") String groupBy, @Context HttpServerRequest request) {
        CollectionsQuery query = CollectionsQuery.read(from, to, groupBy);
        Consumer<Consumer<CollectionRow>> rows = reports.collections(context.caller(), query.period(), query.by());
        StreamingOutput body = StreamedAnswer.breakingOnFailure(request, out -> ReportCsv.write(ReportCsv.COLLECTIONS,
                sink -> rows.accept(r -> sink.accept(new Object[]{r.key(), r.count(), r.amount()})), out));
        return csv(body, "recaudacion-" + query.by().parameter() + "-" + query.period().from() + "-"
                + query.period().to());
    }

    private record CollectionsQuery(ReportPeriod period, CollectionGrouping by) {
        static CollectionsQuery read(String from, String to, String groupBy) {
            Fields fields = new Fields();
            LocalDate first = fields.read("from", () -> requiredDate("from", from));
            LocalDate last = fields.read("to", () -> requiredDate("to", to));
            CollectionGrouping by = fields.read("groupBy", () -> grouping(groupBy));
            fields.check();
            return new CollectionsQuery(new ReportPeriod(first, last), by);
        }
    }

    private static CollectionGrouping grouping(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidValueException("validation-error", "is required").atField("groupBy");
        }
        return CollectionGrouping.ofParameter(raw).orElseThrow(() -> new InvalidValueException("validation-error",
                "must be one of " + Arrays.stream(CollectionGrouping.values()).map(CollectionGrouping::parameter)
                        .toList()).atField("groupBy"));
    }

    // ------------------------------------------------------------------------------------------------ year over year

    @GET
    @Path("/collections/year-over-year")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "reportCollectionsYearOverYear",
            summary = "A year's collections against the year before's, month by month",
            description = WHO + "The APPLIED payments of each month of `year` and of the year before (by business"
                    + " date), their totals, the difference and the growth as a percentage of the previous year"
                    + " (absent when it collected nothing)." + CSV + ReportCsv.YEAR_OVER_YEAR
                    + " (twelve lines).")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReportJson.YearOverYearJson.class)),
                    @Content(mediaType = ReportCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "month, total, previousYearTotal"))})
    @APIResponse(responseCode = "400", description = BAD_INPUT)
    public ReportJson.YearOverYearJson yearOverYear(
            @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1901",
                    maximum = "2999")) @QueryParam("year") String year) {
        return ReportJson.YearOverYearJson.of(reports.yearOverYear(context.caller(), year(year)));
    }

    @GET
    @Path("/collections/year-over-year")
    @Produces(ReportCsv.MEDIA_TYPE)
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(hidden = true)
    public Response yearOverYearCsv(@QueryParam("year") String year) {
        int y = year(year);
        var report = reports.yearOverYear(context.caller(), y);
        return csv(out -> ReportCsv.write(ReportCsv.YEAR_OVER_YEAR, ReportCsv.yearOverYear(report), out),
                "recaudacion-interanual-" + y);
    }

    static int year(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidValueException("validation-error", "is required").atField("year");
        }
        int year = Params.integer("year", raw, 0);
        if (year < 1901 || year > 2999) {
            throw new InvalidValueException("validation-error", "must be a year from 1901 to 2999").atField("year");
        }
        return year;
    }

    // ------------------------------------------------------------------------------------------------------ recovery

    @GET
    @Path("/recovery")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "reportRecovery",
            summary = "Recovered debt: what was collected on overdue obligations, by stage and through agreements",
            description = WHO + "What the APPLIED payments of the period paid of obligations that were overdue when"
                    + " paid (the business date after the due date), by the obligation's collection stage when paid;"
                    + " and apart, what they paid of agreement installments (the down payment included, overdue or"
                    + " not). Principal and arrears interest apart; `count` counts obligations paid. What was paid"
                    + " on time of any other obligation is not recovery and is not here." + DATES + CSV
                    + ReportCsv.RECOVERY + " (line: a stage, AGREEMENT_INSTALLMENTS or TOTAL).")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReportJson.RecoveryJson.class)),
                    @Content(mediaType = ReportCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "line, count, principal, interest, amount"))})
    @APIResponse(responseCode = "400", description = BAD_INPUT)
    public ReportJson.RecoveryJson recovery(
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to) {
        return ReportJson.RecoveryJson.of(reports.recovery(context.caller(), period(from, to)));
    }

    @GET
    @Path("/recovery")
    @Produces(ReportCsv.MEDIA_TYPE)
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(hidden = true)
    public Response recoveryCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        ReportPeriod period = period(from, to);
        var report = reports.recovery(context.caller(), period);
        return csv(out -> ReportCsv.write(ReportCsv.RECOVERY, ReportCsv.recovery(report), out),
                "recuperacion-" + period.from() + "-" + period.to());
    }

    // ------------------------------------------------------------------------------------------------ portfolio aging

    @GET
    @Path("/portfolio-aging")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "reportPortfolioAging",
            summary = "The unpaid portfolio by days overdue, type and stage",
            description = WHO + "The PENDING obligations due before `asOf`, in buckets of days overdue (1-30, 31-90,"
                    + " 91-180, 181-365, 366-1825, over-1825): how many, their unpaid principal and the arrears"
                    + " interest they owe on `asOf`; the same by obligation type and by stage. Obligations IN_AGREEMENT"
                    + " are apart, with their unpaid principal (their arrears do not run while the agreement is"
                    + " kept). For today or a later day (default: today) the portfolio is read as it is now; a past"
                    + " day's aging is the one the daily close recorded that night (404 when none did)." + CSV
                    + ReportCsv.AGING + " (section: total, type, stage, inAgreementType or"
                    + " inAgreementStage).")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReportJson.AgingJson.class)),
                    @Content(mediaType = ReportCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "section, key, bucket, count, principal, interest"))})
    @APIResponse(responseCode = "400", description = BAD_INPUT)
    @APIResponse(responseCode = "404", description = "A past day no daily close recorded"
            + " (portfolio-aging-not-recorded)")
    @APIResponse(responseCode = "422", description = "A day of the arrears has no interest rate"
            + " (interest-rate-unavailable)")
    public ReportJson.AgingJson portfolioAging(@Parameter(schema = @Schema(type = SchemaType.STRING,
            format = "date")) @QueryParam("asOf") String asOf) {
        return ReportJson.AgingJson.of(reports.portfolioAging(context.caller(), asOf(asOf)));
    }

    @GET
    @Path("/portfolio-aging")
    @Produces(ReportCsv.MEDIA_TYPE)
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(hidden = true)
    public Response portfolioAgingCsv(@QueryParam("asOf") String asOf) {
        var report = reports.portfolioAging(context.caller(), asOf(asOf));
        return csv(out -> ReportCsv.write(ReportCsv.AGING, ReportCsv.aging(report), out),
                "antiguedad-cartera-" + report.asOf());
    }

    // ---------------------------------------------------------------------------------------------------- agreements

    @GET
    @Path("/agreements")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "reportAgreements",
            summary = "Payment agreements by status, and the default rate",
            description = WHO + "The agreements signed on or before `asOf` (default: today) in the status they had at"
                    + " the end of that day, told from their dates: how many, the debt they covered, their down"
                    + " payments and amounts financed; and the default rate: DEFAULTED as a percentage of those that"
                    + " became active (ACTIVE, COMPLETED, DEFAULTED)." + CSV
                    + ReportCsv.AGREEMENTS + ".")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReportJson.AgreementsJson.class)),
                    @Content(mediaType = ReportCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "status, count, debt, downPayment, financedAmount"))})
    @APIResponse(responseCode = "400", description = BAD_INPUT)
    public ReportJson.AgreementsJson agreements(@Parameter(schema = @Schema(type = SchemaType.STRING,
            format = "date")) @QueryParam("asOf") String asOf) {
        return ReportJson.AgreementsJson.of(reports.agreements(context.caller(), asOf(asOf)));
    }

    @GET
    @Path("/agreements")
    @Produces(ReportCsv.MEDIA_TYPE)
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(hidden = true)
    public Response agreementsCsv(@QueryParam("asOf") String asOf) {
        var report = reports.agreements(context.caller(), asOf(asOf));
        return csv(out -> ReportCsv.write(ReportCsv.AGREEMENTS, ReportCsv.agreements(report), out),
                "convenios-" + report.asOf());
    }

    // ---------------------------------------------------------------------------------------------------- card debit

    @GET
    @Path("/card-debit")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "reportCardDebit",
            summary = "Card debit charges by outcome, approval rate and amount charged",
            description = WHO + "The charges of the period's dates by status, with their amounts (a SKIPPED mandate"
                    + " has none); the approval rate: APPROVED as a percentage of the charges the processor answered"
                    + " (APPROVED, SOFT_DECLINED, HARD_DECLINED); and what the approved charges took." + DATES + CSV
                    + ReportCsv.CARD_DEBIT + ".")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReportJson.CardDebitJson.class)),
                    @Content(mediaType = ReportCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "status, count, amount"))})
    @APIResponse(responseCode = "400", description = BAD_INPUT)
    public ReportJson.CardDebitJson cardDebit(
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to) {
        return ReportJson.CardDebitJson.of(reports.cardDebit(context.caller(), period(from, to)));
    }

    @GET
    @Path("/card-debit")
    @Produces(ReportCsv.MEDIA_TYPE)
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(hidden = true)
    public Response cardDebitCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        ReportPeriod period = period(from, to);
        var report = reports.cardDebit(context.caller(), period);
        return csv(out -> ReportCsv.write(ReportCsv.CARD_DEBIT, ReportCsv.cardDebit(report), out),
                "debito-tarjeta-" + period.from() + "-" + period.to());
    }

    // ------------------------------------------------------------------------------------------------- public sector

    @GET
    @Path("/public-sector")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "reportPublicSector",
            summary = "The Ministry of Finance's batches and settlements, and their unapplied funds",
            description = WHO + "By value date in the period: the batches and their lines by status (APPLIED,"
                    + " PARTIAL, REJECTED, PENDING) with what the settled lines applied and left unapplied; the"
                    + " settlements with what they applied and left unapplied; the unapplied funds they left, as they"
                    + " stand now: received, still open, refunded, and applied since." + DATES + CSV
                    + ReportCsv.PUBLIC_SECTOR + ".")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReportJson.PublicSectorJson.class)),
                    @Content(mediaType = ReportCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "section, item, count, amount"))})
    @APIResponse(responseCode = "400", description = BAD_INPUT)
    public ReportJson.PublicSectorJson publicSector(
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to) {
        return ReportJson.PublicSectorJson.of(reports.publicSector(context.caller(), period(from, to)));
    }

    @GET
    @Path("/public-sector")
    @Produces(ReportCsv.MEDIA_TYPE)
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(hidden = true)
    public Response publicSectorCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        ReportPeriod period = period(from, to);
        var report = reports.publicSector(context.caller(), period);
        return csv(out -> ReportCsv.write(ReportCsv.PUBLIC_SECTOR, ReportCsv.publicSector(report), out),
                "sector-publico-" + period.from() + "-" + period.to());
    }

    // ------------------------------------------------------------------------------------------------------ channels

    @GET
    @Path("/channels")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "reportChannels",
            summary = "Each financial entity's payments, reversals and reconciliations",
            description = WHO + "One line per entity with any activity: its APPLIED payments of the period's business"
                    + " dates, the payments reversed on the period's days, and its reconciliations of the period's"
                    + " dates (every submission; the dates reconciled; what the latest submission of each date still"
                    + " found different)." + DATES + CSV + ReportCsv.CHANNELS + ".")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReportJson.ChannelsJson.class)),
                    @Content(mediaType = ReportCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                            description = "One line per entity"))})
    @APIResponse(responseCode = "400", description = BAD_INPUT)
    public ReportJson.ChannelsJson channels(
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("from") String from,
            @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("to") String to) {
        return ReportJson.ChannelsJson.of(reports.channels(context.caller(), period(from, to)));
    }

    @GET
    @Path("/channels")
    @Produces(ReportCsv.MEDIA_TYPE)
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(hidden = true)
    public Response channelsCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        ReportPeriod period = period(from, to);
        var report = reports.channels(context.caller(), period);
        return csv(out -> ReportCsv.write(ReportCsv.CHANNELS, ReportCsv.channels(report), out),
                "canales-" + period.from() + "-" + period.to());
    }

    // ---------------------------------------------------------------------------------------------- annual document

    @GET
    @Path("/annual")
    @Produces(ANNUAL_MEDIA_TYPE)
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "reportAnnual",
            summary = "The collection section of the year's accountability report, as a PDF",
            description = WHO + "Produced from the data, with the same figures as the JSON reports of the year: the"
                    + " total collected and the difference with the year before (monthly bars of both years), the"
                    + " split by channel (the channels new in the year named) and by financial entity, the recovered"
                    + " debt by stage and through agreements, and the portfolio's aging at the year's end (as the"
                    + " daily close recorded it; as of today for the current year), each chart with its figures in a"
                    + " table under it. A4, charts as vector graphics.")
    @APIResponse(responseCode = "200", description = "The document",
            content = @Content(mediaType = ANNUAL_MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                    format = "binary")))
    @APIResponse(responseCode = "400", description = BAD_INPUT)
    @APIResponse(responseCode = "422", description = "A day of the portfolio's arrears has no interest rate"
            + " (interest-rate-unavailable), as for the portfolio aging")
    public Response annual(
            @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1901",
                    maximum = "2999")) @QueryParam("year") String year) {
        int y = year(year);
        byte[] pdf = reports.annualDocument(context.caller(), y);
        return Response.ok(pdf, ANNUAL_MEDIA_TYPE)
                .header("Content-Disposition", "inline; filename=\"recaudacion-" + y + ".pdf\"")
                .build();
    }

    // ------------------------------------------------------------------------------------------------------- helpers

    private LocalDate asOf(String raw) {
        LocalDate day = Params.date("asOf", raw);
        return day != null ? ReportPeriod.checkDay("asOf", day) : LocalDate.now(clock);
    }

    private static ReportPeriod period(String from, String to) {
        Fields fields = new Fields();
        LocalDate first = fields.read("from", () -> requiredDate("from", from));
        LocalDate last = fields.read("to", () -> requiredDate("to", to));
        fields.check();
        return new ReportPeriod(first, last);
    }

    private static LocalDate requiredDate(String name, String raw) {
        LocalDate day = Params.date(name, raw);
        if (day == null) {
            throw new InvalidValueException("validation-error", "is required").atField(name);
        }
        return day;
    }

    private static Response csv(StreamingOutput body, String name) {
        return Response.ok(body, ReportCsv.CONTENT_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
                .build();
    }
}
