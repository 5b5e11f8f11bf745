package ec.gob.iess.recauda.adapter.out.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
class ObligationRepository implements PanacheRepositoryBase<ObligationEntity, UUID> {
}
