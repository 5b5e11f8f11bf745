package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;

import java.util.Optional;

/** The partner entities that collect for the institution. */
public interface FinancialEntities {

    /** Stores a new entity; a taken code is a {@code ConflictException} of kind {@code entity-exists}. */
    void add(FinancialEntity entity);

    Optional<FinancialEntity> find(String code);

    /** One page of the entities, oldest first (registration instant, then code). */
    Page<FinancialEntity> page(PageRequest page);

    void update(FinancialEntity entity);
}
