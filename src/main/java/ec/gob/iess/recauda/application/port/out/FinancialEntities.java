package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.channel.FinancialEntity;

import java.util.List;
import java.util.Optional;

/** The partner entities that collect for the institution. */
public interface FinancialEntities {

    /** Stores a new entity; a taken code is a {@code ConflictException} of kind {@code entity-exists}. */
    void add(FinancialEntity entity);

    Optional<FinancialEntity> find(String code);

    List<FinancialEntity> all();

    void update(FinancialEntity entity);
}
