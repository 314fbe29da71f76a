package dev.switchboard.interop;

import dev.switchboard.agents.Affinity;
import dev.switchboard.agents.AgentSpec;
import dev.switchboard.agents.AgentsSettings;
import dev.switchboard.agents.Gateway;
import dev.switchboard.agents.Launch;
import dev.switchboard.agents.PoolSize;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A gateway on a free loopback port in front of {@code @modelcontextprotocol/server-everything} (stdio, run by the
 * Node that {@code ./sb test} pins under interop/node_modules), its tools served as {@code every_<tool>}: the setup
 * the official clients are pointed at, so they meet aggregation exactly as a user's client would.
 */
final class GatewayFixture implements AutoCloseable {
    final McpServer server;
    final Gateway gateway;
    final StreamableHttpServer http;

    GatewayFixture() throws InterruptedException {
        Path script = Fixture.interopDir().resolve("node_modules/.bin/mcp-server-everything");
        if (!Files.exists(script) || !Files.exists(Fixture.node()))
            throw new IllegalStateException(script + " or " + Fixture.node() + " is missing: run `npm ci` in interop/ (./sb test does)");
        server = McpServer.builder("switchboard-gateway", "0.1.0").build();
        AgentSpec every = new AgentSpec("every", new Launch.Stdio(List.of(Fixture.node().toString(), script.toString(), "stdio"), Map.of()),
                new PoolSize(1, 1, 30_000), Affinity.NONE, false, 20_000, 0);
        gateway = Gateway.start(server, List.of(every), AgentsSettings.defaults().withPool(new PoolSize(1, 1, 30_000)));
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        if (!gateway.awaitStarted(Duration.ofSeconds(30))) {
            close();
            throw new IllegalStateException("server-everything did not start behind the gateway: " + gateway.status());
        }
    }

    String url() {
        return "http://localhost:" + http.port() + "/mcp";
    }

    @Override
    public void close() {
        http.close();
        gateway.close();
        server.close();
    }
}
