package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client's own task API ({@code client.experimental.tasks} in
 * {@code @modelcontextprotocol/sdk}, 2025-11-25 era) against the everything fixture over
 * Streamable HTTP: {@code interop/ts-client-tasks.mjs} runs {@code slow_compute} as a task to its
 * result, reads it back with getTask and listTasks, sees {@code failing_job} end failed with its
 * isError result, cancels a running task, and answers an elicitation raised inside a task.
 */
class TypeScriptTaskClientTest {

    @Test
    void typescriptTaskApi_overHttp_runsTasksEndToEnd() throws Exception {
        try (Fixture fixture = new Fixture()) {
            List<String> command = List.of(Fixture.node().toString(), Fixture.interopDir().resolve("ts-client-tasks.mjs").toString(), fixture.url());
            Process p = new ProcessBuilder(command).directory(Fixture.interopDir().toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("\"summary\":{\"passed\":7,\"failed\":0}").contains("\"text\":\"Computed ts in 1.0 s\"");
        }
    }
}
