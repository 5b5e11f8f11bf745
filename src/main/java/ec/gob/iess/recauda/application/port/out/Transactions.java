package ec.gob.iess.recauda.application.port.out;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Programmatic transaction boundaries, for the use cases that need more than one transaction per call (a daily
 * check in batches, a payment retried after losing a race, a bulk registration retried after a duplicate): the
 * application says where a transaction starts and ends, the adapter says how.
 */
public interface Transactions {

    /**
     * Runs {@code work} in a new transaction of its own (suspending any current one): committed when it returns,
     * rolled back when it throws, the exception passing through unchanged.
     */
    <T> T inNew(Supplier<T> work);

    /** The same, for work that may take longer than the default transaction timeout (a file of a million rows). */
    <T> T inNew(Duration timeout, Supplier<T> work);
}
