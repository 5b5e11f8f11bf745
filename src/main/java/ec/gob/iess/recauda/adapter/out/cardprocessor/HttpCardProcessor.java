package ec.gob.iess.recauda.adapter.out.cardprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ec.gob.iess.recauda.application.port.out.CardProcessor;
import ec.gob.iess.recauda.domain.card.ChargeOutcome;
import ec.gob.iess.recauda.domain.card.ProcessorAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.io.IOException;

/**
 * A real card gateway over HTTP ({@code recauda.card-debit.processor=http}; docs/card-debit.md, "The HTTP gateway").
 * A charge is {@code POST /v1/charges} with the idempotency key in the {@code Idempotency-Key} header and in the body;
 * its status is {@code GET /v1/charges/{idempotencyKey}}. The gateway answers {@code {"id", "status": "approved" |
 * "declined" | "pending", "declineType": "soft" | "hard", "declineCode"}}, with 200 or 201, or 402 for a decline.
 * Everything else (no connection, a time-out, a dropped connection, a 5xx, an open circuit, another 4xx, a body that
 * cannot be read) is UNKNOWN: the charge may or may not have been made, and it is asked about, never sent blindly.
 */
@ApplicationScoped
@Typed(HttpCardProcessor.class)
public class HttpCardProcessor implements CardProcessor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CardGatewayCalls calls;

    public HttpCardProcessor(CardGatewayCalls calls) {
        this.calls = calls;
    }

    @Override
    public boolean available() {
        return calls.configured();
    }

    @Override
    public ProcessorAnswer charge(Charge charge) {
        ObjectNode body = JSON.createObjectNode();
        body.put("idempotencyKey", charge.idempotencyKey());
        body.put("token", charge.processorToken());
        body.put("amount", charge.amount().toString());
        body.put("currency", "USD");
        body.put("description", charge.description());
        try {
            return answerOf(calls.send(charge.idempotencyKey(), JSON.writeValueAsString(body)));
        } catch (IOException | RuntimeException e) {
            return ProcessorAnswer.unknown(reasonOf(e));
        }
    }

    @Override
    public ProcessorAnswer status(String idempotencyKey) {
        try {
            CardGatewayCalls.Reply reply = calls.send(idempotencyKey, null);
            if (reply.status() == 404) {
                return new ProcessorAnswer(ChargeOutcome.NOT_FOUND, null, null);
            }
            return answerOf(reply);
        } catch (IOException | RuntimeException e) {
            return ProcessorAnswer.unknown(reasonOf(e));
        }
    }

    private static ProcessorAnswer answerOf(CardGatewayCalls.Reply reply) throws IOException {
        int status = reply.status();
        if (status != 200 && status != 201 && status != 402) {
            return ProcessorAnswer.unknown("http-" + status);
        }
        JsonNode answer = JSON.readTree(reply.body());
        String id = text(answer, "id");
        String outcome = text(answer, "status");
        if ("approved".equals(outcome) && status != 402) {
            return new ProcessorAnswer(ChargeOutcome.APPROVED, id, null);
        }
        if ("declined".equals(outcome)) {
            ChargeOutcome decline = "hard".equals(text(answer, "declineType")) ? ChargeOutcome.HARD_DECLINE
                    : ChargeOutcome.SOFT_DECLINE;
            return new ProcessorAnswer(decline, id, text(answer, "declineCode"));
        }
        return ProcessorAnswer.unknown(outcome == null ? "unreadable" : "gateway-" + outcome);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /** Why there is no answer, in a word (never a value of the charge). */
    private static String reasonOf(Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            return "circuit-open";
        }
        if (e instanceof TimeoutException) {
            return "timeout";
        }
        if (e instanceof CardGatewayCalls.GatewayUnavailable) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }
}
