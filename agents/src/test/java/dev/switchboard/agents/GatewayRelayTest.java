package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.StatelessEra;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What server-everything (two members) asks of or tells the clients behind the gateway, over the
 * gateway's HTTP endpoint: resource subscriptions and their updates, elicitation and roots
 * relayed to the client of the call that caused them, and a stateless client answered at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayRelayTest {
    static final String URI_1 = "demo://resource/dynamic/text/1";
    static McpServer server;
    static StreamableHttpServer http;
    static Gateway gateway;
    static final List<String> fromAgent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = McpServer.builder("gateway", "1.0").build();
        gateway = Gateway.start(server, List.of(RealServers.agent("every", RealServers.everything(), 2, 20_000, false)), AgentsSettings.defaults());
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        assertThat(gateway.awaitStarted(Duration.ofSeconds(30))).as("started: %s", gateway.status()).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.pool("every").members.size() == 2);
        AgentPool pool = gateway.pool("every");
        var forward = pool.onResourceUpdated;
        pool.onResourceUpdated = (m, uri) -> {
            fromAgent.add(uri);
            forward.accept(m, uri);
        };
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
        if (http != null) http.close();
    }

    static McpClient client(List<String> updates) {
        McpClient c = McpClient.builder().onResourceUpdated(updates::add).http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"));
        c.initialize();
        return c;
    }

    /** server-everything sends updates of the subscribed URIs once its toggle tool ran on that process, at once and then every 5 s. */
    static void toggleUpdates(Member m) {
        m.client.callTool("toggle-subscriber-updates", Map.of());
    }

    @Test
    void subscribe_agentResource_updatesReachOnlyTheSubscribedSessionAndUnsubscribeReachesTheAgent() throws Exception {
        List<String> mine = new CopyOnWriteArrayList<>(), other = new CopyOnWriteArrayList<>();
        try (McpClient subscriber = client(mine); McpClient bystander = client(other)) {
            subscriber.subscribe(URI_1);
            Member holder = gateway.subscriptions().holder(URI_1);
            assertThat(holder).as("the member pinned for the subscription").isNotNull();
            assertThat(holder.subscriptions.get()).isEqualTo(1);
            toggleUpdates(holder); // on: sends at once for every URI subscribed on that member
            await().atMost(Duration.ofSeconds(10)).until(() -> mine.contains(URI_1));
            assertThat(mine).containsOnly(URI_1);
            assertThat(other).as("a session that did not subscribe").isEmpty();

            subscriber.unsubscribe(URI_1);
            assertThat(gateway.subscriptions().holder(URI_1)).isNull();
            assertThat(holder.subscriptions.get()).isZero();
            // the agent no longer sends the update: turning its updates off and on again sends nothing for URI_1
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                fromAgent.clear();
                toggleUpdates(holder);
                toggleUpdates(holder);
                Thread.sleep(300);
                assertThat(fromAgent).doesNotContain(URI_1);
            });
            toggleUpdates(holder); // off again
        }
    }

    @Test
    void subscribe_twoSessions_oneAgentSubscriptionUntilTheLastLeaves() {
        List<String> a = new CopyOnWriteArrayList<>(), b = new CopyOnWriteArrayList<>();
        String uri = "demo://resource/dynamic/text/2";
        try (McpClient first = client(a); McpClient second = client(b)) {
            first.subscribe(uri);
            Member holder = gateway.subscriptions().holder(uri);
            second.subscribe(uri);
            assertThat(gateway.subscriptions().holder(uri)).isSameAs(holder);
            assertThat(holder.subscriptions.get()).isEqualTo(1);
            first.unsubscribe(uri);
            assertThat(gateway.subscriptions().holder(uri)).as("still held for the second session").isSameAs(holder);
            toggleUpdates(holder);
            await().atMost(Duration.ofSeconds(10)).until(() -> b.contains(uri));
            toggleUpdates(holder);
            assertThat(a).isEmpty();
        }
        // both sessions ended (the clients closed): the subscription on the agent is released
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.subscriptions().holder(uri) == null);
    }

    @Test
    void subscribe_uriNoAgentServes_resourceNotFoundNamingTheUri() {
        try (McpClient c = client(new CopyOnWriteArrayList<>())) {
            assertThatThrownBy(() -> c.subscribe("nosuch://agent/thing")).isInstanceOf(McpException.class)
                    .hasMessageContaining("'nosuch://agent/thing'").hasMessageContaining("no agent of this gateway [every] serves it")
                    .satisfies(e -> assertThat(((McpException) e).error().code()).isEqualTo(AgentSubscriptions.RESOURCE_NOT_FOUND));
            assertThat(c.listResourceTemplates()).as("the session carries on").isNotEmpty();
        }
    }

    @Test
    void matches_templates_simpleReservedAndQuery() {
        assertThat(AgentSubscriptions.matches("demo://resource/dynamic/text/{id}", "demo://resource/dynamic/text/7")).isTrue();
        assertThat(AgentSubscriptions.matches("demo://resource/dynamic/text/{id}", "demo://resource/dynamic/text/7/x")).isFalse();
        assertThat(AgentSubscriptions.matches("file://{+path}", "file:///a/b.txt")).isTrue();
        assertThat(AgentSubscriptions.matches("search://q{?term}", "search://q?term=x")).isTrue();
        assertThat(AgentSubscriptions.matches("a.b/{x}", "aXb/1")).as("literal dots are literal").isFalse();
    }

    static String text(Tools.CallToolResult r) {
        return r.content().stream().map(c -> c instanceof Content.Text t ? t.text() : String.valueOf(c)).reduce("", String::concat);
    }

    static McpClient.Builder on() {
        return McpClient.builder();
    }

    static URI endpoint() {
        return URI.create("http://127.0.0.1:" + http.port() + "/mcp");
    }

    @Test
    void callTool_agentAsksForElicitation_relayedToTheCallingClientAndAnswerReturned() {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (McpClient c = on().onElicitation(p -> {
            asked.add(p.message());
            return Elicitation.ElicitResult.accept(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("name", "Ada").put("check", true));
        }).http(endpoint())) {
            c.initialize();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.tool("every_trigger-elicitation-request") != null);
            Tools.CallToolResult r = c.callTool("every_trigger-elicitation-request", Map.of());
            assertThat(asked).singleElement().asString().contains("Please provide inputs");
            assertThat(text(r)).contains("accept").contains("Ada");
        }
    }

    @Test
    void callTool_agentAsksForRoots_relayedToTheCallingClient() {
        try (McpClient c = on().roots(() -> List.of(new Roots.Root("file:///gateway-test-root", "test root", null))).http(endpoint())) {
            c.initialize();
            for (int i = 0; i < 2; i++) // one call per member: each asks its caller once, then keeps the roots
                assertThat(text(c.callTool("every_get-roots-list", Map.of()))).contains("file:///gateway-test-root");
        }
    }

    @Test
    void callTool_statelessClientAndAgentAsksForElicitation_answeredWithAnErrorAtOnce() {
        try (McpClient c = on().protocolVersion(StatelessEra.VERSION)
                .onElicitation(p -> { throw new AssertionError("a stateless round would run the agent's tool again"); }).http(endpoint())) {
            c.initialize();
            long start = System.nanoTime();
            Tools.CallToolResult r = c.callTool("every_trigger-elicitation-request", Map.of());
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("elicitation/create").contains("stateless");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("never hangs").isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void remember_agentToolCalls_recordedWithTheirAgentAndOutcome() throws Exception {
        try (PatternMemory memory = PatternMemory.create(CachedEmbedder.MINI_LM, 100); McpClient c = client(new CopyOnWriteArrayList<>())) {
            gateway.remember(memory);
            c.callTool("every_get-sum", Map.of("a", 1, "b", 2));
            assertThat(memory.awaitRecorded(Duration.ofSeconds(30))).isTrue();
            assertThat(memory.similar("get-sum", "{\"a\":1,\"b\":2}", 1)).singleElement().satisfies(m -> {
                assertThat(m.pattern().agent()).isEqualTo("every");
                assertThat(m.pattern().succeeded()).isTrue();
            });
            assertThat(gateway.agentOf("every_get-sum")).contains("every");
            assertThat(gateway.agentOf("nosuch_tool")).isEmpty();
        } finally {
            gateway.remember(null);
        }
    }
}
