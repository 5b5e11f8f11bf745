package ec.gob.iess.recauda.application.port.in;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The daily check of agreements on a date: those whose down payment was not paid in time lapse, and active ones
 * with too many consecutive overdue installments default. Safe to run twice for a date, or on two instances at
 * once: each agreement is row-locked and changes state once.
 */
public interface RunAgreementChecksUseCase {

    record Result(LocalDate date, List<UUID> lapsed, List<UUID> defaulted) {
        public Result {
            lapsed = List.copyOf(lapsed);
            defaulted = List.copyOf(defaulted);
        }
    }

    /** Run by staff for a date (STAFF). */
    Result run(Caller caller, LocalDate date);

    /** Run by the daily job. */
    Result runScheduled(LocalDate date);
}
