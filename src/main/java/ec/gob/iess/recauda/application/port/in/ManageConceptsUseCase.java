package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.concept.Concept;

import java.util.List;

/** Staff keep the catalogue of miscellaneous concepts; anyone may read it. */
public interface ManageConceptsUseCase {

    Concept create(Caller caller, Concept concept);

    List<Concept> list();
}
