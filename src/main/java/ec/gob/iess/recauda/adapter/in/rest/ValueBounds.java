package ec.gob.iess.recauda.adapter.in.rest;

import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.domain.access.SigningKey;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.concept.Concept;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.publicsector.BatchSubmission;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bounds the contract states for the API's values, wherever they appear (request bodies, parameters and
 * answers), taken from the same rules that enforce them, so the file cannot promise more or less than the service
 * checks (ADR 0013):
 * <ul>
 *   <li>a value's name means one thing throughout the API: a {@code debtorId} is at most {@value DebtorId#MAX_LENGTH}
 *       characters wherever it is, an {@code id} or {@code paymentId} is a UUID;</li>
 *   <li>a format or the amount pattern implies its length: a {@code date} has 10 characters, a {@code date-time} at
 *       most 35 (nanoseconds and an offset), a {@code uuid} 36, an amount at most 15.</li>
 * </ul>
 * A schema that already states a {@code maxLength} or an {@code enum} keeps it.
 */
final class ValueBounds {

    private static final int DATE = "2026-12-31".length();
    private static final int DATE_TIME = "2026-12-31T23:59:59.123456789+05:00".length();
    private static final int UUID = "6f1c2a4e-2b7d-4c1e-9a3f-0d5e6b7c8a9f".length();
    private static final int AMOUNT = "999999999999.99".length();

    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("debtorId", DebtorId.MAX_LENGTH),
            Map.entry("payerId", DebtorId.MAX_LENGTH),
            Map.entry("employerId", DebtorId.MAX_LENGTH),
            Map.entry("debtorIds", DebtorId.MAX_LENGTH),
            Map.entry("batchId", BatchSubmission.MAX_BATCH_ID_LENGTH),
            Map.entry("scope", Math.max(DebtorId.MAX_LENGTH, FinancialEntity.MAX_CODE_LENGTH)),
            Map.entry("reference", VoucherReference.LENGTH),
            Map.entry("code", Math.max(Concept.MAX_CODE_LENGTH, FinancialEntity.MAX_CODE_LENGTH)),
            Map.entry("conceptCode", Concept.MAX_CODE_LENGTH),
            Map.entry("cutoffTime", "18:00".length()),
            Map.entry("period", "2024-03".length()),
            Map.entry("sourceSystem", ExternalReference.MAX_SOURCE_SYSTEM_LENGTH),
            Map.entry("externalReference", ExternalReference.MAX_REFERENCE_LENGTH),
            Map.entry("annualRate", InterestRate.MAX_TEXT_LENGTH),
            Map.entry("keyId", SigningKey.MAX_KEY_ID_LENGTH),
            // An obligation's ETag is its version in quotes ("123456789"); a longer If-Match is refused all the same.
            Map.entry("If-Match", 64));
    private static final Set<String> UUIDS = Set.of("id", "paymentId", "obligationIds", "settlementId", "importId",
            "runId", "mandateId");

    private ValueBounds() {
    }

    /** States the bounds of a value named {@code name} (a property or a parameter; null when unnamed). */
    static void bound(String name, Schema schema) {
        if (schema == null || schema.getRef() != null) {
            return;
        }
        if (isType(schema, Schema.SchemaType.ARRAY)) {
            bound(name, schema.getItems());
            return;
        }
        if (!isType(schema, Schema.SchemaType.STRING) || schema.getEnumeration() != null) {
            return;
        }
        if (name != null && UUIDS.contains(name) && schema.getFormat() == null) {
            schema.setFormat("uuid");
        }
        Integer length = name == null ? null : LENGTHS.get(name);
        if (length == null) {
            length = impliedLength(schema);
        }
        if (length != null && schema.getMaxLength() == null) {
            schema.setMaxLength(length);
        }
    }

    private static Integer impliedLength(Schema schema) {
        if (Amounts.INPUT_PATTERN.equals(schema.getPattern())) {
            return AMOUNT;
        }
        String format = schema.getFormat();
        if (format == null) {
            return null;
        }
        return switch (format) {
            case "date" -> DATE;
            case "date-time" -> DATE_TIME;
            case "uuid" -> UUID;
            default -> null;
        };
    }

    private static boolean isType(Schema schema, Schema.SchemaType type) {
        List<Schema.SchemaType> types = schema.getType();
        return types != null && types.contains(type);
    }
}
