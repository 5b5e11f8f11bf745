package ec.gob.iess.recauda.config.database;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server settings of the embedded PostgreSQL, sized from the machine it runs on (docs/performance.md, "The
 * default install"). PostgreSQL's own defaults are sized for a machine of 20 years ago (128 MB of shared buffers, a
 * checkpoint every 1 GB of WAL): under payment load the server spends its time writing full pages after frequent
 * checkpoints and reading back what did not fit in memory. Durability is not traded: {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} stay on (set by {@link EmbeddedPostgresServer}).
 *
 * <ul>
 *   <li>{@code shared_buffers}: an eighth of the memory, from 128 MB to 4 GB. A quarter is the usual advice for a
 *       machine of its own; the service's JVM shares this one.</li>
 *   <li>{@code effective_cache_size}: half of the memory (what the planner may assume is cached).</li>
 *   <li>{@code maintenance_work_mem}: a 32nd of the memory, from 64 MB to 1 GB (index builds of migrations,
 *       {@code VACUUM}).</li>
 *   <li>{@code work_mem} 8 MB: sorts of statements and reports stay in memory; 40 pooled connections use at most a
 *       few hundred MB.</li>
 *   <li>{@code max_wal_size} 2 GB, {@code min_wal_size} 256 MB, {@code checkpoint_timeout} 15 min,
 *       {@code checkpoint_completion_target} 0.9: fewer checkpoints, so fewer full-page images in the WAL, spread
 *       out; crash recovery replays at most about 2 GB.</li>
 *   <li>{@code random_page_cost} 1.1: the data is on an SSD or in memory, not on a spinning disk.</li>
 *   <li>{@code jit} off: the service's statements are short; compiling them costs more than it saves.</li>
 * </ul>
 * Any of them, or any other setting, can be set with {@code recauda.embedded-db.server-settings}
 * ({@code name=value,name=value}), which wins over these; not durability, the listen address or the password
 * encryption, which {@link EmbeddedPostgresServer} sets last.
 */
final class EmbeddedPostgresTuning {

    static final String OVERRIDES = "recauda.embedded-db.server-settings";
    private static final long MB = 1024L * 1024;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]*");

    private EmbeddedPostgresTuning() {
    }

    /** The settings for this machine's memory, with {@code overrides} ({@value #OVERRIDES}) applied last. */
    static Map<String, String> forThisMachine(String overrides) {
        return settings(totalMemoryBytes(), overrides);
    }

    static Map<String, String> settings(long memoryBytes, String overrides) {
        long memoryMb = Math.max(memoryBytes / MB, 512);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("shared_buffers", clamp(memoryMb / 8, 128, 4096) + "MB");
        settings.put("effective_cache_size", Math.max(memoryMb / 2, 256) + "MB");
        settings.put("maintenance_work_mem", clamp(memoryMb / 32, 64, 1024) + "MB");
        settings.put("work_mem", "8MB");
        settings.put("max_wal_size", "2GB");
        settings.put("min_wal_size", "256MB");
        settings.put("checkpoint_timeout", "15min");
        settings.put("checkpoint_completion_target", "0.9");
        settings.put("random_page_cost", "1.1");
        settings.put("jit", "off");
        settings.putAll(parse(overrides));
        return settings;
    }

    /** {@code name=value,name=value}; a name PostgreSQL does not know makes the server refuse to start, saying so. */
    static Map<String, String> parse(String overrides) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (overrides == null || overrides.isBlank()) {
            return parsed;
        }
        for (String pair : overrides.split(",")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair.strip() : pair.substring(0, equals).strip();
            String value = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (!NAME.matcher(name).matches() || value.isEmpty()) {
                throw new IllegalArgumentException(OVERRIDES + " must be name=value pairs separated by commas, such"
                        + " as shared_buffers=1GB,max_wal_size=4GB; '" + pair.strip() + "' is not one");
            }
            parsed.put(name, value);
        }
        return parsed;
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    /** The memory of the machine, or of the container when it is limited (the JVM reports the limit). */
    private static long totalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 4096 * MB;
    }
}
