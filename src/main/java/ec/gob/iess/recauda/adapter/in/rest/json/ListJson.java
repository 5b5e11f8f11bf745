package ec.gob.iess.recauda.adapter.in.rest.json;

import ec.gob.iess.recauda.application.port.Page;

import java.util.List;
import java.util.function.Function;

/** Every list answer: the items of one page, the page number, the page size and the total number of items. */
public record ListJson<T>(List<T> items, int page, int size, long totalItems) {

    public static <D, T> ListJson<T> of(Page<D> page, Function<D, T> mapper) {
        return new ListJson<>(page.items().stream().map(mapper).toList(), page.page(), page.size(),
                page.totalItems());
    }

    /** A complete list given as a single page. */
    public static <T> ListJson<T> all(List<T> items) {
        return new ListJson<>(items, 0, items.size(), items.size());
    }
}
