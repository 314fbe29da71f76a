package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}) with
 * {@code --requirements 2025-11-25} against the everything server: every required scenario passes.
 * The same run as {@code ./sb conformance 2025-11-25}.
 */
class ConformanceTest {
    @Test
    void conformanceSuite_2025_11_25_passesEveryRequiredScenario() throws Exception {
        try (Fixture fixture = new Fixture()) {
            Process p = new ProcessBuilder(List.of("bash", Fixture.interopDir().resolve("run-conformance.sh").toString(), fixture.url(), "2025-11-25"))
                    .directory(Fixture.interopDir().toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            System.out.println(out);
            List<String> lines = out.lines().toList();
            assertThat(lines.getLast()).as(out).matches("30 passed, 0 failed");
            assertThat(p.exitValue()).as(out).isZero();
        }
    }
}
