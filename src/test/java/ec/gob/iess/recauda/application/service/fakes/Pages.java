package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;

import java.util.List;

/** A page cut from a whole list in its order, as LIMIT and OFFSET cut it in the database. */
final class Pages {

    private Pages() {
    }

    static <T> Page<T> of(List<T> all, PageRequest page) {
        int from = (int) Math.min(page.offset(), all.size());
        int to = Math.min(from + page.size(), all.size());
        return new Page<>(all.subList(from, to), page.page(), page.size(), all.size());
    }
}
