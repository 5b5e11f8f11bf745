package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.obligation.Obligation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What one transition of an {@link Agreement} changes, for the application service to save: the obligations it
 * creates (installments, a down payment), the obligations it changed (reserved, released, settled, cancelled,
 * reinstated), whether the agreement itself changed, and its events (which also feed the audit trail).
 */
public record AgreementChange(List<Obligation> created, List<Obligation> changed, boolean agreementChanged,
                              List<AgreementEvent> events) {

    public AgreementChange {
        created = List.copyOf(created);
        changed = List.copyOf(new LinkedHashSet<>(changed));
        events = List.copyOf(events);
    }

    /** Nothing happened. */
    public static AgreementChange none() {
        return new AgreementChange(List.of(), List.of(), false, List.of());
    }

    public boolean isEmpty() {
        return created.isEmpty() && changed.isEmpty() && !agreementChanged && events.isEmpty();
    }

    /** This change followed by {@code next}. */
    public AgreementChange and(AgreementChange next) {
        List<Obligation> c = new ArrayList<>(created);
        c.addAll(next.created);
        List<Obligation> ch = new ArrayList<>(changed);
        ch.addAll(next.changed);
        List<AgreementEvent> e = new ArrayList<>(events);
        e.addAll(next.events);
        return new AgreementChange(c, ch, agreementChanged || next.agreementChanged, e);
    }
}
