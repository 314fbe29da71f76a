package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code sb serve --config} with an agent: the dashboard's feed, /ready and /metrics carry the agent and its member as the gateway has them. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServeAgentsDashboardTest {
    @TempDir
    Path dir;

    @Test
    void serve_withAnHttpAgent_dashboardReadyAndMetricsShowTheAgentAndItsMember() throws Exception {
        Tools.Tool echo = Tools.Tool.of("echo", "Echoes", JsonNodeFactory.instance.objectNode().put("type", "object"));
        try (McpServer agent = McpServer.builder("local", "1.0").tool(echo, Map.class, (args, ctx) -> "echo").build();
             StreamableHttpServer agentHttp = StreamableHttpServer.start(agent, HttpSettings.defaults().withPort(0))) {
            Path config = Files.writeString(dir.resolve("gateway.json"), """
                    {"agents": {"pool": {"min": 1, "max": 1}},
                     "mcpServers": {"local": {"url": "http://127.0.0.1:%d/mcp"}}}
                    """.formatted(agentHttp.port()));
            try (SbProcess sb = SbProcess.start(dir, Map.of(), "serve", "--config", config.toString(), "--port", "0")) {
                URI base = URI.create(sb.awaitListening()).resolve("/");
                AtomicReference<JsonNode> agents = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    agents.set(nextEvent(base).get("agents"));
                    return agents.get().size() == 1 && agents.get().get(0).get("ready").asBoolean();
                });
                JsonNode local = agents.get().get(0);
                assertThat(local.get("name").asString()).isEqualTo("local");
                assertThat(local.get("members").asInt()).isEqualTo(1);
                assertThat(local.get("failure").isNull()).isTrue();
                JsonNode member = local.get("memberList");
                assertThat(member.size()).isEqualTo(1);
                assertThat(member.get(0).get("alive").asBoolean()).isTrue();
                assertThat(member.get(0).get("circuit").asString()).isEqualTo("CLOSED");
                assertThat(member.get(0).get("calls").asLong()).isPositive(); // the gateway's listings went to it
                String id = member.get(0).get("id").asString();
                assertThat(McpOverHttp.get(base.resolve("/ready").toString()).body()).contains("1 members (#" + id + " CLOSED, 0 outstanding)");
                String metrics = McpOverHttp.get(base.resolve("/metrics").toString()).body();
                assertThat(metrics).contains("switchboard_agent_member_outstanding{agent=\"local\",member=\"" + id + "\"} 0.0")
                        .contains("switchboard_agent_member_circuit{agent=\"local\",member=\"" + id + "\",state=\"CLOSED\"} 1.0");
            }
        }
    }

    private static JsonNode nextEvent(URI base) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(base.resolve("/dashboard/events"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; )
                if (line.startsWith("data: ")) return JsonMapper.shared().readTree(line.substring(6));
        }
        throw new AssertionError("the feed closed before an event");
    }
}
