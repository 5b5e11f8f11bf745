package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.payment.SubmittedReconciliation;

import java.time.LocalDate;
import java.util.List;

/** Every reconciliation a partner entity submitted, kept as it was answered. */
public interface Reconciliations {

    void add(SubmittedReconciliation submission);

    /** The submissions of a business date, of every entity, in the order they arrived. */
    List<SubmittedReconciliation> ofBusinessDate(LocalDate businessDate);
}
