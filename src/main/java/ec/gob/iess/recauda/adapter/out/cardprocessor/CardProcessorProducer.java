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
                            Instance<SimulatedCardProcessor> simulated, Instance<NoCardProcessor> none,
                            Instance<HttpCardProcessor> http) {
        return switch (choice) {
            case "none" -> none.get();
            case "simulated" -> simulated.get();
            case "http" -> {
                HttpCardProcessor gateway = http.get();
                if (!gateway.available()) {
                    throw new IllegalStateException("recauda.card-debit.processor=http needs"
                            + " recauda.card-debit.http.base-url and recauda.card-debit.http.api-key"
                            + " (RECAUDA_CARD_DEBIT_HTTP_BASE_URL, RECAUDA_CARD_DEBIT_HTTP_API_KEY)");
                }
                yield gateway;
            }
            default -> throw new IllegalStateException("recauda.card-debit.processor must be none, simulated or"
                    + " http, not " + choice);
        };
    }
}
