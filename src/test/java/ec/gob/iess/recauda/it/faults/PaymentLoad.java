package ec.gob.iess.recauda.it.faults;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payment load as a bank's channel makes it: a few threads, each paying the next voucher with a fresh transaction
 * id and, when the outcome is unknown (no answer, or a 503), retrying the same request with the same id after a
 * short pause, on the next instance it is routed to, until it gets a definite answer. Every attempt is recorded
 * with its timing, so a test can look at what was answered in any window.
 */
final class PaymentLoad implements AutoCloseable {

    /** One HTTP attempt. {@code status} is -1 when no answer came (connection refused or cut, or a timeout). */
    record Attempt(ChannelFixture.Payment payment, int port, long startNanos, long endNanos, int status,
                   String contentType, String problemType, String retryAfter, String paymentId, String replayed,
                   String error) {

        Duration duration() {
            return Duration.ofNanos(endNanos - startNanos);
        }

        boolean paid() {
            return status == 201 || status == 200;
        }

        boolean unknown() {
            return status < 0 || status == 503;
        }

        /** A 503 problem+json of type service-unavailable with a Retry-After in seconds. */
        void assertServiceUnavailable() {
            assertThat(status).as(toString()).isEqualTo(503);
            assertThat(contentType).as(toString()).startsWith("application/problem+json");
            assertThat(problemType).as(toString()).isEqualTo(SERVICE_UNAVAILABLE);
            assertThat(retryAfter).as(toString()).matches("[1-9][0-9]*");
        }

        @Override
        public String toString() {
            return "port " + port + " " + payment.transactionId() + " -> " + (status < 0 ? error : status + " "
                    + (problemType == null ? "" : problemType)) + " in " + duration().toMillis() + " ms";
        }
    }

    static final String SERVICE_UNAVAILABLE = "https://recauda.iess.gob.ec/problems/service-unavailable";
    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\":\"([^\"]*)\"");
    private static final Pattern PAYMENT_ID = Pattern.compile("\"paymentId\":\"([^\"]*)\"");

    private final ChannelFixture fixture;
    private final Queue<ChannelFixture.Voucher> vouchers;
    private final Duration requestTimeout;
    private final Duration pause;
    private final String prefix = "F-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final AtomicInteger sequence = new AtomicInteger();
    private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final Map<String, String> paid = new ConcurrentHashMap<>();
    private final Queue<ChannelFixture.Payment> unsettled = new ConcurrentLinkedQueue<>();
    private final Queue<String> contradictions = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile int[] ports;
    private volatile boolean running;

    PaymentLoad(ChannelFixture fixture, List<ChannelFixture.Voucher> vouchers, Duration requestTimeout,
                Duration pause, int... ports) {
        this.fixture = fixture;
        this.vouchers = new ConcurrentLinkedQueue<>(vouchers);
        this.requestTimeout = requestTimeout;
        this.pause = pause;
        this.ports = ports.clone();
    }

    PaymentLoad start(int threadCount) {
        running = true;
        for (int t = 0; t < threadCount; t++) {
            int index = t;
            Thread thread = new Thread(() -> run(index), "payment-load-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /** Sends the following attempts to these instances only. */
    void routeTo(int... newPorts) {
        ports = newPorts.clone();
    }

    /** Waits until {@code count} more payments than now have a definite answer (201, or 200 for a replay). */
    void awaitMorePaid(int count, Duration timeout) throws InterruptedException {
        int target = paid.size() + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (paid.size() < target && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(paid.size()).as("payments answered 201/200 within " + timeout + "; attempts so far: "
                + summary()).isGreaterThanOrEqualTo(target);
    }

    /** Stops the threads (each ends its attempt in flight); payments left without a definite answer are kept. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(90));
            assertThat(thread.isAlive()).as(thread.getName() + " ended").isFalse();
        }
        threads.clear();
    }

    /**
     * Retries every payment left without a definite answer, with its own transaction id and body, on {@code port},
     * until each is answered 201 or 200; returns those last attempts.
     */
    List<Attempt> settle(int port, Duration timeout) throws InterruptedException {
        List<Attempt> settled = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        ChannelFixture.Payment payment;
        while ((payment = unsettled.poll()) != null) {
            Attempt last;
            do {
                assertThat(System.nanoTime()).as("settled within " + timeout).isLessThan(deadline);
                last = attempt(payment, port);
                if (last.unknown()) {
                    Thread.sleep(pause.toMillis());
                }
            } while (last.unknown());
            settled.add(last);
        }
        return settled;
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    List<Attempt> attempts(Predicate<Attempt> filter) {
        return attempts.stream().filter(filter).toList();
    }

    /** Transaction id to payment id of every payment answered 201 or 200. */
    Map<String, String> paid() {
        return Map.copyOf(paid);
    }

    /** Answers that contradict each other (one transaction id answered with two payment ids); none expected. */
    List<String> contradictions() {
        return List.copyOf(contradictions);
    }

    String summary() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Attempt a : attempts) {
            counts.merge(a.status() < 0 ? "no answer" : Integer.toString(a.status()), 1, Integer::sum);
        }
        return counts.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void run(int index) {
        int turn = index;
        while (running) {
            ChannelFixture.Voucher voucher = vouchers.poll();
            if (voucher == null) {
                return;
            }
            ChannelFixture.Payment payment = ChannelFixture.paymentOf(voucher, prefix + sequence.incrementAndGet());
            while (true) {
                int[] now = ports;
                Attempt a = attempt(payment, now[turn++ % now.length]);
                if (!a.unknown()) {
                    break;
                }
                if (!running) {
                    unsettled.add(payment);
                    return;
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    unsettled.add(payment);
                    return;
                }
            }
        }
    }

    private Attempt attempt(ChannelFixture.Payment payment, int port) {
        long start = System.nanoTime();
        Attempt a;
        try {
            HttpResponse<String> r = fixture.post(port, payment, requestTimeout);
            String type = r.statusCode() >= 400 ? group(PROBLEM_TYPE, r.body()) : null;
            String paymentId = r.statusCode() < 300 ? group(PAYMENT_ID, r.body()) : null;
            a = new Attempt(payment, port, start, System.nanoTime(), r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(null), type,
                    r.headers().firstValue("Retry-After").orElse(null), paymentId,
                    r.headers().firstValue("Idempotent-Replayed").orElse(null), null);
        } catch (IOException e) {
            a = new Attempt(payment, port, start, System.nanoTime(), -1, null, null, null, null, null,
                    e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            a = new Attempt(payment, port, start, System.nanoTime(), -1, null, null, null, null, null,
                    "interrupted");
        }
        attempts.add(a);
        if (a.paid()) {
            String earlier = paid.putIfAbsent(payment.transactionId(), a.paymentId());
            if (a.paymentId() == null || earlier != null && !earlier.equals(a.paymentId())) {
                contradictions.add(payment.transactionId() + " answered payment " + earlier + " and "
                        + a.paymentId());
            }
        }
        return a;
    }

    private static String group(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
