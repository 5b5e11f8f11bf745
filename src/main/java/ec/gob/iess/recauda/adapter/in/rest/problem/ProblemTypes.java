package ec.gob.iess.recauda.adapter.in.rest.problem;

import java.util.Map;

/**
 * The catalogue of problem kinds: the stable {@code type} URI of each is {@link #BASE} followed by the kind, and
 * its title is fixed here. {@code docs/errors.md} lists the same catalogue for client developers.
 */
public final class ProblemTypes {

    public static final String BASE = "https://recauda.iess.gob.ec/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("validation-error", "Invalid request"),
            Map.entry("malformed-request", "Malformed request body"),
            Map.entry("invalid-amount", "Invalid amount"),
            Map.entry("invalid-debtor-id", "Invalid debtor id"),
            Map.entry("invalid-period", "Invalid period"),
            Map.entry("invalid-date", "Invalid date"),
            Map.entry("invalid-obligation-id", "Invalid obligation id"),
            Map.entry("invalid-obligation", "Invalid obligation"),
            Map.entry("invalid-external-reference", "Invalid external reference"),
            Map.entry("invalid-interest-rate", "Invalid interest rate"),
            Map.entry("invalid-cancellation-reason", "Invalid cancellation reason"),
            Map.entry("invalid-obligation-change", "Invalid obligation change"),
            Map.entry("invalid-api-client", "Invalid API client"),
            Map.entry("invalid-signing-key", "Invalid signing key"),
            Map.entry("invalid-scope", "Invalid scope for the role"),
            Map.entry("invalid-bulk-size", "Too many or too few bulk items"),
            Map.entry("invalid-id", "Invalid id"),
            Map.entry("unauthorized", "Authentication required"),
            Map.entry("forbidden", "Not allowed for this client"),
            Map.entry("four-eyes", "Four eyes: another person must decide"),
            Map.entry("not-found", "Not found"),
            Map.entry("obligation-not-found", "Obligation not found"),
            Map.entry("debtor-not-found", "Debtor not found"),
            Map.entry("api-client-not-found", "API client not found"),
            Map.entry("signing-key-not-found", "Signing key not found"),
            Map.entry("method-not-allowed", "Method not allowed"),
            Map.entry("not-acceptable", "Not acceptable"),
            Map.entry("unsupported-media-type", "Unsupported media type"),
            Map.entry("payload-too-large", "Request body too large"),
            Map.entry("uri-too-long", "URL too long"),
            Map.entry("headers-too-large", "Request headers too large"),
            Map.entry("duplicate-external-reference", "Duplicate external reference"),
            Map.entry("stale-version", "Stale version"),
            Map.entry("precondition-required", "Precondition required"),
            Map.entry("rate-limited", "Too many requests"),
            Map.entry("invalid-stage-transition", "Invalid stage transition"),
            Map.entry("obligation-not-pending", "Obligation is not pending"),
            Map.entry("interest-rate-unavailable", "Interest rate unavailable"),
            Map.entry("bulk-rejected", "Bulk request rejected"),
            Map.entry("invalid-voucher-reference", "Invalid voucher reference"),
            Map.entry("invalid-voucher", "Invalid voucher request"),
            Map.entry("invalid-entity-code", "Invalid financial entity code"),
            Map.entry("invalid-cutoff-time", "Invalid cut-off time"),
            Map.entry("invalid-concept-code", "Invalid concept code"),
            Map.entry("amount-required", "Amount required"),
            Map.entry("amount-not-allowed", "Amount not allowed"),
            Map.entry("invalid-reversal-reason", "Invalid reversal reason"),
            Map.entry("duplicate-transaction-id", "Duplicate transaction id"),
            Map.entry("financial-entity-not-found", "Financial entity not found"),
            Map.entry("voucher-not-found", "Voucher not found"),
            Map.entry("payment-not-found", "Payment not found"),
            Map.entry("entity-exists", "Financial entity exists"),
            Map.entry("concept-exists", "Concept exists"),
            Map.entry("already-paid", "Already paid"),
            Map.entry("idempotency-mismatch", "Idempotency key reused"),
            Map.entry("obligation-held", "Obligation held by a voucher"),
            Map.entry("transaction-taken", "Transaction id taken"),
            Map.entry("amount-mismatch", "Amount mismatch"),
            Map.entry("voucher-expired", "Voucher expired"),
            Map.entry("voucher-cancelled", "Voucher cancelled"),
            Map.entry("reversal-window-closed", "Reversal window closed"),
            Map.entry("paid-at-in-future", "Payment time in the future"),
            Map.entry("paid-at-too-old", "Payment time too old"),
            Map.entry("obligation-not-of-debtor", "Obligation not of this debtor"),
            Map.entry("unknown-concept", "Unknown concept"),
            Map.entry("unknown-financial-entity", "Unknown financial entity"),
            Map.entry("signing-keys-for-ministry-only", "Signing keys are for MINISTRY clients"),
            Map.entry("api-client-revoked", "API client revoked"),
            Map.entry("too-many-signing-keys", "Too many signing keys"),
            Map.entry("signing-key-exists", "Signing key exists"),
            Map.entry("overpayment", "Overpayment"),
            Map.entry("signature-missing", "Signature missing"),
            Map.entry("signature-malformed", "Signature malformed"),
            Map.entry("digest-mismatch", "Content digest does not match the body"),
            Map.entry("signature-stale", "Signature too old or too new"),
            Map.entry("signature-key-unknown", "Signing key unknown"),
            Map.entry("signature-invalid", "Signature invalid"),
            Map.entry("signature-replayed", "Signature already presented"),
            Map.entry("batch-invalid", "Batch invalid"),
            Map.entry("batch-conflict", "Batch id used for another body"),
            Map.entry("batch-not-found", "Batch not found"),
            Map.entry("unapplied-fund-not-found", "Unapplied fund not found"),
            Map.entry("fund-resolved", "Unapplied fund already resolved"),
            Map.entry("settlement-not-found", "Settlement not found"),
            Map.entry("settlement-conflict", "Transfer reference used for another settlement"),
            Map.entry("nothing-payable", "Nothing payable"),
            Map.entry("invalid-csv", "Invalid CSV file"),
            Map.entry("legacy-import-not-found", "Legacy import not found"),
            Map.entry("invalid-term", "Invalid agreement term"),
            Map.entry("invalid-agreement-request", "Invalid agreement request"),
            Map.entry("terms-not-accepted", "Agreement terms not accepted"),
            Map.entry("agreement-not-found", "Agreement not found"),
            Map.entry("agreement-exists", "Open agreement exists"),
            Map.entry("invalid-agreement-state", "Agreement state does not allow it"),
            Map.entry("obligation-not-eligible", "Obligation not eligible for an agreement"),
            Map.entry("no-eligible-debt", "No eligible debt"),
            Map.entry("debt-too-small", "Debt too small for an agreement"),
            Map.entry("agreement-installments-paid", "Agreement has paid installments"),
            Map.entry("agreement-defaulted", "Agreement defaulted"),
            Map.entry("agreement-in-default", "Agreement in default"),
            Map.entry("voucher-of-agreement", "Voucher of an agreement's down payment"),
            Map.entry("voucher-in-grace", "Voucher in its grace days"),
            Map.entry("check-date-in-future", "Check date in the future"),
            Map.entry("amount-out-of-range", "Computed amount out of range"),
            Map.entry("card-number-refused", "Card number refused"),
            Map.entry("card-expired", "Card expired"),
            Map.entry("mandate-active", "Active card mandate exists"),
            Map.entry("mandate-not-found", "Card mandate not found"),
            Map.entry("voucher-of-card-charge", "Voucher of a card charge"),
            Map.entry("run-date-not-today", "Run date is not today"),
            Map.entry("card-processor-not-configured", "No card processor configured"),
            Map.entry("card-debit-run-not-found", "Card debit run not found"),
            Map.entry("webhook-not-found", "Webhook not found"),
            Map.entry("invalid-report-period", "Invalid report period"),
            Map.entry("portfolio-aging-not-recorded", "Portfolio aging not recorded"),
            Map.entry("internal-error", "Internal error"),
            Map.entry("service-unavailable", "Service unavailable"));

    private ProblemTypes() {
    }

    public static String uri(String kind) {
        return BASE + kind;
    }

    /** The fixed title of a kind; a kind missing from the catalogue gets a title made from its slug. */
    public static String title(String kind) {
        String title = TITLES.get(kind);
        if (title != null) {
            return title;
        }
        String words = kind.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static Map<String, String> catalogue() {
        return TITLES;
    }
}
