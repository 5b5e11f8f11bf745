package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.card.CardMandate;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.util.List;
import java.util.UUID;

/** Debtors' card mandates: registered, listed and cancelled by staff or the debtor's employer software (issue 12). */
public interface ManageCardMandatesUseCase {

    CardMandate register(Caller caller, DebtorId debtor, CardMandate.Registration registration);

    List<CardMandate> ofDebtor(Caller caller, DebtorId debtor);

    CardMandate get(Caller caller, UUID mandateId);

    CardMandate cancel(Caller caller, UUID mandateId);
}
