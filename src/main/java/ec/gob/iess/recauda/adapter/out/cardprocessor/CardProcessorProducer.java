package ec.gob.iess.recauda.adapter.out.cardprocessor;

import ec.gob.iess.recauda.application.port.out.CardProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which card processor runs: {@code recauda.card-debit.processor} is {@code none} (production's default: nothing is
 * charged), {@code simulated} (dev and test) or {@code http} (a real gateway, {@code recauda.card-debit.http.*}).
 */
@ApplicationScoped
public class CardProcessorProducer {

    @Produces
    @Singleton
    CardProcessor processor(@ConfigProperty(name = "recauda.card-debit.processor", defaultValue = "none")
                            String choice,
                            Instance<SimulatedCardProcessor> simulated, Instance<NoCardProcessor> none) {
        return switch (choice) {
            case "none" -> none.get();
            case "simulated" -> simulated.get();
            default -> throw new IllegalStateException("recauda.card-debit.processor must be none or simulated, not "
                    + choice);
        };
    }
}
