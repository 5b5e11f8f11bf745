package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.DomainException;

import java.util.List;

/**
 * Staff register up to {@value #MAX_ITEMS} obligations in one request. Each item gets its own result. Without
 * {@code atomic}, valid items are stored even when others fail; with it, nothing is stored if any item fails.
 */
public interface RegisterObligationsInBulkUseCase {

    int MAX_ITEMS = 10_000;

    /** One item as it arrived: either well-formed data or the reason it could not even be read. */
    record Item(int index, NewObligation data, DomainException malformed) {
        public static Item valid(int index, NewObligation data) {
            return new Item(index, data, null);
        }

        public static Item malformed(int index, DomainException reason) {
            return new Item(index, null, reason);
        }
    }

    /** The result of one item: the new obligation's id, or the error. */
    record ItemResult(int index, ObligationId id, DomainException error) {
        public boolean failed() {
            return error != null;
        }
    }

    /** The results in request order, and whether anything was stored. */
    record Outcome(List<ItemResult> results, boolean stored) {
        public long failures() {
            return results.stream().filter(ItemResult::failed).count();
        }
    }

    Outcome registerAll(Caller caller, List<Item> items, boolean atomic);
}
