package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}) against the
 * everything server, as {@code ./sb conformance SET} runs it: 2025-11-25 must pass every required
 * scenario, and so must 2026-07-28, plus the three scenarios the suite runs without scoring yet
 * ("pending") that the stateless era's issue names: JSON Schema 2020-12, standard header
 * validation and SEP-2243 custom headers. The tasks extension's scenarios (SEP-2663) run one by
 * one at 2026-07-28 with {@code --force} (the suite files extension scenarios off the spec
 * timeline and would otherwise skip them).
 */
class ConformanceTest {
    private static String run(String set, List<String> extra) throws Exception {
        try (Fixture fixture = new Fixture()) {
            List<String> command = new ArrayList<>(List.of("bash", Fixture.interopDir().resolve("run-conformance.sh").toString(), fixture.url(), set));
            command.addAll(extra);
            Process p = new ProcessBuilder(command).directory(Fixture.interopDir().toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            System.out.println(out);
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        }
    }

    @Test
    void conformanceSuite_2025_11_25_passesEveryRequiredScenario() throws Exception {
        String out = run("2025-11-25", List.of());
        assertThat(out.lines().toList().getLast()).isEqualTo("30 passed, 0 failed");
    }

    @Test
    void conformanceSuite_2026_07_28_passesEveryRequiredScenarioAndThePendingOnesWeClaim() throws Exception {
        String out = run("2026-07-28", List.of());
        assertThat(out.lines().toList().getLast()).isEqualTo("37 passed, 0 failed");
        assertThat(out).contains("✓ json-schema-2020-12 (pending)", "✓ http-header-validation (pending)",
                "✓ http-custom-header-server-validation (pending)");
    }

    /** All ten {@code tasks-*} scenarios; {@code tasks-status-notifications} is skipped by the suite itself (passes as skipped). */
    @ParameterizedTest
    @ValueSource(strings = {"tasks-lifecycle", "tasks-capability-negotiation", "tasks-wire-fields", "tasks-request-state-removal",
            "tasks-mrtr-input", "tasks-request-headers", "tasks-dispatch-and-envelope", "tasks-status-notifications",
            "tasks-required-task-error", "tasks-mrtr-composition"})
    void conformanceSuite_tasksScenario_passes(String scenario) throws Exception {
        String out = run("2026-07-28", List.of("--scenario", scenario, "--force"));
        assertThat(out.lines().toList().getLast()).isEqualTo("1 passed, 0 failed");
        assertThat(out).doesNotContain("FAILURE");
    }
}
