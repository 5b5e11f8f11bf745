package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.FinancialEntities;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.shared.ConflictException;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Financial entities in memory, with the database's uniqueness of codes. */
public class InMemoryFinancialEntities implements FinancialEntities {

    private final Map<String, FinancialEntity> stored = new TreeMap<>();

    @Override
    public void add(FinancialEntity entity) {
        if (stored.putIfAbsent(entity.code(), entity) != null) {
            throw new ConflictException("entity-exists", "a financial entity with code " + entity.code() + " exists");
        }
    }

    @Override
    public Optional<FinancialEntity> find(String code) {
        return Optional.ofNullable(stored.get(code));
    }

    /** Oldest first, then by code. */
    @Override
    public Page<FinancialEntity> page(PageRequest page) {
        return Pages.of(stored.values().stream()
                .sorted(Comparator.comparing(FinancialEntity::createdAt).thenComparing(FinancialEntity::code))
                .toList(), page);
    }

    @Override
    public void update(FinancialEntity entity) {
        stored.put(entity.code(), entity);
    }
}
