package ec.gob.iess.recauda.adapter.out.cardprocessor;

import ec.gob.iess.recauda.application.port.out.CardProcessor;
import ec.gob.iess.recauda.domain.card.ChargeOutcome;
import ec.gob.iess.recauda.domain.card.ProcessorAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A card processor for dev and tests (README, "Card debit"), chosen with {@code
 * recauda.card-debit.processor=simulated}.
 * Like a real gateway it keeps its own record of charges by idempotency key: a repeated key gets the first answer
 * and charges nothing again. What it answers depends on the token (by prefix):
 * <ul>
 *   <li>{@code tok_sim_soft_once}: a soft decline for the first charge of the token, approvals after it;</li>
 *   <li>{@code tok_sim_soft}: a soft decline ({@code insufficient_funds});</li>
 *   <li>{@code tok_sim_hard}: a hard decline ({@code stolen_card});</li>
 *   <li>{@code tok_sim_timeout}: the card is charged, but the answer is lost (UNKNOWN); a status query says
 *       APPROVED;</li>
 *   <li>{@code tok_sim_lost}: the first request of a key never arrives (UNKNOWN); a status query says NOT_FOUND, and
 *       a re-send with the same key is approved;</li>
 *   <li>{@code tok_sim_down}: the processor cannot be reached: every charge and status query is UNKNOWN, and nothing
 *       is charged;</li>
 *   <li>{@code tok_sim_slow}: approved after {@code recauda.card-debit.simulator.slow-delay} (3 s);</li>
 *   <li>any other token: approved.</li>
 * </ul>
 * Its record lives in memory: it is a stand-in for a system of its own, not part of ours.
 */
@ApplicationScoped
@Typed(SimulatedCardProcessor.class)
public class SimulatedCardProcessor implements CardProcessor {

    private final Map<String, ProcessorAnswer> charged = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Set<String> softOnceDeclined = ConcurrentHashMap.newKeySet();
    private final Set<String> lostOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Duration slowDelay;

    public SimulatedCardProcessor(@ConfigProperty(name = "recauda.card-debit.simulator.slow-delay",
            defaultValue = "3s") Duration slowDelay) {
        this.slowDelay = slowDelay;
    }

    @Override
    public ProcessorAnswer charge(Charge charge) {
        requests.computeIfAbsent(charge.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
        String token = charge.processorToken();
        if (token.startsWith("tok_sim_down")) {
            down.add(charge.idempotencyKey());
            return ProcessorAnswer.unknown("unreachable");
        }
        if (token.startsWith("tok_sim_lost") && lostOnce.add(charge.idempotencyKey())) {
            return ProcessorAnswer.unknown("timeout");
        }
        if (token.startsWith("tok_sim_slow")) {
            sleep(slowDelay);
        }
        ProcessorAnswer answer = charged.computeIfAbsent(charge.idempotencyKey(), k -> decide(token));
        return token.startsWith("tok_sim_timeout") ? ProcessorAnswer.unknown("timeout") : answer;
    }

    private ProcessorAnswer decide(String token) {
        String id = "sim_" + UUID.randomUUID();
        if (token.startsWith("tok_sim_soft_once")) {
            return softOnceDeclined.add(token) ? new ProcessorAnswer(ChargeOutcome.SOFT_DECLINE, id,
                    "insufficient_funds") : new ProcessorAnswer(ChargeOutcome.APPROVED, id, null);
        }
        if (token.startsWith("tok_sim_soft")) {
            return new ProcessorAnswer(ChargeOutcome.SOFT_DECLINE, id, "insufficient_funds");
        }
        if (token.startsWith("tok_sim_hard")) {
            return new ProcessorAnswer(ChargeOutcome.HARD_DECLINE, id, "stolen_card");
        }
        return new ProcessorAnswer(ChargeOutcome.APPROVED, id, null);
    }

    @Override
    public ProcessorAnswer status(String idempotencyKey) {
        if (down.contains(idempotencyKey)) {
            return ProcessorAnswer.unknown("unreachable");
        }
        ProcessorAnswer answer = charged.get(idempotencyKey);
        return answer == null ? new ProcessorAnswer(ChargeOutcome.NOT_FOUND, null, null) : answer;
    }

    /** How many charge requests carried this key (tests: a charge is sent once, re-sent only when it was lost). */
    public int requests(String idempotencyKey) {
        AtomicInteger n = requests.get(idempotencyKey);
        return n == null ? 0 : n.get();
    }

    /** The answer recorded for a key, if the card was charged or declined under it. */
    public ProcessorAnswer recorded(String idempotencyKey) {
        return charged.get(idempotencyKey);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
