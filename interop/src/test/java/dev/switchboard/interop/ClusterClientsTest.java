package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.cluster.ClusterSettings;
import dev.switchboard.cluster.LocalNats;
import dev.switchboard.cluster.NatsCluster;
import dev.switchboard.cluster.RoundRobinBalancer;
import dev.switchboard.examples.Examples;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.McpSettings;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Real clients in a cluster: three NATS servers (R3 streams and buckets), three Switchboard nodes
 * serving the everything example (sessions in the KV directory, tasks on JetStream, notifications
 * bridged), and a balancer that sends each request to the next node. The official Java SDK client
 * and TypeScript SDK client each hold a session-era conversation hopping nodes, sampling answered
 * on a node other than the one that asked; a 2026-07-28 client runs input rounds hopping nodes.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClusterClientsTest {
    private static final String STATE_KEY = "shared-request-state-key-of-the-cluster-test";
    private static LocalNats nats;
    private static final List<NatsCluster> clusters = new ArrayList<>();
    private static final List<McpServer> servers = new ArrayList<>();
    private static final List<StreamableHttpServer> https = new ArrayList<>();
    private static RoundRobinBalancer balancer;

    @BeforeAll
    static void start() throws Exception {
        nats = LocalNats.start(3);
        List<InetSocketAddress> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(nats.urls()));
            clusters.add(cluster);
            McpServer server = Examples.create("everything", McpServer.builder("switchboard-everything", "0.1.0")
                    .settings(McpSettings.defaults().withRequestStateKey(STATE_KEY))
                    .tasks(cluster::taskStore, TaskLimits.defaults())
                    .sessionDirectory(cluster.sessionDirectory()));
            cluster.bridgeNotifications(server.kernel());
            servers.add(server);
            StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
            https.add(http);
            nodes.add(new InetSocketAddress("127.0.0.1", http.port()));
        }
        balancer = RoundRobinBalancer.start(nodes, 0);
    }

    @AfterAll
    static void stop() {
        if (balancer != null) balancer.close();
        https.forEach(StreamableHttpServer::close);
        servers.forEach(McpServer::close);
        clusters.forEach(NatsCluster::close);
        if (nats != null) nats.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + balancer.port() + "/mcp";
    }

    @Test
    void javaSdkClient_hoppingNodes_listsCallsGetsProgressUpdatesAndAnswersSamplingElicitationRootsOnAnotherNode() {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        List<String> updated = new CopyOnWriteArrayList<>();
        AtomicInteger sampled = new AtomicInteger();
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + balancer.port()).endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build())).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20))
                .capabilities(McpSchema.ClientCapabilities.builder().sampling().elicitation().roots(false).build())
                .elicitation(req -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("name", "Alice")))
                .roots(new McpSchema.Root("file:///cluster/root", "Cluster Root"))
                .sampling(req -> {
                    sampled.incrementAndGet();
                    return new McpSchema.CreateMessageResult(McpSchema.Role.ASSISTANT, new McpSchema.TextContent("answered by the Java SDK"),
                            "java-model", McpSchema.CreateMessageResult.StopReason.END_TURN);
                })
                .progressConsumer(progress::add)
                .resourcesUpdateConsumer(contents -> contents.forEach(c -> updated.add(c.uri())))
                .build();
        try {
            assertThat(client.initialize().protocolVersion()).isEqualTo("2025-11-25");
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .contains("add", "test_tool_with_progress", "test_sampling", "test_trigger_resource_update");
            for (int i = 0; i < 6; i++) { // two laps of the three nodes
                McpSchema.CallToolResult sum = client.callTool(new McpSchema.CallToolRequest("add", Map.of("a", i, "b", 1)));
                assertThat(((McpSchema.TextContent) sum.content().getFirst()).text()).isEqualTo(String.valueOf(i + 1));
            }
            McpSchema.CallToolResult withProgress = client.callTool(new McpSchema.CallToolRequest("test_tool_with_progress", Map.of(),
                    Map.of("progressToken", "p-cluster")));
            assertThat(withProgress.isError()).isNotEqualTo(Boolean.TRUE);
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.size() >= 3);
            assertThat(progress).extracting(McpSchema.ProgressNotification::progress).isSorted();

            client.subscribeResource(new McpSchema.SubscribeRequest("test://watched-resource"));
            await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> {
                // three calls land on three nodes, so at least one is not the node holding the GET stream
                for (int i = 0; i < 3; i++) client.callTool(new McpSchema.CallToolRequest("test_trigger_resource_update", Map.of()));
                return updated.size() >= 3;
            });

            for (int i = 0; i < 3; i++) { // the ask holds its POST on one node; the answer, a new POST, lands on the next
                McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("test_sampling", Map.of("prompt", "q" + i)));
                assertThat(r.isError()).as("%s", r).isNotEqualTo(Boolean.TRUE);
                assertThat(((McpSchema.TextContent) r.content().getFirst()).text()).isEqualTo("LLM response: answered by the Java SDK");
            }
            assertThat(sampled.get()).isEqualTo(3);
            // elicitation and roots take the same way back: asked on one node, answered by a POST to the next
            McpSchema.CallToolResult hello = client.callTool(new McpSchema.CallToolRequest("test_input_required_result_elicitation", Map.of()));
            assertThat(((McpSchema.TextContent) hello.content().getFirst()).text()).isEqualTo("Hello, Alice!");
            McpSchema.CallToolResult roots = client.callTool(new McpSchema.CallToolRequest("test_input_required_result_list_roots", Map.of()));
            assertThat(((McpSchema.TextContent) roots.content().getFirst()).text()).isEqualTo("Found 1 root(s)");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void typescriptClient_hoppingNodes_listsCallsGetsProgressUpdatesAndAnswersSamplingOnAnotherNode() throws Exception {
        Process p = new ProcessBuilder(Fixture.node().toString(), Fixture.interopDir().resolve("ts-client-cluster.mjs").toString(), url())
                .directory(Fixture.interopDir().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("\"step\":\"sampling across nodes\",\"ok\":true").contains("\"summary\":{\"passed\":6,\"failed\":0}");
    }

    @Test
    void statelessClient_inputRoundsHoppingNodes_everyRoundAnswered() {
        try (dev.switchboard.client.McpClient client = dev.switchboard.client.McpClient.builder().protocolVersion("2026-07-28")
                .clientInfo("stateless-hopper", "1.0")
                .capabilities(ClientCapabilities.none().withSampling().withElicitation().withRoots(false))
                .onElicitation(q -> {
                    var answer = JsonNodeFactory.instance.objectNode();
                    if (q.message().contains("color")) answer.put("color", "teal");
                    else answer.put("name", "Alice");
                    return Elicitation.ElicitResult.accept(answer);
                })
                .onSampling(q -> Sampling.CreateMessageResult.text("test-model", "Paris", "endTurn"))
                .roots(() -> List.of(new Roots.Root("file:///test/root", "Test Root", null)))
                .http(URI.create(url()))) {
            assertThat(client.initialize().protocolVersion()).isEqualTo("2026-07-28");
            for (int i = 0; i < 3; i++) {
                // each round is a request of its own, on the next node
                assertThat(text(client.callTool("test_input_required_result_multi_round", Map.of()))).isEqualTo("Alice's favorite color is teal");
                assertThat(text(client.callTool("test_input_required_result_multiple_inputs", Map.of()))).isEqualTo("Alice / Paris / 1 root(s)");
            }
        }
    }

    private static String text(Tools.CallToolResult r) {
        assertThat(r.isError()).as("tool error: %s", r).isNotEqualTo(Boolean.TRUE);
        return ((Content.Text) r.content().getFirst()).text();
    }
}
