package ec.gob.iess.recauda.adapter.in.rest;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;

/**
 * An answer written while its content is read (a day of payments). Once its first bytes are sent, its status and
 * headers are sent too, and a failure after that can no longer become a problem answer. Left to the framework, such
 * a failure still ends the answer properly about half the time, with the problem's JSON appended to the part written
 * (measured: 9 of 20 tries), so that a cut-off listing would look whole. Asking Vert.x to close the connection
 * ({@code reset()}) does not prevent it: the close happens later, after the framework's own writes.
 *
 * <p>So a failure breaks the connection, and the failure goes on only once the socket is closed: for HTTP/1.1 the
 * client then sees a transfer that stopped before its last chunk (an error in any HTTP client, as it must be); for
 * HTTP/2 the stream is reset. The failure is then reported and logged as any other (its problem answer reaches
 * nobody). Closing the socket takes Vert.x's connection class ({@code io.vertx.core.net.impl.ConnectionBase}, public
 * but outside its API); {@code BrokenListingTest} fails if an upgrade changes what this relies on.
 */
public final class StreamedAnswer {

    /** The longest wait for the socket to close before the failure is passed on anyway. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private StreamedAnswer() {
    }

    public static StreamingOutput breakingOnFailure(HttpServerRequest request, StreamingOutput body) {
        return out -> {
            try {
                body.write(out);
            } catch (IOException | RuntimeException | Error e) {
                breakOff(request);
                throw e;
            }
        };
    }

    private static void breakOff(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_2 && request.connection() instanceof ConnectionBase socket) {
            Channel channel = socket.channel();
            var closed = channel.close();
            if (!channel.eventLoop().inEventLoop()) {
                closed.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
            }
        } else {
            request.response().reset();
        }
    }
}
