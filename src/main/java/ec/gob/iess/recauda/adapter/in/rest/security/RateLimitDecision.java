package ec.gob.iess.recauda.adapter.in.rest.security;

/**
 * What a rate-limit check answered: whether the request may go on, the quota still available in the current window,
 * the seconds until the window ends (the quota is whole again then), and when refused, the seconds to wait before
 * a request can be served.
 */
public record RateLimitDecision(RateLimitPolicy policy, boolean allowed, long remaining, long resetSeconds,
                                long retryAfterSeconds) {

    /** The service limit item of the {@code RateLimit} field, e.g. {@code "public";r=0;t=12}. */
    public String headerValue() {
        return "\"" + policy.name() + "\";r=" + remaining + ";t=" + resetSeconds;
    }
}
