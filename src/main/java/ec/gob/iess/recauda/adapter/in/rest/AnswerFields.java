package ec.gob.iess.recauda.adapter.in.rest;

import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which fields of an answer are always there. Answers leave out a field that has no value (ADR 0013), so the
 * contract must say which fields a client can count on: every property of an answer's schema is {@code required},
 * except those listed in {@link #OPTIONAL}, the fields that are absent when they have no value. A schema that a
 * request body uses is left as its annotations make it.
 *
 * <p>The list is checked by every HTTP test: a field listed as required that an answer leaves out fails the test
 * (ContractFilter). A new field of an answer is required until it is listed here.
 */
final class AnswerFields {

    private static final String PREFIX = "#/components/schemas/";

    static final Map<String, Set<String>> OPTIONAL = Map.ofEntries(
            Map.entry("Problem", Set.of("detail", "instance", "errors", "results", "obligations")),
            Map.entry("ItemProblem", Set.of("detail", "errors", "obligations")),
            Map.entry("Obligation", Set.of("period", "description", "sourceSystem", "externalReference",
                    "cancellationReason")),
            Map.entry("Agreement", Set.of("downPaymentVoucher", "activatedOn", "decision", "closedOn", "closeReason",
                    "reinstated", "reinstatedTotal")),
            Map.entry("AgreementInstallment", Set.of("obligationId", "status")),
            Map.entry("AgreementDecision", Set.of("note")),
            Map.entry("AgreementSimulation", Set.of("debtorId", "obligations")),
            Map.entry("Voucher", Set.of("description")),
            Map.entry("Payable", Set.of("description")),
            Map.entry("Payment", Set.of("reversedAt", "bankTransactionId", "entityCode", "reference", "batchId",
                    "lineNo", "settlementId", "unappliedFundId")),
            Map.entry("Batch", Set.of("completedAt")),
            Map.entry("BatchLine", Set.of("reference", "period", "reason", "detail", "appliedAmount",
                    "unappliedAmount", "paymentId", "processedAt")),
            Map.entry("UnappliedFund", Set.of("batchId", "lineNo", "settlementId", "employerId", "originFundId",
                    "resolvedAt", "resolvedBy", "paymentId", "appliedAmount", "remainderFundId", "refundReason")),
            Map.entry("UnappliedFundApplication", Set.of("remainder")),
            Map.entry("Settlement", Set.of("unappliedFundId")),
            Map.entry("LegacyImport", Set.of("completedAt")),
            Map.entry("LegacyImportRejection", Set.of("legacyId", "field")),
            Map.entry("ApiClient", Set.of("scope", "revokedAt")),
            Map.entry("IssuedApiClient", Set.of("scope")),
            Map.entry("SigningKey", Set.of("revokedAt")),
            Map.entry("Concept", Set.of("fixedAmount")),
            Map.entry("StatementLine", Set.of("agreementId")),
            Map.entry("ArrearsReason", Set.of("obligationId", "type", "dueDate", "agreementId", "detail")),
            Map.entry("IneligibleObligation", Set.of("detail")),
            Map.entry("BulkRegisterObligationsResult", Set.of("id", "error")),
            Map.entry("CardMandate", Set.of("statusReason", "retryOn")),
            Map.entry("CardCharge", Set.of("declineCode", "paymentId", "resolvedAt")),
            Map.entry("CardDebitRun", Set.of("completedAt")),
            Map.entry("Webhook", Set.of("secret")),
            Map.entry("Notification", Set.of("nextAttemptAt", "lastError")),
            Map.entry("YearOverYearReport", Set.of("growthPercent")),
            Map.entry("AgreementsReport", Set.of("defaultRate")),
            Map.entry("CardDebitReport", Set.of("approvalRate")));

    private AnswerFields() {
    }

    static void require(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null || components.getSchemas() == null || openAPI.getPaths() == null) {
            return;
        }
        Set<String> requestSchemas = requestSchemas(openAPI, components.getSchemas());
        for (Map.Entry<String, Schema> entry : components.getSchemas().entrySet()) {
            Map<String, Schema> properties = entry.getValue().getProperties();
            if (requestSchemas.contains(entry.getKey()) || properties == null || properties.isEmpty()) {
                continue;
            }
            Set<String> optional = OPTIONAL.getOrDefault(entry.getKey(), Set.of());
            List<String> required = new ArrayList<>();
            for (String name : properties.keySet()) {
                if (!optional.contains(name)) {
                    required.add(name);
                }
            }
            entry.getValue().setRequired(required);
        }
    }

    /** The schemas a request body reaches, through properties, items and compositions. */
    private static Set<String> requestSchemas(OpenAPI openAPI, Map<String, Schema> schemas) {
        Deque<Schema> pending = new ArrayDeque<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
                        if (media.getSchema() != null) {
                            pending.add(media.getSchema());
                        }
                    }
                }
            }
        }
        Set<String> reached = new HashSet<>();
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(PREFIX.length());
                if (reached.add(name) && schemas.get(name) != null) {
                    pending.add(schemas.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                pending.addAll(schema.getProperties().values());
            }
            if (schema.getItems() != null) {
                pending.add(schema.getItems());
            }
            for (List<Schema> parts : new List[]{schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
                if (parts != null) {
                    pending.addAll(parts);
                }
            }
        }
        return reached;
    }
}
