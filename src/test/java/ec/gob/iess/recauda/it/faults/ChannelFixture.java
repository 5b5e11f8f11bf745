package ec.gob.iess.recauda.it.faults;

import ec.gob.iess.recauda.support.TestIds;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a bank needs before it can pay, made through the API as staff would (docs/bank-integration.md): a financial
 * entity, its BANK key, an arrears rate, one debtor's obligations (one bulk call) and one voucher per obligation.
 */
final class ChannelFixture {

    /** A voucher ready to be paid. */
    record Voucher(String reference, String amount) {
    }

    /** One payment request: the same transaction id and body on every retry, as a bank retries. */
    record Payment(Voucher voucher, String transactionId, String body) {
    }

    private final String entityCode;
    private final String bankKey;
    private final List<Voucher> vouchers;

    private ChannelFixture(String entityCode, String bankKey, List<Voucher> vouchers) {
        this.entityCode = entityCode;
        this.bankKey = bankKey;
        this.vouchers = vouchers;
    }

    static ChannelFixture prepare(int port, String entityCode, int voucherCount) throws Exception {
        String staff = ServiceProcess.STAFF_KEY;
        Http.expect(201, port, "POST", "/api/v1/admin/financial-entities", staff, "{\"code\":\"" + entityCode
                + "\",\"name\":\"Fault suite bank\",\"type\":\"BANK\",\"cutoffTime\":\"23:59\"}");
        String bankKey = Http.field(Http.expect(201, port, "POST", "/api/v1/admin/api-clients", staff,
                "{\"name\":\"fault suite\",\"role\":\"BANK\",\"scope\":\"" + entityCode + "\"}"), "apiKey");
        HttpResponse<String> rate = Http.send(port, "PUT", "/api/v1/admin/interest-rates/2000-01-01", staff,
                "{\"annualRate\":\"0.1133\"}", Duration.ofSeconds(60));
        assertThat(rate.statusCode()).as(rate.body()).isIn(200, 201);

        String debtor = TestIds.companyRuc();
        StringBuilder items = new StringBuilder("{\"items\":[");
        for (int i = 0; i < voucherCount; i++) {
            items.append(i == 0 ? "" : ",").append("{\"debtorId\":\"").append(debtor)
                    .append("\",\"debtorName\":\"Fallas Controladas S.A.\",\"type\":\"FINE\",\"principal\":\"")
                    .append(100 + i / 100).append('.').append(String.format("%02d", i % 100))
                    .append("\",\"dueDate\":\"2024-05-31\"}");
        }
        String bulk = Http.expect(200, port, "POST", "/api/v1/obligations/bulk?atomic=true", staff,
                items.append("]}").toString());
        List<String> obligations = new ArrayList<>();
        Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(bulk);
        while (id.find()) {
            obligations.add(id.group(1));
        }
        assertThat(obligations).hasSize(voucherCount);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Voucher>> issued = new ArrayList<>();
            for (String obligation : obligations) {
                issued.add(pool.submit(() -> {
                    String voucher = Http.expect(201, port, "POST", "/api/v1/vouchers", staff,
                            "{\"debtorId\":\"" + debtor + "\",\"obligationIds\":[\"" + obligation + "\"]}");
                    return new Voucher(Http.field(voucher, "reference"), Http.field(voucher, "amount"));
                }));
            }
            List<Voucher> vouchers = new ArrayList<>();
            for (Future<Voucher> f : issued) {
                vouchers.add(f.get(120, TimeUnit.SECONDS));
            }
            return new ChannelFixture(entityCode, bankKey, List.copyOf(vouchers));
        } finally {
            pool.shutdownNow();
        }
    }

    String entityCode() {
        return entityCode;
    }

    List<Voucher> vouchers() {
        return vouchers;
    }

    /** A new payment of {@code voucher}: a fresh transaction id, paid a minute ago. */
    static Payment paymentOf(Voucher voucher, String transactionId) {
        String paidAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();
        return new Payment(voucher, transactionId, "{\"bankTransactionId\":\"" + transactionId + "\",\"reference\":\""
                + voucher.reference() + "\",\"amount\":\"" + voucher.amount() + "\",\"paidAt\":\"" + paidAt + "\"}");
    }

    HttpResponse<String> post(int port, Payment payment, Duration timeout) throws IOException, InterruptedException {
        return Http.send(port, "POST", "/api/v1/channel/payments", bankKey, payment.body(), timeout);
    }
}
