package ec.gob.iess.recauda.application.port;

import java.util.List;
import java.util.function.Function;

/** One page of a longer list: the items, the page number (from 0), the page size and the total count. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems);
    }
}
