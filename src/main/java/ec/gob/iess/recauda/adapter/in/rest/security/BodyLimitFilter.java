package ec.gob.iess.recauda.adapter.in.rest.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.adapter.in.rest.problem.ProblemException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over 1 MiB (10 MiB for bulk endpoints and reconciliations, 32 MiB for the ministry's
 * batches, 512 MiB for the legacy imports, 16 KiB for public ones) with a problem+json 413 before any of the body is
 * read: by {@code Content-Length}, in a filter in front of every route, when the client declares it; by counting
 * bytes as they are read when it streams the body in chunks.
 */
@ApplicationScoped
public class BodyLimitFilter {

    public static final long DEFAULT_LIMIT = 1L << 20;
    public static final long BULK_LIMIT = 10L << 20;
    public static final long PUBLIC_LIMIT = 16L << 10;
    /** The ministry's batches: up to 100,000 lines. */
    public static final long BATCH_LIMIT = 32L << 20;
    public static final String BATCHES_PATH = "/api/v1/public-sector/batches";
    /** A legacy import: up to 1,000,000 rows of CSV, streamed. */
    public static final long LEGACY_IMPORT_LIMIT = 512L << 20;
    public static final String LEGACY_IMPORTS_PATH = "/api/v1/admin/legacy-imports";

    private final ObjectMapper json;

    public BodyLimitFilter(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::checkDeclaredLength, 1000);
    }

    private void checkDeclaredLength(RoutingContext rc) {
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long limit = limitFor(rc.normalizedPath());
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = Long.MAX_VALUE;
            }
            if (length > limit) {
                RouteProblems.send(rc, json, 413, "payload-too-large", tooLarge(limit).getMessage());
                return;
            }
        }
        rc.next();
    }

    /** Counts the bytes of a body sent without Content-Length as they are read. */
    @ServerRequestFilter(preMatching = true, priority = 200)
    public void limitStreamedBody(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.CONTENT_LENGTH.toString()) == null && request.hasEntity()) {
            request.setEntityStream(new LimitedStream(request.getEntityStream(),
                    limitFor(request.getUriInfo().getPath())));
        }
    }

    static long limitFor(String path) {
        if (path == null) {
            return DEFAULT_LIMIT;
        }
        if (path.startsWith("/api/v1/public/")) {
            return PUBLIC_LIMIT;
        }
        if (path.equals(BATCHES_PATH)) {
            return BATCH_LIMIT;
        }
        if (path.equals(LEGACY_IMPORTS_PATH)) {
            return LEGACY_IMPORT_LIMIT;
        }
        return path.endsWith("/bulk") || path.startsWith("/api/v1/channel/reconciliation/") ? BULK_LIMIT
                : DEFAULT_LIMIT;
    }

    static ProblemException tooLarge(long limit) {
        String size = limit >= (1L << 20) ? (limit >> 20) + " MiB" : (limit >> 10) + " KiB";
        return new ProblemException(413, "payload-too-large", "the body is larger than " + size
                + ", the limit of this endpoint");
    }

    /** Counts bytes read and fails once more than the limit has arrived. */
    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
