package ec.gob.iess.recauda.adapter.out.notifier;

import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.notification.NotificationRules;
import ec.gob.iess.recauda.domain.notification.WebhookEndpoint;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook notifier's signature and its refusal to post into the service's own network (issue 12 §4). */
class WebhookNotifierTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void the_signature_is_the_hex_hmac_sha256_of_timestamp_dot_body() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(WebhookNotifier.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void loopback_private_link_local_and_other_internal_addresses_are_not_public() throws UnknownHostException {
        for (String internal : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.100.100.200", "0.0.0.0", "::1", "fe80::1", "fd00::1", "64:ff9b::a00:1")) {
            assertThat(WebhookNotifier.isPublic(internal)).as(internal).isFalse();
        }
        for (String external : List.of("8.8.8.8", "190.152.1.1", "2001:4860:4860::8888")) {
            assertThat(WebhookNotifier.isPublic(external)).as(external).isTrue();
        }
    }

    @Test
    void a_url_to_an_internal_address_is_not_posted_to_unless_insecure_urls_are_allowed() {
        WebhookNotifier strict = new WebhookNotifier(new NotificationRules(List.of(Duration.ofMinutes(1)),
                Duration.ofMinutes(2), false), Clock.fixed(NOW, ZoneOffset.UTC));
        Notification n = Notification.of(Notification.Type.CHARGE_APPROVED, DebtorId.parse("1790012344001"),
                UUID.randomUUID(), Map.of("status", "APPROVED"), NOW);
        WebhookEndpoint internal = new WebhookEndpoint(DebtorId.parse("1790012344001"),
                URI.create("https://169.254.169.254/latest/meta-data"), "whsec_x", NOW, "staff");
        assertThat(strict.deliver(n, Optional.of(internal))).isEqualTo("address-not-allowed");
        assertThat(strict.deliver(n, Optional.empty())).isEqualTo("no-webhook");
    }
}
