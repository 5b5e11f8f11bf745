package ec.gob.iess.recauda.adapter.in.rest.security;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of the rate limits that need no database: addresses, header values, bucket ids. */
class RateLimitPartsTest {

    private static final RateLimitPolicy PUBLIC = new RateLimitPolicy("public", 60, Duration.ofMinutes(1));

    @Test
    void an_ipv4_peer_counts_as_itself_and_an_ipv6_peer_by_its_64_bit_prefix() {
        assertThat(ClientAddress.of(SocketAddress.inetSocketAddress(41234, "192.0.2.7"))).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.of("2001:db8:1:2::1")).isEqualTo(ClientAddress.of("2001:db8:1:2:ffff::9"));
        assertThat(ClientAddress.of("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.of("2001:db8:1:2::1"));
        assertThat(ClientAddress.of("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.of((SocketAddress) null)).isEqualTo(ClientAddress.UNKNOWN);
    }

    @Test
    void the_headers_use_the_structured_field_syntax_of_the_draft() {
        assertThat(PUBLIC.headerValue()).isEqualTo("\"public\";q=60;w=60");
        assertThat(new RateLimitDecision(PUBLIC, false, 0, 12, 12).headerValue()).isEqualTo("\"public\";r=0;t=12");
    }

    @Test
    void a_policy_needs_a_quota_and_a_window_of_a_second_or_more() {
        assertThatThrownBy(() -> new RateLimitPolicy("public", 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitPolicy("public", 1, Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void each_policy_limit_and_subject_has_its_own_bucket() {
        long id = RateLimitBuckets.bucketId(PUBLIC, "192.0.2.7");
        assertThat(RateLimitBuckets.bucketId(PUBLIC, "192.0.2.7")).isEqualTo(id);
        assertThat(RateLimitBuckets.bucketId(PUBLIC, "192.0.2.8")).isNotEqualTo(id);
        assertThat(RateLimitBuckets.bucketId(new RateLimitPolicy("invalid-key", 60, Duration.ofMinutes(1)),
                "192.0.2.7")).isNotEqualTo(id);
        assertThat(RateLimitBuckets.bucketId(new RateLimitPolicy("public", 61, Duration.ofMinutes(1)), "192.0.2.7"))
                .as("a changed limit starts a fresh bucket").isNotEqualTo(id);
    }
}
