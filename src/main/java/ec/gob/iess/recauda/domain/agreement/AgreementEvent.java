package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to an agreement in one of its transitions ({@link AgreementChange}). Each event is also an entry of
 * the audit trail: {@link #action()} names it there and {@link #details()} is what it records (no personal data).
 */
public sealed interface AgreementEvent {

    /** The audit action, e.g. {@code AGREEMENT_ACTIVATED}. */
    String action();

    /** What the audit entry records. */
    Map<String, Object> details();

    /** Signed over covered obligations; PENDING_APPROVAL or AWAITING_DOWN_PAYMENT. */
    record Subscribed(String debtorId, AgreementStatus status, Money debt, int termMonths, List<String> obligations)
            implements AgreementEvent {
        public String action() {
            return "AGREEMENT_SUBSCRIBED";
        }

        public Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("debtorId", debtorId);
            d.put("status", status.name());
            d.put("debt", debt.toString());
            d.put("termMonths", termMonths);
            d.put("obligations", obligations);
            return d;
        }
    }

    /** A director approved or rejected it. */
    record Decided(boolean approved, String note) implements AgreementEvent {
        public String action() {
            return approved ? "AGREEMENT_APPROVED" : "AGREEMENT_REJECTED";
        }

        public Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("approved", approved);
            if (note != null) {
                d.put("note", note);
            }
            return d;
        }
    }

    /** Staff cancelled it before activation. */
    record Cancelled(String reason) implements AgreementEvent {
        public String action() {
            return "AGREEMENT_CANCELLED";
        }

        public Map<String, Object> details() {
            return Map.of("reason", reason);
        }
    }

    /** Its down payment was paid: ACTIVE, installments created. */
    record Activated(LocalDate activatedOn) implements AgreementEvent {
        public String action() {
            return "AGREEMENT_ACTIVATED";
        }

        public Map<String, Object> details() {
            return Map.of("activatedOn", activatedOn.toString());
        }
    }

    /** The payment of its down payment was reversed: back to AWAITING_DOWN_PAYMENT. */
    record Deactivated() implements AgreementEvent {
        public String action() {
            return "AGREEMENT_DEACTIVATED";
        }

        public Map<String, Object> details() {
            return Map.of("reason", "down payment reversed");
        }
    }

    /** Every installment paid: COMPLETED, the covered obligations settled. */
    record Completed(LocalDate completedOn) implements AgreementEvent {
        public String action() {
            return "AGREEMENT_COMPLETED";
        }

        public Map<String, Object> details() {
            return Map.of("completedOn", completedOn.toString());
        }
    }

    /** The payment that completed it was reversed: ACTIVE again. */
    record Reopened() implements AgreementEvent {
        public String action() {
            return "AGREEMENT_REOPENED";
        }

        public Map<String, Object> details() {
            return Map.of("reason", "installment payment reversed");
        }
    }

    /** Its down payment was not paid in time: LAPSED, the covered obligations free. */
    record Lapsed(LocalDate date, LocalDate voucherExpiredOn) implements AgreementEvent {
        public String action() {
            return "AGREEMENT_LAPSED";
        }

        public Map<String, Object> details() {
            return Map.of("date", date.toString(), "voucherExpiredOn", voucherExpiredOn.toString());
        }
    }

    /**
     * Consecutive installments overdue: DEFAULTED, unpaid installments cancelled, the unpaid debt reinstated on the
     * covered obligations (obligation id → amount reinstated).
     */
    record Defaulted(LocalDate date, Money principalPaidThroughInstallments, Map<String, String> reinstated)
            implements AgreementEvent {
        public String action() {
            return "AGREEMENT_DEFAULTED";
        }

        public Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("date", date.toString());
            d.put("principalPaidThroughInstallments", principalPaidThroughInstallments.toString());
            d.put("reinstated", reinstated);
            return d;
        }
    }

    /**
     * In default on {@code date}, but a voucher still holds one of its unpaid installments and a bank may post its
     * payment through {@code protectedThrough}: the default waits for it.
     */
    record DefaultDeferred(LocalDate date, LocalDate protectedThrough) implements AgreementEvent {
        public String action() {
            return "AGREEMENT_DEFAULT_DEFERRED";
        }

        public Map<String, Object> details() {
            return Map.of("date", date.toString(), "protectedThrough", protectedThrough.toString());
        }
    }
}
