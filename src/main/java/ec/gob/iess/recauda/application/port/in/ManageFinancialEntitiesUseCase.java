package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.channel.FinancialEntityType;

import java.time.LocalTime;

/** Staff onboard partner entities as data, list them, switch them off and move their cut-off. */
public interface ManageFinancialEntitiesUseCase {

    FinancialEntity register(Caller caller, String code, String name, FinancialEntityType type, LocalTime cutoff);

    /** One page of the entities, oldest first. */
    Page<FinancialEntity> list(Caller caller, PageRequest page);

    /** Changes whichever of {@code active} and {@code cutoff} is not null. */
    FinancialEntity change(Caller caller, String code, Boolean active, LocalTime cutoff);
}
