package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.concept.Concept;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The catalogue of miscellaneous concepts. */
public interface Concepts {

    /** Stores a new concept; a taken code is a {@code ConflictException} of kind {@code concept-exists}. */
    void add(Concept concept, String createdBy, Instant now);

    Optional<Concept> find(String code);

    List<Concept> all();
}
