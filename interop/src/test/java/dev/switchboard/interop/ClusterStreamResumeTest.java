package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.cluster.ClusterSettings;
import dev.switchboard.cluster.LocalNats;
import dev.switchboard.cluster.NatsCluster;
import dev.switchboard.cluster.RoundRobinBalancer;
import dev.switchboard.examples.Examples;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official clients' standalone GET stream outlives the node holding it: three NATS servers (R3),
 * three Switchboard nodes behind the round-robin balancer; the node holding a client's GET stream is
 * stopped abruptly (its listener, server and NATS connection closed at once, the balancer not told),
 * the client's SDK reopens the stream through the balancer on a surviving node, and resource updates
 * triggered by calls on any survivor reach it there (TypeScript SDK); the Java SDK's session goes on
 * on the survivors (it does not reopen a broken stream itself).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClusterStreamResumeTest {
    private LocalNats nats;
    private final List<NatsCluster> clusters = new ArrayList<>();
    private final List<McpServer> servers = new ArrayList<>();
    private final List<StreamableHttpServer> https = new ArrayList<>();
    private final List<Boolean> alive = new ArrayList<>();
    private RoundRobinBalancer balancer;

    @BeforeEach
    void start() throws Exception {
        nats = LocalNats.start(3);
        List<InetSocketAddress> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(nats.urls()));
            clusters.add(cluster);
            McpServer server = Examples.create("everything", McpServer.builder("switchboard-everything", "0.1.0")
                    .tasks(cluster::taskStore, TaskLimits.defaults())
                    .sessionDirectory(cluster.sessionDirectory()));
            cluster.bridgeNotifications(server.kernel());
            servers.add(server);
            StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
            https.add(http);
            alive.add(true);
            nodes.add(new InetSocketAddress("127.0.0.1", http.port()));
        }
        balancer = RoundRobinBalancer.start(nodes, 0);
    }

    @AfterEach
    void stop() {
        if (balancer != null) balancer.close();
        for (int i = 0; i < https.size(); i++) if (alive.get(i)) kill(i);
        if (nats != null) nats.close();
    }

    private String url() {
        return "http://127.0.0.1:" + balancer.port() + "/mcp";
    }

    /** The node with a standalone stream open (the clients here hold no other long streams). */
    private int holder() {
        await().atMost(Duration.ofSeconds(10)).until(() -> holderOrMinusOne() >= 0);
        return holderOrMinusOne();
    }

    private int holderOrMinusOne() {
        for (int i = 0; i < https.size(); i++) if (alive.get(i) && https.get(i).traffic().openStreams() > 0) return i;
        return -1;
    }

    /** Stops node {@code i} at once: listener, server and NATS connection; the balancer finds out by refused connections. */
    private void kill(int i) {
        alive.set(i, false);
        https.get(i).close();
        servers.get(i).close();
        clusters.get(i).close();
    }

    /**
     * The Java SDK (2.1.0, and 2.2.0 too: a client that waited 30 s for an update after the holder
     * stopped heard none) does not reopen its standalone stream once the connection breaks: the GET
     * stream's error ends its Flux ({@code onErrorComplete}); its resumable-stream reconnect only wraps
     * each event already received. So with this client the holder's death costs the stream, not the
     * session: its calls go on on the survivors, which is what this test holds it to. The TypeScript
     * SDK, which does reopen (with Last-Event-ID), shows the stream resumed on a survivor below.
     */
    @Test
    void javaSdkClient_holdingNodeStopped_sessionGoesOnOnTheSurvivors() {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + balancer.port()).endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build())).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        try {
            client.initialize();
            client.subscribeResource(new McpSchema.SubscribeRequest("test://watched-resource"));
            kill(holder());
            // a call the balancer still sent to the stopped node may fail; the retry reaches a survivor
            for (int i = 0; i < 4; i++) {
                int a = i;
                McpSchema.CallToolResult sum = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                        .until(() -> client.callTool(new McpSchema.CallToolRequest("add", Map.of("a", a, "b", 3))), r -> r != null);
                assertThat(((McpSchema.TextContent) sum.content().getFirst()).text()).isEqualTo(String.valueOf(a + 3));
            }
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("add");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void typescriptClient_holdingNodeStopped_reopensItsStreamOnASurvivorAndHearsUpdates() throws Exception {
        Process p = new ProcessBuilder(Fixture.node().toString(), Fixture.interopDir().resolve("ts-client-resume.mjs").toString(), url())
                .directory(Fixture.interopDir().toFile()).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = p.getOutputStream()) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.append(line).append('\n');
                if (line.contains("\"step\":\"subscribed\"") && line.contains("\"ok\":true")) {
                    kill(holder());
                    in.write("killed\n".getBytes(StandardCharsets.UTF_8));
                    in.flush();
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out.toString()).isZero();
        assertThat(out.toString()).contains("\"step\":\"update after the holder stopped\",\"ok\":true")
                .contains("\"summary\":{\"passed\":3,\"failed\":0}");
    }
}
