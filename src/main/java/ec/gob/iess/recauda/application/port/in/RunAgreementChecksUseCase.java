package ec.gob.iess.recauda.application.port.in;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The daily check of agreements on a date: those whose down payment was not paid in time lapse, and active ones
 * with too many consecutive overdue installments default (or wait, deferred, while a voucher of one of their unpaid
 * installments may still be paid). Safe to run twice for a date, or on two instances at once: each agreement is
 * row-locked and changes state once.
 */
public interface RunAgreementChecksUseCase {

    /**
     * @param deferred agreements in default whose default waits for a voucher that may still be paid (late
     *                 postings of its last day)
     */
    record Result(LocalDate date, List<UUID> lapsed, List<UUID> defaulted, List<UUID> deferred) {
        public Result {
            lapsed = List.copyOf(lapsed);
            defaulted = List.copyOf(defaulted);
            deferred = List.copyOf(deferred);
        }
    }

    /** Run by staff for a date that has come: today or before (STAFF). */
    Result run(Caller caller, LocalDate date);

    /** Run by the daily job. */
    Result runScheduled(LocalDate date);
}
