package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.IneligibleObligationsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The obligations a request names, each judged by a rule, refused all at once when any is refused: a payment
 * agreement's and a lump sum's selection alike ({@code obligation-not-eligible}, each id with its reason).
 */
public final class ObligationSelection {

    /** Why a rule refuses an obligation: a stable code (the enum constant's name) and the reason in words. */
    public interface Refusal {
        String name();

        String text();
    }

    private ObligationSelection() {
    }

    /**
     * The obligations {@code ids} names, found among {@code found}, in the order named; otherwise every refusal at
     * once: {@code notFound} for an id not among them, or what {@code rule} says.
     *
     * @throws IneligibleObligationsException naming each refused id and its reason
     */
    public static List<Obligation> pick(Collection<Obligation> found, List<ObligationId> ids, Refusal notFound,
                                        Function<Obligation, Optional<? extends Refusal>> rule) {
        Map<ObligationId, Obligation> byId = new HashMap<>();
        found.forEach(o -> byId.put(o.id(), o));
        List<IneligibleObligationsException.Ineligible> refused = new ArrayList<>();
        List<Obligation> chosen = new ArrayList<>();
        for (ObligationId id : ids) {
            Obligation o = byId.get(id);
            Optional<? extends Refusal> reason = o == null ? Optional.of(notFound) : rule.apply(o);
            if (reason.isPresent()) {
                refused.add(new IneligibleObligationsException.Ineligible(id.toString(), reason.get().name(),
                        reason.get().text()));
            } else {
                chosen.add(o);
            }
        }
        if (!refused.isEmpty()) {
            throw new IneligibleObligationsException(refused);
        }
        return chosen;
    }
}
