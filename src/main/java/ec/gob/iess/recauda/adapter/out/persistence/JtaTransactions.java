package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.Transactions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.Supplier;

/** {@link Transactions} on the service's JTA transaction manager (the datasource and Hibernate enlist in it). */
@ApplicationScoped
class JtaTransactions implements Transactions {

    @Override
    public <T> T inNew(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    @Override
    public <T> T inNew(Duration timeout, Supplier<T> work) {
        return QuarkusTransaction.requiringNew().timeout((int) timeout.toSeconds()).call(work::get);
    }
}
