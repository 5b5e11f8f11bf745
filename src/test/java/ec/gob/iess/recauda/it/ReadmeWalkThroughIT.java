package ec.gob.iess.recauda.it;

import ec.gob.iess.recauda.it.faults.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's walk-through, run as it is pasted: every bash block of the section "A first walk-through with curl", in
 * order, in one bash shell, against the packaged service with the demo data and the demo STAFF key of the dev
 * profile. Only where the service listens ({@code RECAUDA}) is set from outside, as the README allows; every curl
 * call must succeed (a 4xx or 5xx stops the script), and the answers are those the README describes.
 */
class ReadmeWalkThroughIT {

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path work;

    @Test
    void the_walk_through_of_readme_runs_as_pasted() throws Exception {
        String script = walkThrough(Files.readString(Path.of("README.md")));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE readme_recauda");
            }
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/readme_recauda?user=postgres";
            Map<String, String> demo = Map.of(
                    "recauda.demo-data.enabled", "true",
                    "recauda.bootstrap-admin-key", "rk_demo_staff_key_for_local_development_only");
            try (ServiceProcess service = ServiceProcess.start("readme", work, url, demo).awaitReady()) {
                Path file = work.resolve("walk-through.sh");
                // Strict mode, and curl fails on an error answer (showing its body), so no step can fail unseen.
                Files.writeString(file, "set -euo pipefail\n"
                        + "curl() { command curl --fail-with-body --show-error \"$@\"; }\n" + script);
                Path log = work.resolve("walk-through.out");
                ProcessBuilder bash = new ProcessBuilder("bash", file.toString()).directory(work.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                bash.environment().put("RECAUDA", "http://localhost:" + service.port());
                Process run = bash.start();
                boolean ended = run.waitFor(180, TimeUnit.SECONDS);
                if (!ended) {
                    run.descendants().forEach(ProcessHandle::destroyForcibly);
                    run.destroyForcibly();
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                assertThat(ended).as("the walk-through ends within 3 minutes; its output:\n%s", output).isTrue();
                assertThat(run.exitValue()).as("exit status of the walk-through; its output:\n%s\nthe service's log:"
                        + "\n%s", output, service.log()).isZero();

                assertThat(output).as("step 1: the API clients (none yet but the bootstrap key, which is not listed)")
                        .startsWith("{\"items\":[");
                assertThat(output).as("step 2: the debtor's contributions").contains("\"type\":\"CONTRIBUTION\"");
                assertThat(output).as("step 3: the statement").contains("\"totals\"");
                assertThat(output).as("step 4: the employer's key").contains("\"role\":\"EMPLOYER\"");
                assertThat(output).as("step 7: the payment, applied").contains("\"status\":\"APPLIED\"");
                assertThat(output).as("step 7: the retry, replayed").containsIgnoringCase("Idempotent-Replayed: true");
                assertThat(output).as("step 7: the day's payments as CSV")
                        .contains("paymentId,bankTransactionId,reference,amount,status,paidAt");
                assertThat(Files.readAllBytes(work.resolve("voucher.pdf"))).as("step 8: the PDF voucher")
                        .startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
                assertThat(output).as("step 9: the simulation").contains("\"installments\"");
                assertThat(output).as("step 10: the agreement, waiting for a director")
                        .contains("\"status\":\"PENDING_APPROVAL\"");
                assertThat(output).as("step 11: compliance").contains("\"inArrears\"");
            }
        }
    }

    /** The bash blocks of README's walk-through section, in order. */
    static String walkThrough(String readme) {
        int start = readme.indexOf("## A first walk-through with curl");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("README has its walk-through section").isNotNegative();
        Matcher blocks = BASH_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> script = new ArrayList<>();
        while (blocks.find()) {
            script.add(blocks.group(1));
        }
        assertThat(script).as("bash blocks of the walk-through").hasSizeGreaterThanOrEqualTo(3);
        return String.join("\n", script);
    }
}
