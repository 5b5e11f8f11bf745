import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load client of the Recauda benchmark (bench/run.sh). One file, Java 17, no dependencies beyond the JDK:
 * {@code java bench/BenchClient.java <mode> [--option value ...]}.
 *
 * <p>Modes:
 * <ul>
 *   <li>{@code ready}: waits until {@code GET /q/health/ready} answers 200 (or gives up after
 *       {@code --timeout-seconds}); {@code --url} is then the service's management interface, which serves
 *       health on a port of its own.</li>
 *   <li>{@code bulk}: generates {@code --total} obligations (valid cédulas of {@code --debtors} debtors, unique
 *       external references), cuts them into requests of {@code --batch} items before the clock starts, and posts
 *       them to {@code POST /api/v1/obligations/bulk} with {@code --clients} concurrent clients, after
 *       {@code --warmup} obligations posted the same way but not measured (0: none). Reports
 *       obligations/s (stored items over the wall time from the first request sent to the last answer received) and
 *       the per-request latency.</li>
 *   <li>{@code statement}: loads the arrears rate table ({@code --rates 1}: one rate from 2000-01-01; more: that many
 *       quarterly rates from 2000-01-01), seeds debtor {@code --debtor} with {@code --obligations} obligations
 *       through the bulk endpoint (unless it already has exactly that many), then runs {@code --warmup} unmeasured
 *       and {@code --requests} measured {@code GET /api/v1/debtors/{id}/statement?asOf=...} with {@code --clients}
 *       concurrent clients. Reports req/s, p50, p90, p99, p99.9 and max.</li>
 * </ul>
 *
 * <p>Every answer is checked: a bulk answer must be 200 with one id and no error per item, a statement answer must
 * be 200 with exactly the seeded number of lines. Any failure is counted and reported, and the program exits 1: a
 * benchmark whose requests fail reports failure, not speed. Latency is {@link System#nanoTime()} around the whole
 * exchange (request sent, complete body received). Percentiles are exact, nearest-rank over the sorted latencies.
 * The last line of output of bulk and statement is {@code RESULT key=value ...} for scripts.
 */
public final class BenchClient {

    private static final String BULK_PATH = "/api/v1/obligations/bulk";
    private static final String[] PROVINCES = {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11",
            "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "30"};

    private final Map<String, String> options;
    private final HttpClient http;
    private final URI base;

    private BenchClient(Map<String, String> options) {
        this.options = options;
        this.base = URI.create(option("url", "http://127.0.0.1:8080"));
        int clients = Integer.parseInt(option("clients", "1"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(Math.max(2, clients), daemon("http")))
                .build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage("no mode given");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("options are '--name value' pairs; got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        BenchClient client = new BenchClient(options);
        int exit;
        switch (args[0]) {
            case "ready" -> exit = client.ready();
            case "bulk" -> exit = client.bulk();
            case "statement" -> exit = client.statement();
            case "channel-setup" -> exit = client.channelSetup();
            case "agreements-seed" -> exit = agreementsSeed(options);
            case "agreement-checks" -> exit = client.agreementChecks();
            case "fixed-rate" -> exit = client.fixedRate();
            case "ministry-batch-setup" -> exit = client.ministryBatchSetup();
            case "ministry-batch" -> exit = client.ministryBatch();
            case "legacy-import" -> exit = client.legacyImport();
            case "card-debit-seed" -> exit = cardDebitSeed(options);
            case "card-debit" -> exit = client.cardDebit();
            default -> {
                usage("unknown mode " + args[0]);
                exit = 2;
            }
        }
        System.out.flush();
        System.exit(exit);
    }

    private static void usage(String problem) {
        System.err.println("BenchClient: " + problem);
        System.err.println("""
                usage: java bench/BenchClient.java <mode> [--option value ...]
                  ready      --url MANAGEMENT_URL [--timeout-seconds 180]
                  bulk       --url U --key K [--total 100000] [--batch 10000] [--clients 1] [--warmup 0]
                             [--debtors 20000] [--run-id X] [--timeout-seconds 300]
                  statement  --url U --key K [--debtor 1790012344001] [--obligations 500] [--as-of 2025-06-30]
                             [--rates 1] [--warmup 500] [--requests 3000] [--clients 1] [--timeout-seconds 60]
                  channel-setup --url U --key K --entity E --vouchers N --out FILE [--clients 16]
                             [--first-debtor 5000000] [--run-id X] [--timeout-seconds 120]
                  agreements-seed --count N --dir D [--defaulting-percent 5] [--first-debtor 20000000]
                  agreement-checks --url U --key K --date YYYY-MM-DD --expect-defaulted N [--timeout-seconds 600]
                  fixed-rate --url U --key K --vouchers FILE --rate 3000 [--seconds 30] [--warmup-seconds 10]
                             [--connections 64]
                  ministry-batch-setup --url U --key K --lines N --state FILE [--first-employer 3000000]
                  ministry-batch --url U --state FILE [--timeout-seconds 600]
                  legacy-import --url U --key K --rows N --management M [--first-debtor 4000000]
                             [--timeout-seconds 900]
                  card-debit-seed --count N --dir D --date YYYY-MM-DD [--first-debtor 6000000]
                  card-debit --url U --key K --date YYYY-MM-DD --mandates N [--timeout-seconds 600]""");
        System.exit(2);
    }

    // -------------------------------------------------------------------------------------------- fixed-rate

    /**
     * The voucher query ({@code GET /api/v1/channel/payables?reference=}) at a fixed rate, open loop: request i is
     * due at {@code start + i / rate} whatever became of the earlier ones, and its latency is measured from that due
     * time, not from when it was sent, so a stall of the service counts fully against every request it delays
     * (no coordinated omission). The references of {@code --vouchers} (one "reference amount" per line) are used in
     * turn. A warm-up at the same rate comes first, unmeasured. The run fails when a request fails; when the service
     * cannot keep up, the latencies grow without bound and say so.
     */
    private int fixedRate() throws Exception {
        String key = option("key", null);
        List<String> references = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(option("vouchers", null)))) {
            if (!line.isBlank()) {
                references.add(line.trim().split("\\s+")[0]);
            }
        }
        if (references.isEmpty()) {
            System.err.println("fixed-rate: no references in " + option("vouchers", null));
            return 1;
        }
        int rate = Integer.parseInt(option("rate", "3000"));
        int seconds = Integer.parseInt(option("seconds", "30"));
        int warmupSeconds = Integer.parseInt(option("warmup-seconds", "10"));
        int connections = Integer.parseInt(option("connections", "64"));
        FixedRateRun warmup = fixedRateRun(key, references, rate, warmupSeconds, connections);
        if (!warmup.failures.isEmpty()) {
            System.out.println("fixed-rate: the warm-up failed: " + warmup.failures.get(0));
            System.out.println("RESULT mode=fixed-rate status=FAILED phase=warmup");
            return 1;
        }
        FixedRateRun run = fixedRateRun(key, references, rate, seconds, connections);
        long[] latencies = run.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        boolean ok = run.failures.isEmpty() && latencies.length == (long) rate * seconds;
        run.failures.stream().limit(3).forEach(f -> System.out.println("fixed-rate: " + f));
        System.out.printf(Locale.ROOT, "fixed-rate: %d requests due at %d/s over %d s, %d answered 200 in %.3f s;"
                        + " latency from the due time%n", (long) rate * seconds, rate, seconds, latencies.length,
                run.elapsedNanos / 1e9);
        System.out.printf(Locale.ROOT, "RESULT mode=fixed-rate status=%s rate=%d requests=%d ok=%d failed=%d"
                        + " seconds=%.3f req_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f%n",
                ok ? "OK" : "FAILED", rate, (long) rate * seconds, latencies.length, run.failures.size(),
                run.elapsedNanos / 1e9, latencies.length / (run.elapsedNanos / 1e9), percentileMs(latencies, 50),
                percentileMs(latencies, 90), percentileMs(latencies, 99), percentileMs(latencies, 99.9),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
        return ok ? 0 : 1;
    }

    private record FixedRateRun(List<Long> latencies, List<String> failures, long elapsedNanos) {
    }

    /**
     * One run at a fixed rate over {@code connections} keep-alive HTTP/1.1 connections, each served by a thread with
     * a plain blocking socket (the JDK's HttpClient costs the 2 CPUs of the machine more than the service does at
     * this rate). Request i is due at {@code start + i / rate}; a thread takes the next request, waits for its due
     * time, sends it and reads the answer. When every connection is busy a request waits for one, and that wait
     * counts in its latency, which is measured from the due time.
     */
    private FixedRateRun fixedRateRun(String key, List<String> references, int rate, int seconds, int connections)
            throws InterruptedException {
        long total = (long) rate * seconds;
        long[] latencies = new long[(int) total];
        AtomicLong next = new AtomicLong();
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        Thread[] threads = new Thread[connections];
        for (int t = 0; t < connections; t++) {
            threads[t] = new Thread(() -> {
                java.net.Socket socket = null;
                java.io.InputStream in = null;
                java.io.OutputStream out = null;
                try {
                    long i;
                    while ((i = next.getAndIncrement()) < total && failures.isEmpty()) {
                        long due = start + i * 1_000_000_000L / rate;
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        if (socket == null) {
                            socket = new java.net.Socket(base.getHost(), base.getPort());
                            socket.setTcpNoDelay(true);
                            socket.setSoTimeout(30_000);
                            in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
                            out = socket.getOutputStream();
                        }
                        String reference = references.get((int) (i % references.size()));
                        byte[] request = ("GET /api/v1/channel/payables?reference=" + reference + " HTTP/1.1\r\n"
                                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                                + "Authorization: Bearer " + key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                        out.write(request);
                        byte[] body = readAnswer(in, reference);
                        if (body == null) {
                            failures.add("an answer other than 200 naming " + reference);
                            return;
                        }
                        latencies[(int) i] = System.nanoTime() - due;
                        answered.incrementAndGet();
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                } finally {
                    if (socket != null) {
                        try {
                            socket.close();
                        } catch (IOException ignored) {
                            // closing
                        }
                    }
                }
            }, "fixed-rate-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(seconds + 60L));
        }
        long elapsed = System.nanoTime() - start;
        List<Long> measured = new ArrayList<>(answered.get());
        for (long latency : latencies) {
            if (latency > 0) {
                measured.add(latency);
            }
        }
        return new FixedRateRun(measured, new ArrayList<>(failures), elapsed);
    }

    /** Reads one HTTP/1.1 answer with a Content-Length; its body when it is a 200 naming the reference, else null. */
    private static byte[] readAnswer(java.io.InputStream in, String reference) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.charAt(head.length() - 1) == '\n' && head.charAt(head.length() - 2) == '\r'
                    && head.charAt(head.length() - 3) == '\n' && head.charAt(head.length() - 4) == '\r') {
                break;
            }
        }
        if (b < 0) {
            throw new IOException("the connection closed before an answer");
        }
        String headers = head.toString();
        int length = -1;
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("an answer without Content-Length: " + abbreviate(headers));
        }
        byte[] body = in.readNBytes(length);
        boolean ok = headers.startsWith("HTTP/1.1 200") && count(body, "\"reference\":\"" + reference + "\"") == 1;
        return ok ? body : null;
    }

    private static double percentileMs(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    // ------------------------------------------------------------------------------------------------- ready

    private int ready() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(option("timeout-seconds", "180")));
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    System.out.println("ready: " + base);
                    return 0;
                }
                last = "HTTP " + r.statusCode() + " " + abbreviate(r.body());
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        System.err.println("not ready after the timeout: " + last);
        return 1;
    }

    // -------------------------------------------------------------------------------------------------- bulk

    private int bulk() throws Exception {
        int total = Integer.parseInt(option("total", "100000"));
        int warmup = Integer.parseInt(option("warmup", "0"));
        int batch = Integer.parseInt(option("batch", "10000"));
        int clients = Integer.parseInt(option("clients", "1"));
        int debtors = Integer.parseInt(option("debtors", "20000"));
        String runId = option("run-id", Long.toString(System.currentTimeMillis(), 36));
        Duration timeout = Duration.ofSeconds(Long.parseLong(option("timeout-seconds", "300")));
        String key = requiredOption("key");

        String[] debtorIds = new String[debtors];
        for (int i = 0; i < debtors; i++) {
            debtorIds[i] = cedula(i);
        }
        if (warmup > 0) {
            Batches warm = batches(warmup, batch, debtorIds, runId + "-warmup");
            System.out.printf(Locale.ROOT, "bulk: warm-up, %,d obligations in %d requests (not measured)%n",
                    warmup, warm.bodies.size());
            Posted w = postAll(warm, clients, key, timeout);
            w.failureSamples.forEach(f -> System.out.println("bulk: warm-up FAILURE " + f));
            if (w.requestFailures.get() > 0) {
                System.out.println("RESULT mode=bulk status=FAILED phase=warmup failed_requests="
                        + w.requestFailures.get());
                return 1;
            }
            System.out.printf(Locale.ROOT, "bulk: warm-up took %.3f s (%.0f obligations/s)%n", w.elapsed / 1e9,
                    w.stored.get() / (w.elapsed / 1e9));
        }
        Batches measured = batches(total, batch, debtorIds, runId);
        System.out.printf(Locale.ROOT, "bulk: %,d obligations of %,d debtors in %d requests of up to %,d items"
                        + " (%.1f MiB of JSON), %d concurrent client(s), run id %s%n",
                total, Math.min(debtors, total), measured.bodies.size(), batch, measured.bytes / 1048576.0, clients,
                runId);
        long cpu0 = processCpuNanos();
        Posted posted = postAll(measured, clients, key, timeout);
        double clientCpu = (processCpuNanos() - cpu0) / 1e9;

        double seconds = posted.elapsed / 1e9;
        double perSecond = posted.stored.get() / seconds;
        long[] sorted = posted.latencies.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "bulk: %,d stored, %,d failed items, %d failed requests in %.3f s%n",
                posted.stored.get(), posted.itemFailures.get(), posted.requestFailures.get(), seconds);
        System.out.printf(Locale.ROOT, "bulk: %.0f obligations/s; per request (%d items): min %.0f ms, p50 %.0f ms,"
                        + " p90 %.0f ms, max %.0f ms; in order: %s%n", perSecond, batch, ms(sorted[0]),
                ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(sorted[sorted.length - 1]),
                Arrays.stream(posted.latencies).mapToObj(l -> String.format(Locale.ROOT, "%.0f", ms(l)))
                        .reduce((a, b) -> a + " " + b).orElse(""));
        posted.failureSamples.forEach(f -> System.out.println("bulk: FAILURE " + f));
        boolean ok = posted.requestFailures.get() == 0 && posted.itemFailures.get() == 0
                && posted.stored.get() == total;
        System.out.printf(Locale.ROOT, "RESULT mode=bulk status=%s total=%d warmup=%d batch=%d clients=%d stored=%d"
                        + " failed_items=%d failed_requests=%d seconds=%.3f obligations_per_s=%.1f"
                        + " req_min_ms=%.1f req_p50_ms=%.1f req_p90_ms=%.1f req_max_ms=%.1f client_cpu_s=%.2f"
                        + " client_process_cpu_s=%.2f%n",
                ok ? "OK" : "FAILED", total, warmup, batch, clients, posted.stored.get(), posted.itemFailures.get(),
                posted.requestFailures.get(), seconds, perSecond, ms(sorted[0]), ms(percentile(sorted, 50)),
                ms(percentile(sorted, 90)), ms(sorted[sorted.length - 1]), clientCpu, processCpuNanos() / 1e9);
        return ok ? 0 : 1;
    }

    /** Request bodies, generated before any clock starts. */
    private record Batches(List<byte[]> bodies, List<Integer> sizes, long bytes) {
    }

    private static Batches batches(int total, int batch, String[] debtorIds, String runId) {
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long bytes = 0;
        for (int start = 0; start < total; start += batch) {
            int n = Math.min(batch, total - start);
            StringBuilder json = new StringBuilder(n * 260).append("{\"items\":[");
            for (int i = start; i < start + n; i++) {
                if (i > start) {
                    json.append(',');
                }
                appendBulkItem(json, i, debtorIds[i % debtorIds.length], "BENCH", runId + "-" + i);
            }
            byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            bytes += body.length;
            bodies.add(body);
            sizes.add(n);
        }
        return new Batches(bodies, sizes, bytes);
    }

    private record Posted(long[] latencies, long elapsed, AtomicLong stored, AtomicLong itemFailures,
                          AtomicInteger requestFailures, List<String> failureSamples) {
    }

    /**
     * Posts every body with {@code clients} threads; a request counts as failed unless it is a 200 carrying one id
     * and no error per item.
     */
    private Posted postAll(Batches batches, int clients, String key, Duration timeout) throws Exception {
        List<byte[]> bodies = batches.bodies;
        long[] latencies = new long[bodies.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicLong stored = new AtomicLong();
        AtomicLong itemFailures = new AtomicLong();
        AtomicInteger requestFailures = new AtomicInteger();
        List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients, daemon("bulk-client"));
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < bodies.size()) {
                    int expected = batches.sizes.get(i);
                    HttpRequest request = HttpRequest.newBuilder(base.resolve(BULK_PATH))
                            .timeout(timeout)
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
                            .build();
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> response;
                    try {
                        response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    } catch (IOException | InterruptedException e) {
                        latencies[i] = System.nanoTime() - t0;
                        requestFailures.incrementAndGet();
                        itemFailures.addAndGet(expected);
                        sample(failureSamples, "request " + i + ": " + e);
                        continue;
                    }
                    latencies[i] = System.nanoTime() - t0;
                    if (response.statusCode() != 200) {
                        requestFailures.incrementAndGet();
                        itemFailures.addAndGet(expected);
                        sample(failureSamples, "request " + i + ": HTTP " + response.statusCode() + " "
                                + abbreviate(new String(response.body(), StandardCharsets.UTF_8)));
                        continue;
                    }
                    byte[] body = response.body();
                    int ids = count(body, "\"id\":\"");
                    int errors = count(body, "\"error\":");
                    stored.addAndGet(Math.min(ids, expected));
                    if (ids != expected || errors != 0) {
                        requestFailures.incrementAndGet();
                        itemFailures.addAndGet(expected - Math.min(ids, expected));
                        sample(failureSamples, "request " + i + ": " + ids + " ids and " + errors + " errors for "
                                + expected + " items: " + abbreviate(firstError(body)));
                    }
                }
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        long elapsed = System.nanoTime() - started;
        pool.shutdown();
        return new Posted(latencies, elapsed, stored, itemFailures, requestFailures, failureSamples);
    }

    /** One bulk item; the types alternate between contribution-like (with a period) and the ones with a due date. */
    private static void appendBulkItem(StringBuilder json, int i, String debtorId, String sourceSystem,
                                       String reference) {
        LocalDate month = LocalDate.of(2016, 1, 1).plusMonths(i % 108);
        String principal = (100 + (i * 7919L) % 900_000) / 100 + "." + String.format(Locale.ROOT, "%02d", i % 100);
        json.append("{\"debtorId\":\"").append(debtorId)
                .append("\",\"debtorName\":\"Empleador de prueba ").append(debtorId).append('"');
        switch (i % 4) {
            case 0 -> json.append(",\"type\":\"CONTRIBUTION\",\"period\":\"")
                    .append(month.toString(), 0, 7).append('"');
            case 1 -> json.append(",\"type\":\"FINE\",\"dueDate\":\"").append(month.plusDays(27))
                    .append("\",\"description\":\"Multa por mora en la presentación de planillas\"");
            case 2 -> json.append(",\"type\":\"RESERVE_FUND\",\"period\":\"")
                    .append(month.toString(), 0, 7).append('"');
            default -> json.append(",\"type\":\"EMPLOYER_LIABILITY\",\"dueDate\":\"").append(month.plusDays(14))
                    .append('"');
        }
        json.append(",\"principal\":\"").append(principal).append('"')
                .append(",\"sourceSystem\":\"").append(sourceSystem)
                .append("\",\"externalReference\":\"").append(reference).append("\"}");
    }

    /** A valid cédula for every n below 25 × 6 × 1,000,000: province, third digit 0-5, six digits, check digit. */
    static String cedula(int n) {
        String province = PROVINCES[n % PROVINCES.length];
        int third = (n / PROVINCES.length) % 6;
        int rest = (n / (PROVINCES.length * 6)) % 1_000_000;
        String first9 = province + third + String.format(Locale.ROOT, "%06d", rest);
        int[] weights = {2, 1, 2, 1, 2, 1, 2, 1, 2};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int product = (first9.charAt(i) - '0') * weights[i];
            sum += product > 9 ? product - 9 : product;
        }
        return first9 + (10 - sum % 10) % 10;
    }

    // --------------------------------------------------------------------------------------------- statement

    private int statement() throws Exception {
        String key = requiredOption("key");
        String debtor = option("debtor", "1790012344001");
        int obligations = Integer.parseInt(option("obligations", "500"));
        String asOf = option("as-of", "2025-06-30");
        int rates = Integer.parseInt(option("rates", "1"));
        int warmup = Integer.parseInt(option("warmup", "500"));
        int requests = Integer.parseInt(option("requests", "3000"));
        int clients = Integer.parseInt(option("clients", "1"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(option("timeout-seconds", "60")));

        // 1. The rate table: one rate from 2000-01-01, or quarterly rates from then on.
        for (int q = 0; q < rates; q++) {
            LocalDate from = LocalDate.of(2000, 1, 1).plusMonths(3L * q);
            String rate = String.format(Locale.ROOT, "0.%04d", 900 + (q * 37) % 400);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            base.resolve("/api/v1/admin/interest-rates/" + from))
                    .timeout(timeout).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"annualRate\":\"" + rate + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && r.statusCode() != 201) {
                System.err.println("statement: setting the rate of " + from + " failed: HTTP " + r.statusCode()
                        + " " + abbreviate(r.body()));
                return 1;
            }
        }

        // 2. The debtor's obligations, seeded through the bulk endpoint unless already there.
        URI statementUri = base.resolve("/api/v1/debtors/" + debtor + "/statement?asOf=" + asOf);
        HttpRequest get = HttpRequest.newBuilder(statementUri).timeout(timeout)
                .header("Authorization", "Bearer " + key).header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> first = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
        if (first.statusCode() != 200) {
            System.err.println("statement: first statement failed: HTTP " + first.statusCode() + " "
                    + abbreviate(new String(first.body(), StandardCharsets.UTF_8)));
            return 1;
        }
        int existing = count(first.body(), "\"obligationId\":");
        if (existing == 0) {
            String runId = Long.toString(System.currentTimeMillis(), 36);
            StringBuilder json = new StringBuilder(obligations * 300).append("{\"items\":[");
            for (int i = 0; i < obligations; i++) {
                if (i > 0) {
                    json.append(',');
                }
                LocalDate due = LocalDate.of(2015, 1, 31).plusDays(7L * i);
                String type = switch (i % 3) {
                    case 0 -> "FINE";
                    case 1 -> "EMPLOYER_LIABILITY";
                    default -> "GLOSA";
                };
                json.append("{\"debtorId\":\"").append(debtor)
                        .append("\",\"debtorName\":\"Comercial Andina S.A.\",\"type\":\"").append(type)
                        .append("\",\"principal\":\"").append(100 + (i * 7919) % 90_000).append('.')
                        .append(String.format(Locale.ROOT, "%02d", i % 100))
                        .append("\",\"dueDate\":\"").append(due)
                        .append("\",\"sourceSystem\":\"BENCHSTMT\",\"externalReference\":\"").append(runId)
                        .append('-').append(i).append("\"}");
            }
            json.append("]}");
            HttpResponse<byte[]> seeded = http.send(HttpRequest.newBuilder(base.resolve(BULK_PATH))
                    .timeout(timeout).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.toString())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            int ids = seeded.statusCode() == 200 ? count(seeded.body(), "\"id\":\"") : 0;
            if (ids != obligations) {
                System.err.println("statement: seeding failed: HTTP " + seeded.statusCode() + ", " + ids + " of "
                        + obligations + " stored: " + abbreviate(firstError(seeded.body())));
                return 1;
            }
        } else if (existing != obligations) {
            System.err.println("statement: debtor " + debtor + " already has " + existing + " unpaid obligations,"
                    + " not " + obligations + "; use another --debtor or a fresh database");
            return 1;
        }
        HttpResponse<byte[]> check = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
        int lines = check.statusCode() == 200 ? count(check.body(), "\"obligationId\":") : -1;
        if (lines != obligations) {
            System.err.println("statement: expected " + obligations + " lines, got HTTP " + check.statusCode()
                    + " with " + lines + ": " + abbreviate(new String(check.body(), StandardCharsets.UTF_8)));
            return 1;
        }
        System.out.printf(Locale.ROOT, "statement: debtor %s, %d lines (%,d bytes of JSON), %d rate(s), asOf %s;"
                        + " %d warm-up + %d measured requests, %d concurrent client(s)%n", debtor, lines,
                check.body().length, rates, asOf, warmup, requests, clients);

        // 3. Warm-up (unmeasured), then the measured run; every answer is checked.
        Run warm = run(get, warmup, clients, obligations);
        if (warm.failures.get() > 0) {
            System.out.println("statement: warm-up had " + warm.failures.get() + " failures: " + warm.samples);
        }
        long cpu0 = processCpuNanos();
        Run measured = run(get, requests, clients, obligations);
        double clientCpu = (processCpuNanos() - cpu0) / 1e9;
        long[] sorted = measured.latencies.clone();
        Arrays.sort(sorted);
        double seconds = measured.elapsed / 1e9;
        double rps = requests / seconds;
        System.out.printf(Locale.ROOT, "statement: %d requests in %.3f s = %.1f req/s; %d failed%n", requests,
                seconds, rps, measured.failures.get());
        System.out.printf(Locale.ROOT, "statement: latency ms: min %.2f, p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f,"
                        + " max %.2f%n", ms(sorted[0]), ms(percentile(sorted, 50)), ms(percentile(sorted, 90)),
                ms(percentile(sorted, 99)), ms(percentile(sorted, 99.9)), ms(sorted[sorted.length - 1]));
        measured.samples.forEach(s -> System.out.println("statement: FAILURE " + s));
        boolean ok = measured.failures.get() == 0 && warm.failures.get() == 0;
        System.out.printf(Locale.ROOT, "RESULT mode=statement status=%s lines=%d clients=%d warmup=%d requests=%d"
                        + " failed=%d seconds=%.3f req_per_s=%.1f min_ms=%.2f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f"
                        + " p999_ms=%.2f max_ms=%.2f client_cpu_s=%.2f client_process_cpu_s=%.2f%n",
                ok ? "OK" : "FAILED", lines, clients,
                warmup, requests, measured.failures.get() + warm.failures.get(), seconds, rps, ms(sorted[0]),
                ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                ms(percentile(sorted, 99.9)), ms(sorted[sorted.length - 1]), clientCpu, processCpuNanos() / 1e9);
        return ok ? 0 : 1;
    }

    private record Run(long[] latencies, long elapsed, AtomicInteger failures, List<String> samples) {
    }

    /** {@code count} GETs spread over {@code clients} threads; each answer must be 200 with {@code lines} lines. */
    private Run run(HttpRequest get, int count, int clients, int lines) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients, daemon("statement-client"));
        List<Future<?>> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
                        latencies[i] = System.nanoTime() - t0;
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                            sample(samples, "HTTP " + r.statusCode() + " "
                                    + abbreviate(new String(r.body(), StandardCharsets.UTF_8)));
                        } else if (count(r.body(), "\"obligationId\":") != lines) {
                            failures.incrementAndGet();
                            sample(samples, "HTTP 200 without " + lines + " lines");
                        }
                    } catch (IOException | InterruptedException e) {
                        latencies[i] = System.nanoTime() - t0;
                        failures.incrementAndGet();
                        sample(samples, e.toString());
                    }
                }
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        long elapsed = System.nanoTime() - started;
        pool.shutdown();
        return new Run(latencies, elapsed, failures, samples);
    }

    // ------------------------------------------------------------------------------------------ channel-setup

    /**
     * Prepares the channel benchmarks: a financial entity (cut-off 23:59, so the business date is today's whole
     * day), a BANK key for it, {@code --vouchers} debtors with two pending obligations each (loaded through the bulk
     * endpoint), and one voucher per debtor, issued the way a bank gets it: {@code GET /channel/payables?debtorId=}
     * with {@code --clients} concurrent clients. Writes the bank key to {@code <out>.key} and one line
     * {@code reference amount} per voucher to {@code <out>}; reports the voucher-issuing rate as a by-product.
     */
    private int channelSetup() throws Exception {
        String key = requiredOption("key");
        String entity = requiredOption("entity");
        int count = Integer.parseInt(requiredOption("vouchers"));
        String out = requiredOption("out");
        int clients = Integer.parseInt(option("clients", "16"));
        int firstDebtor = Integer.parseInt(option("first-debtor", "5000000"));
        String runId = option("run-id", Long.toString(System.currentTimeMillis(), 36));
        Duration timeout = Duration.ofSeconds(Long.parseLong(option("timeout-seconds", "120")));

        // 1. A rate, so vouchers carry arrears interest like real ones; the entity and its key.
        HttpResponse<String> r = send("PUT", "/api/v1/admin/interest-rates/2000-01-01", key, "{\"annualRate\":\"0.1098\"}",
                timeout);
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            return fail("setting the arrears rate", r);
        }
        r = send("POST", "/api/v1/admin/financial-entities", key, "{\"code\":\"" + entity
                + "\",\"name\":\"Banco de pruebas de carga\",\"type\":\"BANK\",\"cutoffTime\":\"23:59\"}", timeout);
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            return fail("registering the entity", r);
        }
        r = send("POST", "/api/v1/admin/api-clients", key, "{\"name\":\"bench " + runId
                + "\",\"role\":\"BANK\",\"scope\":\"" + entity + "\"}", timeout);
        if (r.statusCode() != 201) {
            return fail("registering the bank's API client", r);
        }
        String bankKey = field(r.body(), "apiKey");

        // 2. Two pending obligations per debtor (a contribution and its reserve fund, one period).
        String[] debtors = new String[count];
        for (int i = 0; i < count; i++) {
            debtors[i] = cedula(firstDebtor + i);
        }
        for (int start = 0; start < count; start += 5000) {
            int n = Math.min(5000, count - start);
            StringBuilder json = new StringBuilder(n * 2 * 260).append("{\"items\":[");
            for (int i = start; i < start + n; i++) {
                for (int k = 0; k < 2; k++) {
                    if (json.charAt(json.length() - 1) != '[') {
                        json.append(',');
                    }
                    json.append("{\"debtorId\":\"").append(debtors[i])
                            .append("\",\"debtorName\":\"Empleador de prueba ").append(debtors[i])
                            .append("\",\"type\":\"").append(k == 0 ? "CONTRIBUTION" : "RESERVE_FUND")
                            .append("\",\"period\":\"2026-0").append(1 + i % 6)
                            .append("\",\"principal\":\"").append(100 + i % 900).append('.')
                            .append(String.format(Locale.ROOT, "%02d", (i * 7 + k) % 100))
                            .append("\",\"sourceSystem\":\"BENCHPAY\",\"externalReference\":\"").append(runId)
                            .append('-').append(i).append('-').append(k).append("\"}");
                }
            }
            json.append("]}");
            HttpResponse<String> loaded = send("POST", BULK_PATH, key, json.toString(), timeout);
            int ids = loaded.statusCode() == 200 ? count(loaded.body().getBytes(StandardCharsets.UTF_8), "\"id\":\"") : 0;
            if (ids != 2 * n) {
                return fail("loading the obligations (" + ids + " of " + 2 * n + " stored)", loaded);
            }
        }

        // 3. One voucher per debtor, as a bank's query by debtor id issues it.
        String[] lines = new String[count];
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients, daemon("setup-client"));
        List<Future<?>> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> p = send("GET", "/api/v1/channel/payables?debtorId=" + debtors[i],
                                bankKey, null, timeout);
                        latencies[i] = System.nanoTime() - t0;
                        String reference = field(p.body(), "reference");
                        String amount = field(p.body(), "amount");
                        if (p.statusCode() != 200 || reference == null || amount == null
                                || count(p.body().getBytes(StandardCharsets.UTF_8), "\"reference\":") != 1) {
                            failures.incrementAndGet();
                            sample(samples, "debtor " + debtors[i] + ": HTTP " + p.statusCode() + " "
                                    + abbreviate(p.body()));
                        } else {
                            lines[i] = reference + " " + amount;
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.incrementAndGet();
                        sample(samples, e.toString());
                    }
                }
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        samples.forEach(s -> System.out.println("channel-setup: FAILURE " + s));
        if (failures.get() > 0) {
            System.out.println("RESULT mode=channel-setup status=FAILED failed=" + failures.get());
            return 1;
        }
        java.nio.file.Files.write(java.nio.file.Path.of(out), Arrays.asList(lines));
        java.nio.file.Files.writeString(java.nio.file.Path.of(out + ".key"), bankKey);
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "channel-setup: %d vouchers issued through payables?debtorId= in %.3f s"
                        + " (%.1f/s, %d clients); p50 %.2f ms, p99 %.2f ms%n", count, seconds, count / seconds,
                clients, ms(percentile(sorted, 50)), ms(percentile(sorted, 99)));
        System.out.printf(Locale.ROOT, "RESULT mode=channel-setup status=OK vouchers=%d clients=%d seconds=%.3f"
                        + " req_per_s=%.1f p50_ms=%.2f p99_ms=%.2f%n", count, clients, seconds, count / seconds,
                ms(percentile(sorted, 50)), ms(percentile(sorted, 99)));
        return 0;
    }

    private HttpResponse<String> send(String method, String path, String key, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + key).header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int fail(String what, HttpResponse<String> r) {
        System.err.println("channel-setup: " + what + " failed: HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        System.out.println("RESULT mode=channel-setup status=FAILED");
        return 1;
    }

    /** The first string value of a JSON field, or null: enough for the flat answers read here. */
    static String field(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int at = json.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    // ---------------------------------------------------------------------------------------- agreement checks

    /** Dates of the seeded agreements: signed and activated on 2026-01-05, installments due the 5th from February. */
    static final LocalDate SEED_ACTIVATED = LocalDate.of(2026, 1, 5);
    /** The check date of the benchmark: installments 1 to 5 (February to June) are due before it. */
    static final LocalDate SEED_CHECK_DATE = LocalDate.of(2026, 6, 6);
    private static final int SEED_TERM = 12;

    /**
     * Writes {@code agreement.csv} and {@code obligation.csv} for PostgreSQL's COPY: {@code --count} ACTIVE
     * agreements of distinct debtors (valid cédulas), each covering one FINE, with a paid down payment and 12
     * installment obligations at a zero rate. Installments 1 to 5 are due before the check date. In good standing
     * (the rest) all five are paid; {@code --defaulting-percent} miss installments 4 and 5 (consecutive: they
     * default); 10 % miss only installment 5 and 2 % miss 3 and 5 (overdue, not in default). Rows are what the
     * service itself would have stored, so its code reads them as its own.
     */
    static int agreementsSeed(Map<String, String> options) throws IOException {
        int count = Integer.parseInt(options.getOrDefault("count", "100000"));
        int defaultingPercent = Integer.parseInt(options.getOrDefault("defaulting-percent", "5"));
        int firstDebtor = Integer.parseInt(options.getOrDefault("first-debtor", "20000000"));
        java.nio.file.Path dir = java.nio.file.Path.of(options.get("dir"));
        java.util.Random random = new java.util.Random(42);
        int defaulting = 0;
        try (var agreements = java.nio.file.Files.newBufferedWriter(dir.resolve("agreement.csv"));
             var obligations = java.nio.file.Files.newBufferedWriter(dir.resolve("obligation.csv"))) {
            for (int n = 0; n < count; n++) {
                String debtor = cedula(firstDebtor + n);
                java.util.UUID agreement = new java.util.UUID(0x5eed_0000_0000_0000L | n, random.nextLong());
                java.util.UUID covered = java.util.UUID.randomUUID();
                long principalCents = 50_000 + random.nextInt(2_000_000);
                long interestCents = random.nextInt(300_000);
                long debt = principalCents + interestCents;
                long down = (debt + 5) / 10; // 10 %, HALF_UP to cents
                long financed = debt - down;
                long part = financed / SEED_TERM;
                int bucket = n % 100;
                java.util.Set<Integer> unpaid = new java.util.HashSet<>();
                if (bucket < defaultingPercent) {
                    unpaid.addAll(List.of(4, 5));
                    defaulting++;
                } else if (bucket < defaultingPercent + 10) {
                    unpaid.add(5);
                } else if (bucket < defaultingPercent + 12) {
                    unpaid.addAll(List.of(3, 5));
                }
                StringBuilder schedule = new StringBuilder("[");
                long balance = financed;
                for (int k = 1; k <= SEED_TERM; k++) {
                    long principal = k == SEED_TERM ? balance : part;
                    long base = balance; // at a zero rate any base gives no interest; the balance before it
                    balance -= principal;
                    schedule.append(k > 1 ? "," : "").append("{\"number\":").append(k).append(",\"dueDate\":\"")
                            .append(SEED_ACTIVATED.plusMonths(k)).append("\",\"installment\":").append(cents(principal))
                            .append(",\"interest\":0.00,\"principal\":").append(cents(principal))
                            .append(",\"balance\":").append(cents(balance)).append(",\"interestBase\":")
                            .append(cents(base)).append('}');
                    boolean paid = k <= 5 && !unpaid.contains(k);
                    obligations.write(obligationRow(java.util.UUID.randomUUID(), debtor, "AGREEMENT_INSTALLMENT",
                            paid ? "PAID" : "PENDING", principal, paid ? principal : 0,
                            SEED_ACTIVATED.plusMonths(k), null, agreement, k));
                }
                schedule.append(']');
                obligations.write(obligationRow(java.util.UUID.randomUUID(), debtor, "AGREEMENT_INSTALLMENT", "PAID",
                        down, down, SEED_ACTIVATED.minusDays(2), null, agreement, 0));
                LocalDate coveredDue = LocalDate.of(2025, 1, 31).plusDays(n % 300);
                obligations.write(obligationRow(covered, debtor, "FINE", "IN_AGREEMENT", principalCents, 0,
                        coveredDue, agreement, null, -1));
                String coveredJson = "[{\"obligationId\":\"" + covered + "\",\"type\":\"FINE\",\"dueDate\":\""
                        + coveredDue + "\",\"principal\":" + cents(principalCents) + ",\"interest\":"
                        + cents(interestCents) + "}]";
                agreements.write(String.join(",", agreement.toString(), debtor, "Empleador " + debtor, "PERSON",
                        "ACTIVE", SEED_ACTIVATED.minusDays(3).toString(), Integer.toString(SEED_TERM), "0",
                        cents(debt), cents(down), cents(financed), "false", csv(coveredJson),
                        csv(schedule.toString()), SEED_ACTIVATED.toString(), "bench", "2026-01-02 10:00:00+00",
                        "2026-01-05 10:00:00+00", "0") + "\n");
            }
        }
        System.out.printf(Locale.ROOT, "RESULT mode=agreements-seed status=OK agreements=%d defaulting=%d%n", count,
                defaulting);
        return 0;
    }

    private static String obligationRow(java.util.UUID id, String debtor, String type, String status, long principal,
                                        long principalPaid, LocalDate due, java.util.UUID reservedBy,
                                        java.util.UUID agreement, int number) {
        // What was paid is a dated movement of the principal history (the database checks that they add up).
        String history = principalPaid == 0 ? "" : csv("{\"movements\":[{\"on\":\"" + due + "\",\"paid\":\""
                + cents(principalPaid) + "\",\"kind\":\"PAYMENT\",\"source\":\"bench-seed\"}],\"exemptions\":[]}");
        return String.join(",", id.toString(), debtor, "Empleador " + debtor, type, "REGULAR", status,
                cents(principal), cents(principalPaid), "0.00", due.toString(), "", "0", "2026-01-05 10:00:00+00",
                "2026-01-05 10:00:00+00", reservedBy == null ? "" : reservedBy.toString(),
                agreement == null ? "" : agreement.toString(), number < 0 ? "" : Integer.toString(number), history)
                + "\n";
    }

    private static String cents(long cents) {
        return (cents / 100) + "." + String.format(Locale.ROOT, "%02d", cents % 100);
    }

    private static String csv(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** Runs {@code POST /api/v1/admin/agreement-checks} once, timed, and checks how many agreements defaulted. */
    private int agreementChecks() throws Exception {
        String key = requiredOption("key");
        String date = option("date", SEED_CHECK_DATE.toString());
        int expected = Integer.parseInt(requiredOption("expect-defaulted"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(option("timeout-seconds", "600")));
        long t0 = System.nanoTime();
        HttpResponse<String> r = send("POST", "/api/v1/admin/agreement-checks", key, "{\"date\":\"" + date + "\"}",
                timeout);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String defaulted = r.statusCode() == 200 ? r.body().replaceAll(".*\"defaultedCount\":(\\d+).*", "$1") : "?";
        boolean ok = r.statusCode() == 200 && defaulted.equals(Integer.toString(expected));
        if (!ok) {
            System.out.println("agreement-checks: FAILURE HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        }
        System.out.printf(Locale.ROOT, "RESULT mode=agreement-checks status=%s seconds=%.3f defaulted=%s expected=%d%n",
                ok ? "OK" : "FAILED", seconds, defaulted, expected);
        return ok ? 0 : 1;
    }

    // --------------------------------------------------------------------------------------------- card debit

    /**
     * Writes {@code card_obligation.csv} and {@code card_mandate.csv} for PostgreSQL's COPY: {@code --count} ACTIVE
     * card mandates of distinct debtors (valid cédulas), each due on {@code --date} (its debit day is the date's day;
     * on the 29th to 31st, a soft-decline retry due that day instead), each debtor owing one FINE due 30 days before
     * it. Tokens are the simulated processor's approving ones. Rows are what the service itself would have stored.
     */
    static int cardDebitSeed(Map<String, String> options) throws IOException {
        int count = Integer.parseInt(options.getOrDefault("count", "100000"));
        int firstDebtor = Integer.parseInt(options.getOrDefault("first-debtor", "6000000"));
        LocalDate date = LocalDate.parse(options.get("date"));
        java.nio.file.Path dir = java.nio.file.Path.of(options.get("dir"));
        java.util.Random random = new java.util.Random(12);
        boolean byDay = date.getDayOfMonth() <= 28;
        String debitDay = Integer.toString(byDay ? date.getDayOfMonth() : 1);
        try (var obligations = java.nio.file.Files.newBufferedWriter(dir.resolve("card_obligation.csv"));
             var mandates = java.nio.file.Files.newBufferedWriter(dir.resolve("card_mandate.csv"))) {
            for (int n = 0; n < count; n++) {
                String debtor = cedula(firstDebtor + n);
                long principal = 1_000 + random.nextInt(500_000);
                obligations.write(String.join(",", java.util.UUID.randomUUID().toString(), debtor,
                        "Afiliado " + debtor, "FINE", "REGULAR", "PENDING", cents(principal), "0.00", "0.00",
                        date.minusDays(30).toString(), "", "0", "2026-01-05 10:00:00+00",
                        "2026-01-05 10:00:00+00") + "\n");
                mandates.write(String.join(",", java.util.UUID.randomUUID().toString(), debtor,
                        "tok_bench_" + n, "VISA", "4242", "12", "2030", "BENCH " + n, debitDay, "ACTIVE", "",
                        byDay ? "" : date.toString(), byDay ? "0" : "1", "2026-01-05 10:00:00+00", "bench",
                        "2026-01-05 10:00:00+00", "0") + "\n");
            }
        }
        System.out.printf(Locale.ROOT, "RESULT mode=card-debit-seed status=OK mandates=%d%n", count);
        return 0;
    }

    /**
     * Starts the card debit run of {@code --date} (today) and waits until it is COMPLETED with no charge of unknown
     * outcome: the time from the 202 to then, and the run's counts. OK when every mandate was approved.
     */
    private int cardDebit() throws Exception {
        String key = requiredOption("key");
        String date = requiredOption("date");
        long mandates = Long.parseLong(requiredOption("mandates"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(option("timeout-seconds", "600")));
        HttpResponse<String> rate = send("PUT", "/api/v1/admin/interest-rates/2000-01-01", key,
                "{\"annualRate\":\"0.1098\"}", Duration.ofSeconds(30));
        if (rate.statusCode() != 200 && rate.statusCode() != 201) {
            return fail("interest rate", rate);
        }
        long t0 = System.nanoTime();
        HttpResponse<String> started = send("POST", "/api/v1/admin/card-debit-runs", key,
                "{\"date\":\"" + date + "\"}", Duration.ofSeconds(30));
        if (started.statusCode() != 202) {
            return fail("card debit run", started);
        }
        String runId = started.body().replaceAll(".*\"runId\":\"([^\"]+)\".*", "$1");
        long deadline = t0 + timeout.toNanos();
        String body;
        do {
            Thread.sleep(200);
            body = send("GET", "/api/v1/admin/card-debit-runs/" + runId, key, null, Duration.ofSeconds(30)).body();
        } while (!(body.contains("\"status\":\"COMPLETED\"") && body.contains("\"unknown\":0,"))
                && System.nanoTime() < deadline);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String approved = body.replaceAll(".*\"approved\":(\\d+).*", "$1");
        String amount = body.replaceAll(".*\"amountCharged\":\"([^\"]+)\".*", "$1");
        boolean ok = body.contains("\"status\":\"COMPLETED\"") && approved.equals(Long.toString(mandates));
        if (!ok) {
            System.out.println("card-debit: FAILURE " + abbreviate(body));
        }
        System.out.printf(Locale.ROOT, "RESULT mode=card-debit status=%s seconds=%.3f mandates_per_s=%.0f approved=%s"
                + " amount=%s%n", ok ? "OK" : "FAILED", seconds, mandates / seconds, approved, amount);
        return ok ? 0 : 1;
    }

    // ------------------------------------------------------------------------------------------ ministry batch

    /**
     * The set-up of a ministry's batch of {@code --lines} lines (not measured): a MINISTRY client with an Ed25519 key,
     * and as many employers (natural-person RUCs) each owing one contribution of 100.00 of the current month (due on
     * the 15th of the next: no interest), through the bulk endpoint. What the batch needs is written to
     * {@code --state}: the client's key, the key id and private key, the employers and the period.
     */
    private int ministryBatchSetup() throws Exception {
        String key = requiredOption("key");
        int lines = Integer.parseInt(requiredOption("lines"));
        int first = Integer.parseInt(option("first-employer", "3000000"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(option("timeout-seconds", "600")));
        LocalDate today = LocalDate.now(java.time.ZoneId.of("America/Guayaquil"));
        String period = java.time.YearMonth.from(today).toString();
        String run = Long.toString(System.currentTimeMillis(), 36);

        HttpResponse<String> client = send("POST", "/api/v1/admin/api-clients", key, "{\"name\":\"Ministerio de"
                + " Finanzas " + run + "\",\"role\":\"MINISTRY\",\"scope\":\"1760001550001\"}", timeout);
        if (client.statusCode() != 201) {
            return batchFailed("client", client);
        }
        java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\\n" + java.util.Base64.getEncoder()
                .encodeToString(pair.getPublic().getEncoded()) + "\\n-----END PUBLIC KEY-----\\n";
        String keyId = "bench-" + run;
        HttpResponse<String> registered = send("POST", "/api/v1/admin/api-clients/" + field(client.body(), "id")
                + "/signing-keys", key, "{\"keyId\":\"" + keyId + "\",\"publicKey\":\"" + pem + "\"}", timeout);
        if (registered.statusCode() != 201) {
            return batchFailed("signing key", registered);
        }
        for (int from = 0; from < lines; from += 10_000) {
            StringBuilder items = new StringBuilder("{\"items\":[");
            for (int i = from; i < Math.min(lines, from + 10_000); i++) {
                items.append(i == from ? "" : ",").append("{\"debtorId\":\"").append(cedula(first + i))
                        .append("001\",\"debtorName\":\"Escuela fiscal ").append(i)
                        .append("\",\"type\":\"CONTRIBUTION\",\"principal\":\"100.00\",\"period\":\"")
                        .append(period).append("\"}");
            }
            HttpResponse<String> bulk = send("POST", BULK_PATH + "?atomic=true", key, items.append("]}").toString(),
                    timeout);
            if (bulk.statusCode() != 200) {
                return batchFailed("obligations", bulk);
            }
        }
        Files.writeString(Path.of(requiredOption("state")), String.join("\n", field(client.body(), "apiKey"), keyId,
                java.util.Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), Integer.toString(first),
                Integer.toString(lines), period, run) + "\n");
        System.out.printf(Locale.ROOT, "RESULT mode=ministry-batch-setup status=OK lines=%d%n", lines);
        return 0;
    }

    /**
     * The batch set up by {@code ministry-batch-setup} ({@code --state}): one line per employer paying that period
     * exactly, signed per RFC 9421 (docs/ministry-integration.md) and posted; the clock runs from its 202 until
     * GET .../batches/{id} says COMPLETED. Checked: every line APPLIED, nothing unapplied.
     */
    private int ministryBatch() throws Exception {
        List<String> saved = Files.readAllLines(Path.of(requiredOption("state")));
        String ministryKey = saved.get(0);
        String keyId = saved.get(1);
        java.security.PrivateKey privateKey = java.security.KeyFactory.getInstance("Ed25519").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(saved.get(2))));
        int first = Integer.parseInt(saved.get(3));
        int lines = Integer.parseInt(saved.get(4));
        String period = saved.get(5);
        String run = saved.get(6);
        Duration timeout = Duration.ofSeconds(Long.parseLong(option("timeout-seconds", "600")));
        LocalDate today = LocalDate.now(java.time.ZoneId.of("America/Guayaquil"));
        String batchId = "MEF-BENCH-" + run;
        StringBuilder body = new StringBuilder("{\"batchId\":\"").append(batchId)
                .append("\",\"transferReference\":\"BCE-").append(run).append("\",\"valueDate\":\"").append(today)
                .append("\",\"controlTotal\":\"").append(new java.math.BigDecimal(100).multiply(
                        java.math.BigDecimal.valueOf(lines)).setScale(2).toPlainString())
                .append("\",\"lineCount\":").append(lines).append(",\"lines\":[");
        for (int i = 0; i < lines; i++) {
            body.append(i == 0 ? "" : ",").append("{\"lineNo\":").append(i + 1).append(",\"employerId\":\"")
                    .append(cedula(first + i)).append("001\",\"period\":\"").append(period)
                    .append("\",\"amount\":\"100.00\"}");
        }
        byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        String digest = "sha-256=:" + java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes)) + ":";
        String params = "(\"@method\" \"@path\" \"content-digest\");created=" + (System.currentTimeMillis() / 1000)
                + ";keyid=\"" + keyId + "\";alg=\"ed25519\"";
        java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
        ed.initSign(privateKey);
        ed.update(("\"@method\": POST\n\"@path\": /api/v1/public-sector/batches\n\"content-digest\": " + digest
                + "\n\"@signature-params\": " + params).getBytes(StandardCharsets.UTF_8));
        String signature = "sig1=:" + java.util.Base64.getEncoder().encodeToString(ed.sign()) + ":";

        long t0 = System.nanoTime();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(base.resolve(
                        "/api/v1/public-sector/batches")).timeout(timeout)
                .header("Authorization", "Bearer " + ministryKey).header("Content-Type", "application/json")
                .header("Content-Digest", digest).header("Signature-Input", "sig1=" + params)
                .header("Signature", signature).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        long t1 = System.nanoTime();
        if (accepted.statusCode() != 202) {
            return batchFailed("batch", accepted);
        }
        HttpResponse<String> state;
        do {
            Thread.sleep(100);
            state = send("GET", "/api/v1/public-sector/batches/" + batchId, ministryKey, null, timeout);
            if (System.nanoTime() - t1 > timeout.toNanos()) {
                return batchFailed("waiting for COMPLETED", state);
            }
        } while (state.statusCode() == 200 && !"COMPLETED".equals(field(state.body(), "status")));
        long t2 = System.nanoTime();
        String applied = state.body().replaceAll(".*\"appliedCount\":(\\d+).*", "$1");
        boolean ok = state.statusCode() == 200 && applied.equals(Integer.toString(lines))
                && "0.00".equals(field(state.body(), "unappliedTotal"));
        if (!ok) {
            return batchFailed("the batch's result", state);
        }
        double settle = (t2 - t1) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT mode=ministry-batch status=OK lines=%d bytes=%d post_s=%.3f"
                + " settle_s=%.3f lines_per_s=%.1f%n", lines, bytes.length, (t1 - t0) / 1e9, settle, lines / settle);
        return 0;
    }

    private static int batchFailed(String what, HttpResponse<String> r) {
        System.err.println("ministry-batch: " + what + " failed: HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        System.out.println("RESULT mode=ministry-batch status=FAILED");
        return 1;
    }

    // ------------------------------------------------------------------------------------------- legacy import

    /**
     * A legacy export of {@code --rows} rows (GLOSA and CREDIT_TITLE, some fields quoted), written to a file first and
     * posted from it as {@code text/csv}, streamed; the clock runs from the first byte sent until
     * GET .../legacy-imports/{id} says COMPLETED. Meanwhile the service's heap is sampled from its metrics every
     * 250 ms ({@code --management}): the most used at any sample, the most live after a collection, and the most in
     * the old generation (what outlives the young collections: a file held in memory would end up there). Checked:
     * every row accepted.
     */
    private int legacyImport() throws Exception {
        String key = requiredOption("key");
        int rows = Integer.parseInt(requiredOption("rows"));
        int first = Integer.parseInt(option("first-debtor", "4000000"));
        URI metrics = URI.create(requiredOption("management")).resolve("/q/metrics");
        Duration timeout = Duration.ofSeconds(Long.parseLong(option("timeout-seconds", "900")));
        String run = Long.toString(System.currentTimeMillis(), 36);
        long[] heap = new long[5];  // used now, most used, most live after a collection, old generation now, its most
        heap[0] = heapUsed(metrics, heap);
        long before = heap[0];
        long liveBefore = heap[2];
        long oldBefore = heap[3];
        heap[1] = 0;
        heap[2] = 0;
        heap[4] = 0;
        // The file is written first (not measured), a row at a time, and sent from disk as curl would send it: the
        // client then costs the 2 CPUs nothing but the sending.
        Path file = Files.createTempFile("legacy-import", ".csv");
        try (java.io.Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("legacyId,debtorId,debtorName,type,issueDate,dueDate,principal,description\r\n");
            for (int i = 0; i < rows; i++) {
                out.write("L-" + run + "-" + i + "," + cedula(first + i % 200_000) + ",\"Deudor " + i
                        + ", del sistema anterior\"," + (i % 3 != 0 ? "GLOSA" : "CREDIT_TITLE") + ",2005-01-10,"
                        + "2005-03-31," + (100 + i % 900) + "." + String.format(Locale.ROOT, "%02d", i % 100)
                        + ",\"Importada del host, fila " + i + "\"\r\n");
            }
        }
        long size = Files.size(file);
        java.util.concurrent.ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                daemon("heap"));
        sampler.scheduleAtFixedRate(() -> {
            try {
                heapUsed(metrics, heap);
            } catch (Exception e) {
                // a missed sample
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> received = http.send(HttpRequest.newBuilder(base.resolve(
                            "/api/v1/admin/legacy-imports")).timeout(timeout)
                    .header("Authorization", "Bearer " + key).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long t1 = System.nanoTime();
            if (received.statusCode() != 202) {
                return importFailed("the file", received);
            }
            String id = field(received.body(), "importId");
            HttpResponse<String> state;
            do {
                Thread.sleep(250);
                state = send("GET", "/api/v1/admin/legacy-imports/" + id, key, null, timeout);
                if (System.nanoTime() - t0 > timeout.toNanos()) {
                    return importFailed("waiting for COMPLETED", state);
                }
            } while (state.statusCode() == 200 && !"COMPLETED".equals(field(state.body(), "status")));
            long t2 = System.nanoTime();
            String accepted = state.body().replaceAll(".*\"accepted\":(\\d+).*", "$1");
            if (state.statusCode() != 200 || !accepted.equals(Integer.toString(rows))) {
                return importFailed("the import's result", state);
            }
            System.out.printf(Locale.ROOT, "RESULT mode=legacy-import status=OK rows=%d mib=%.1f receive_s=%.3f"
                            + " total_s=%.3f rows_per_s=%.1f heap_before_mib=%.0f heap_live_before_mib=%.0f"
                            + " heap_max_used_mib=%.0f heap_max_live_mib=%.0f old_gen_before_mib=%.0f"
                            + " old_gen_max_mib=%.0f%n", rows, size / 1048576.0,
                    (t1 - t0) / 1e9, (t2 - t0) / 1e9, rows / ((t2 - t0) / 1e9), before / 1048576.0,
                    liveBefore / 1048576.0, heap[1] / 1048576.0, heap[2] / 1048576.0, oldBefore / 1048576.0,
                    heap[4] / 1048576.0);
            return 0;
        } finally {
            sampler.shutdownNow();
            Files.deleteIfExists(file);
        }
    }

    /**
     * The heap in use now (the sum of the heap pools), from the service's Prometheus metrics; keeps the largest seen
     * in {@code heap[1]} and the largest live data after a collection ({@code jvm_gc_live_data_size_bytes}) in
     * {@code heap[2]}.
     */
    private long heapUsed(URI metrics, long[] heap) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        long used = 0;
        long old = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                long bytes = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                used += bytes;
                old += line.contains("Old Gen") || line.contains("Tenured") ? bytes : 0;
            } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                synchronized (heap) {
                    heap[2] = Math.max(heap[2], (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
        }
        synchronized (heap) {
            heap[0] = used;
            heap[1] = Math.max(heap[1], used);
            heap[3] = old;
            heap[4] = Math.max(heap[4], old);
        }
        return used;
    }

    private static int importFailed(String what, HttpResponse<String> r) {
        System.err.println("legacy-import: " + what + " failed: HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        System.out.println("RESULT mode=legacy-import status=FAILED");
        return 1;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Nearest-rank percentile of sorted values: the smallest value with at least p % of the values at or below. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** CPU time of this client process (all threads), to tell its share of the 2 CPUs from the service's. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Occurrences of an ASCII pattern in a body. */
    static int count(byte[] body, String pattern) {
        byte[] p = pattern.getBytes(StandardCharsets.US_ASCII);
        int n = 0;
        outer:
        for (int i = 0; i <= body.length - p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (body[i + j] != p[j]) {
                    continue outer;
                }
            }
            n++;
            i += p.length - 1;
        }
        return n;
    }

    private static String firstError(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int at = text.indexOf("\"error\":");
        return at < 0 ? text : text.substring(at);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= 400 ? oneLine : oneLine.substring(0, 400) + "...";
    }

    private static void sample(List<String> samples, String text) {
        if (samples.size() < 5) {
            samples.add(text);
        }
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private String requiredOption(String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            usage("--" + name + " is required");
        }
        return value;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
