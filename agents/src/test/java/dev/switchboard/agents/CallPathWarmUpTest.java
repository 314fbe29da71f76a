package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.RequestObserver;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The gateway's start-up warm-up of the server's own tools/call path, in front of our example server over HTTP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallPathWarmUpTest {
    /** A tool whose schema requires arguments: a warm-up with empty ones would stop at the server's check. */
    record Work(String message, int times) {}

    @Test
    void start_agentWithTools_serverPathAndThenTransportRunInBothErasAndTheAgentRunsNothing() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        List<String> agentSaw = new CopyOnWriteArrayList<>();
        List<String> agentMethods = new CopyOnWriteArrayList<>();
        McpServer demo = McpServer.builder("demo", "1.0").observer(r -> {
            agentMethods.add(r.method());
            if ("tools/call".equals(r.method())) agentSaw.add(r.tool());
            return RequestObserver.Observation.NONE;
        }).tool("work", "does work", Work.class, a -> "done " + ran.incrementAndGet()).build();
        List<String> gatewaySaw = new CopyOnWriteArrayList<>();
        McpServer server = McpServer.builder("gateway", "1.0").observer(r -> {
            if ("tools/call".equals(r.method())) gatewaySaw.add((r.sessionId() == null ? "stateless " : "session ") + r.tool());
            return RequestObserver.Observation.NONE;
        }).build();
        try (StreamableHttpServer demoHttp = StreamableHttpServer.start(demo, HttpSettings.defaults().withPort(0));
             Gateway gateway = Gateway.start(server, List.of(RealServers.agent("demo",
                     new Launch.Http(URI.create("http://127.0.0.1:" + demoHttp.port() + "/mcp"), Map.of()), 2, 20_000, false)), AgentsSettings.defaults());
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0))) {
            assertThat(gateway.awaitStarted(Duration.ofSeconds(30))).isTrue();

            assertThat(gatewaySaw).as("the server's tools/call path ran in both eras before the agent was ready")
                    .contains("session demo_work", "stateless demo_work").hasSize(6);
            assertThat(gateway.warmUpCallsHandled())
                    .as("past the server's argument check (made-up arguments that fit the schema), each warm-up call reached the gateway's handler")
                    .isEqualTo(6);
            assertThat(agentMethods).as("and went on to a member as a ping").contains("ping");
            assertThat(agentSaw).as("the agent was asked only for the unknown warm-up tool").isNotEmpty().containsOnly(MemberWarmUp.TOOL);
            assertThat(ran).as("the agent's real tool never ran").hasValue(0);
            assertThat(server.sessionCount()).as("the warm-up sessions are gone").isZero();

            URI endpoint = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
            gateway.servedAt(endpoint); // the agent is registered already: warmed over HTTP now, in the background
            // the session era first, then the stateless one, each until its per-call time settles (WarmUpBudget)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> overHttp(gatewaySaw).contains("stateless demo_work"));
            assertThat(overHttp(gatewaySaw)).as("through the transport, in both eras, more than a few calls")
                    .contains("session demo_work", "stateless demo_work").hasSizeGreaterThan(2 * WarmUpBudget.WINDOW);
            assertThat(agentSaw).containsOnly(MemberWarmUp.TOOL);
            assertThat(ran).hasValue(0);

            try (McpClient client = McpClient.http(endpoint)) {
                client.initialize();
                ObjectNode forged = JsonNodeFactory.instance.objectNode().put(CallPathWarmUp.META_KEY, "a guess");
                Tools.CallToolResult r = client.request("tools/call", new Tools.CallToolParams("demo_work",
                        JsonNodeFactory.instance.objectNode().put("message", "m").put("times", 1),
                        null, null, null, forged), Tools.CallToolResult.class);
                assertThat(((Content.Text) r.content().getFirst()).text()).as("a client's marker without the gateway's token is an ordinary call").isEqualTo("done 1");
            }
        }
    }

    /** The calls after the 6 of the in-server warm-up, copied: the warm-up over HTTP may still be adding to the list (a view of it would throw). */
    private static List<String> overHttp(List<String> saw) {
        List<String> copy = List.copyOf(saw);
        return copy.subList(6, copy.size());
    }
}
