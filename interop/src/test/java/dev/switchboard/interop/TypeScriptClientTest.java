package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client ({@code @modelcontextprotocol/sdk}, run on the pinned Node 22)
 * against Switchboard over Streamable HTTP, stdio, WebSocket ({@code WebSocketClientTransport}) and legacy
 * HTTP+SSE ({@code SSEClientTransport}): {@code interop/ts-client-smoke.mjs} connects,
 * lists and calls tools, reads and subscribes to resources (waiting for the update), gets a prompt
 * and receives progress.
 */
class TypeScriptClientTest {

    private static String run(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Fixture.node().toString(), Fixture.interopDir().resolve("ts-client-smoke.mjs").toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).directory(Fixture.interopDir().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void typescriptClient_overHttp_passesEveryStep() throws Exception {
        try (Fixture fixture = new Fixture()) {
            assertThat(run(List.of(fixture.url()))).contains("\"summary\":{\"passed\":7,\"failed\":0}");
        }
    }

    @Test
    void typescriptClient_overWebSocket_passesEveryStep() throws Exception {
        try (Fixture fixture = new Fixture()) {
            assertThat(run(List.of("--transport", "websocket", "ws://localhost:" + fixture.http.port() + "/mcp/ws")))
                    .contains("\"transport\":\"websocket\"").contains("\"summary\":{\"passed\":7,\"failed\":0}");
        }
    }

    @Test
    void typescriptClient_overLegacySse_passesEveryStep() throws Exception {
        try (Fixture fixture = new Fixture()) {
            assertThat(run(List.of("--transport", "sse", "http://localhost:" + fixture.http.port() + "/sse")))
                    .contains("\"transport\":\"sse\"").contains("\"summary\":{\"passed\":7,\"failed\":0}");
        }
    }

    @Test
    void typescriptClient_overStdio_passesEveryStep() throws Exception {
        String command = String.join(" ", Fixture.stdioCommand().stream().map(s -> s.contains(" ") ? "'" + s + "'" : s).toList());
        assertThat(run(List.of("--stdio", command))).contains("\"summary\":{\"passed\":7,\"failed\":0}");
    }
}
