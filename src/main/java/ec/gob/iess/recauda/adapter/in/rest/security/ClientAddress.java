package ec.gob.iess.recauda.adapter.in.rest.security;

import io.vertx.core.net.SocketAddress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The address a client is counted under by the rate limits: the TCP peer's address, which behind a reverse proxy
 * is the proxy's own unless Quarkus' proxy-address-forwarding is configured (README, "Rate limits"); no
 * {@code X-Forwarded-For} header is trusted otherwise. An IPv4 address counts as itself; an IPv6 address by its /64
 * prefix, since one host usually holds a whole /64 and could otherwise take a new address for every request.
 */
final class ClientAddress {

    static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    static String of(SocketAddress peer) {
        String host = peer == null ? null : peer.hostAddress();
        return host == null || host.isEmpty() ? UNKNOWN : of(host);
    }

    static String of(String host) {
        if (host.indexOf(':') < 0) {
            return host;
        }
        try {
            // A literal address (it contains ':'), so no name is looked up.
            InetAddress address = InetAddress.getByName(host);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
