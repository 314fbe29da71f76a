package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.McpClient;
import dev.switchboard.client.TaskHandle;
import dev.switchboard.mcp.protocol.Tools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three NATS servers (R3), three Switchboard nodes in their own JVMs, a balancer sending each request to the next node. */
class ThreeNodeClusterTest {
    private static final long LEASE_MS = 1500;
    private static LocalNats nats;
    private static final List<Process> nodes = new ArrayList<>();
    private static final List<InetSocketAddress> addresses = new ArrayList<>();
    private static final List<String> names = new ArrayList<>();
    private static RoundRobinBalancer balancer;

    @BeforeAll
    static void start() throws Exception {
        nats = LocalNats.start(3);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < 3; i++) {
            Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    ClusterNodeProcess.class.getName(), nats.urls(), "" + LEASE_MS)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            nodes.add(p);
        }
        for (Process p : nodes) {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(line).startsWith("LISTENING ");
            String[] parts = line.split(" ");
            addresses.add(new InetSocketAddress("127.0.0.1", Integer.parseInt(parts[1])));
            names.add(parts[2]);
        }
        balancer = RoundRobinBalancer.start(addresses, 0);
    }

    @AfterAll
    static void stop() {
        if (balancer != null) balancer.close();
        nodes.forEach(Process::destroyForcibly);
        nats.close();
    }

    private static final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    private static java.net.http.HttpResponse<String> post(int node, String session, String body) throws Exception {
        var r = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + addresses.get(node).getPort() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (session != null) r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        return http.send(r.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static void touch(int node, String session) throws Exception {
        assertThat(post(node, session, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"touch\"}}").body())
                .contains("touched by");
    }

    private static String initialize(int node) throws Exception {
        return post(node, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"resumer\",\"version\":\"1\"}}}").headers().firstValue("mcp-session-id").orElseThrow();
    }

    /**
     * Node 2 holds a GET stream and the client stops reading; one more event while node 2 holds it,
     * node 2 is killed, one event raised on node 1 by another session while no node holds the
     * stream: the client resumes on node 1 with Last-Event-ID and gets exactly those two, once.
     */
    @Test
    void getStream_holderKilled_eventsBeforeAndAfterTheKill_replayedOnceOnAnotherNode() throws Exception {
        String s = initialize(2);
        post(2, s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        post(2, s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"res://a\"}}");
        String other = initialize(1);
        post(1, other, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        String lastSeen;
        var onNode2 = SessionHoppingTest.Events.open(addresses.get(2).getPort(), s, null);
        try (onNode2) {
            Thread.sleep(300); // node 2 holds the stream; the other nodes have heard so
            touch(2, s);
            touch(2, s);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> onNode2.seen().size() == 2);
            lastSeen = onNode2.lastId();
        }
        Thread.sleep(200);
        touch(2, s); // journaled while node 2 holds the stream, never read by the client
        Thread.sleep(300);
        nodes.get(2).destroyForcibly().waitFor(); // SIGKILL
        balancer.remove(addresses.get(2));
        touch(1, other); // raised on node 1 while no node holds the stream
        Thread.sleep(300);
        try (var onNode1 = SessionHoppingTest.Events.open(addresses.get(1).getPort(), s, lastSeen)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> onNode1.seen().size() >= 2);
            Thread.sleep(500);
            String stream = lastSeen.substring(0, lastSeen.lastIndexOf('/'));
            assertThat(onNode1.seen()).hasSize(2).allMatch(e -> e[0].startsWith(stream + "/") && e[1].contains("notifications/resources/updated"));
            assertThat(onNode1.seen().stream().mapToLong(e -> SessionHoppingTest.position(e[0])))
                    .isSorted().doesNotHaveDuplicates().allMatch(p -> p > SessionHoppingTest.position(lastSeen));
            touch(1, s);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> onNode1.seen().size() == 3);
            Thread.sleep(300);
            assertThat(onNode1.seen()).hasSize(3).allMatch(e -> e[1].contains("notifications/resources/updated"));
        }
    }

    private static McpClient client() {
        McpClient c = McpClient.builder().requestTimeout(Duration.ofSeconds(30))
                .http(URI.create("http://127.0.0.1:" + balancer.port() + "/mcp"));
        c.initialize();
        return c;
    }

    @Test
    void conversation_hoppingNodes_thenANodeKilledWithTasksInFlight_everyTaskCompletesOnce() throws Exception {
        try (McpClient c = client()) {
            assertThat(c.listTools()).extracting(Tools.Tool::name).contains("add", "work");
            for (int i = 0; i < 6; i++) { // two laps of the three nodes
                assertThat(c.callTool("add", Map.of("a", i, "b", 1)).content().toString()).contains((i + 1) + ".0");
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) ids.add(c.tasks().callToolAsTask("work", Map.of("ms", 2500)).taskId());
            Thread.sleep(500); // every node has taken some
            nodes.get(0).destroyForcibly().waitFor(); // SIGKILL, tasks in flight
            balancer.remove(addresses.get(0));

            List<String> results = new ArrayList<>();
            for (String id : ids) results.add(c.tasks().awaitTaskResult(id).content().toString());
            assertThat(results).hasSize(12).allMatch(r -> r.contains("done by pid-"));
            assertThat(results).noneMatch(r -> r.contains("done by " + names.get(0)));
            for (String id : ids) {
                TaskHandle t = c.tasks().getTask(id);
                assertThat(t.status()).isEqualTo("completed");
            }
        }
    }
}
