package ec.gob.iess.recauda.adapter.in.rest.security;

import java.time.Duration;

/**
 * A quota policy of the rate limits: at most {@code quota} requests per {@code window}, counted per partition (a
 * client address or an API client). Its name is what the {@code RateLimit-Policy} and {@code RateLimit} headers
 * call it (draft-ietf-httpapi-ratelimit-headers-11).
 */
public record RateLimitPolicy(String name, long quota, Duration window) {

    public RateLimitPolicy {
        if (quota < 1) {
            throw new IllegalArgumentException("the quota of rate-limit policy " + name + " must be at least 1");
        }
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("the window of rate-limit policy " + name + " must be a second or more");
        }
    }

    /** The policy as a quota policy item of the {@code RateLimit-Policy} field, e.g. {@code "public";q=60;w=60}. */
    public String headerValue() {
        return "\"" + name + "\";q=" + quota + ";w=" + window.toSeconds();
    }
}
