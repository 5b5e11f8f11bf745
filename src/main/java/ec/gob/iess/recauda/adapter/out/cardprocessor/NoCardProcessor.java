package ec.gob.iess.recauda.adapter.out.cardprocessor;

import ec.gob.iess.recauda.application.port.out.CardProcessor;
import ec.gob.iess.recauda.domain.card.ProcessorAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/**
 * No processor ({@code recauda.card-debit.processor=none}, production's default until a gateway is configured):
 * mandates can be registered, but no run starts and nothing is charged ({@link #available} is false).
 */
@ApplicationScoped
@Typed(NoCardProcessor.class)
public class NoCardProcessor implements CardProcessor {

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public ProcessorAnswer charge(Charge charge) {
        throw new IllegalStateException("no card processor is configured (recauda.card-debit.processor)");
    }

    @Override
    public ProcessorAnswer status(String idempotencyKey) {
        throw new IllegalStateException("no card processor is configured (recauda.card-debit.processor)");
    }
}
