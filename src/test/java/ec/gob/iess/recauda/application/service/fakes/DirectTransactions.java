package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.out.Transactions;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@link Transactions} for service tests over in-memory fakes: runs the work and counts the transactions begun. The
 * fakes store only what a service explicitly saves, so a failing unit of work leaves behind exactly what it saved
 * before failing: tests that need a rollback use the real database.
 */
public final class DirectTransactions implements Transactions {

    private int begun;

    @Override
    public <T> T inNew(Supplier<T> work) {
        begun++;
        return work.get();
    }

    @Override
    public <T> T inNew(Duration timeout, Supplier<T> work) {
        return inNew(work);
    }

    /** How many transactions were begun. */
    public int begun() {
        return begun;
    }
}
