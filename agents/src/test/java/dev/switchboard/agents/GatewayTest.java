package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.examples.Examples;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway in front of real MCP servers nobody here wrote (server-everything and
 * server-filesystem over stdio) and our demo server over HTTP, with a real client on the
 * gateway's own HTTP endpoint.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayTest {
    static final java.util.concurrent.Executor VIRTUAL = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    static McpServer demo, gatewayServer;
    static StreamableHttpServer demoHttp, gatewayHttp;
    static Gateway gateway;
    static McpClient client;
    static Path root;
    static final List<String> listChanges = new CopyOnWriteArrayList<>();
    static final List<ProgressParams> progress = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch samplingGate = new CountDownLatch(0);
    static final CountDownLatch samplingEntered = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("gateway-fs");
        Files.writeString(root.resolve("hello.txt"), "hello from the filesystem server");
        demo = Examples.create("demo", McpServer.builder("demo", "1.0"));
        demoHttp = StreamableHttpServer.start(demo, HttpSettings.defaults().withPort(0));
        gatewayServer = McpServer.builder("gateway", "1.0").tool("local_ping", "Answers pong, in process", Map.class, a -> "pong").build();
        AgentsSettings settings = AgentsSettings.defaults().withPool(new PoolSize(1, 1, 30_000));
        gateway = Gateway.start(gatewayServer, List.of(
                RealServers.agent("every", RealServers.everything(), 2, 20_000, false),
                RealServers.agent("slow", RealServers.everything(), 1, 700, false),
                RealServers.agent("files", RealServers.filesystem(root), 1, 20_000, false),
                RealServers.agent("demo", new Launch.Http(URI.create("http://127.0.0.1:" + demoHttp.port() + "/mcp"), Map.of()), 1, 20_000, false)),
                settings);
        gatewayHttp = StreamableHttpServer.start(gatewayServer, HttpSettings.defaults().withPort(0));
        assertThat(gateway.awaitStarted(Duration.ofSeconds(30))).as("every agent started: %s", gateway.status()).isTrue();
        client = McpClient.builder()
                .onSampling(p -> {
                    samplingEntered.countDown();
                    samplingGate.await(20, TimeUnit.SECONDS);
                    return Sampling.CreateMessageResult.text("test-model", "sampled by the test client", "endTurn");
                })
                .onListChanged(listChanges::add)
                .onProgress(progress::add)
                .http(URI.create("http://127.0.0.1:" + gatewayHttp.port() + "/mcp"));
        client.initialize();
        // server-everything adds its sampling tool once it has seen our capabilities, and says so with list_changed
        await().atMost(Duration.ofSeconds(15)).until(() -> names().contains("every_trigger-sampling-request"));
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (gateway != null) gateway.close();
        if (gatewayHttp != null) gatewayHttp.close();
        if (demoHttp != null) demoHttp.close();
    }

    static List<String> names() {
        return client.listTools().stream().map(Tools.Tool::name).toList();
    }

    static String text(Tools.CallToolResult r) {
        return r.content().stream().map(c -> c instanceof Content.Text t ? t.text() : String.valueOf(c)).reduce("", String::concat);
    }

    @Test
    void listTools_threeAgentsAndALocalTool_prefixedByAgentAndMixed() {
        assertThat(names()).contains("local_ping", "every_echo", "every_get-sum", "slow_echo", "files_read_text_file", "files_list_directory",
                "demo_add", "demo_echo");
        assertThat(client.listPrompts()).extracting(p -> p.name()).anyMatch(n -> n.startsWith("every_"));
        assertThat(client.listResources()).isNotEmpty();
        // 'every' and 'slow' are the same server: their resource URIs collide, and the first agent by name keeps them
        assertThat(gateway.collisions()).isNotEmpty().allSatisfy(c -> assertThat(c)
                .matches("resource '.+' of agents '(every|slow)' and '(every|slow)': kept agent 'every' \\(the first by name\\)"));
    }

    @Test
    void callTool_eachKindOfAgent_answeredByThatAgent() {
        assertThat(text(client.callTool("every_get-sum", Map.of("a", 2, "b", 3)))).contains("5");
        assertThat(text(client.callTool("demo_add", Map.of("a", 2, "b", 40)))).contains("42");
        assertThat(text(client.callTool("files_read_text_file", Map.of("path", root.resolve("hello.txt").toString()))))
                .contains("hello from the filesystem server");
        assertThat(text(client.callTool("local_ping", Map.of()))).isEqualTo("pong");
    }

    @Test
    void callTool_agentSendsProgress_forwardedToTheCaller() {
        List<ProgressParams> mine = new CopyOnWriteArrayList<>();
        Tools.CallToolResult r = client.callTool("every_trigger-long-running-operation", Map.of("duration", 1, "steps", 3), mine::add);
        assertThat(r.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(mine).hasSizeGreaterThanOrEqualTo(3);
        assertThat(mine.getLast().total()).isEqualTo(3.0);
    }

    @Test
    void callTool_agentAsksForSampling_relayedToTheCallingClient() {
        Tools.CallToolResult r = client.callTool("every_trigger-sampling-request", Map.of("prompt", "hi"));
        assertThat(text(r)).contains("sampled by the test client");
    }

    @Test
    void addTool_onAnAgentAtRunTime_listChangeForwardedAndToolServed() {
        listChanges.clear();
        demo.addTool(Tools.Tool.withoutArguments("late", "added while running"), (a, c) -> "late answer");
        await().atMost(Duration.ofSeconds(10)).until(() -> names().contains("demo_late"));
        assertThat(listChanges).contains("notifications/tools/list_changed");
        assertThat(text(client.callTool("demo_late", Map.of()))).isEqualTo("late answer");
    }

    @Test
    void callTool_agentNeverAnswersInTime_timeoutNamesTheAgent() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.callTool("slow_trigger-long-running-operation", Map.of("duration", 5, "steps", 1)))
                .isInstanceOf(McpException.class).hasMessageContaining("agent 'slow' did not answer").hasMessageContaining("700 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void callTool_unknownAgent_unknownToolError() {
        assertThatThrownBy(() -> client.callTool("nosuch_echo", Map.of("message", "x")))
                .isInstanceOf(McpException.class).hasMessageContaining("Unknown tool");
    }

    @Test
    void callTool_memberKilledDuringASafeCall_retriedOnAnotherMember() throws Exception {
        AgentPool pool = gateway.pool("every");
        long failovers = pool.counters.failovers.get();
        CompletableFuture<Tools.CallToolResult> call = CompletableFuture.supplyAsync(
                () -> client.callTool("every_trigger-long-running-operation", Map.of("duration", 2, "steps", 2)), VIRTUAL);
        Member running = await().atMost(Duration.ofSeconds(5)).until(() -> pool.snapshot().stream().filter(m -> m.outstanding.get() > 0)
                .findFirst().orElse(null), m -> m != null);
        Thread.sleep(200);
        running.client.process().orElseThrow().destroyForcibly();
        Tools.CallToolResult r = call.get(20, TimeUnit.SECONDS);
        assertThat(text(r)).contains("Long running operation completed");
        assertThat(pool.counters.failovers.get()).isEqualTo(failovers + 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> pool.members.size() == 2); // replaced
    }

    @Test
    void callTool_memberKilledDuringAnUnsafeCall_errorNamesAgentAndWhyNotRetried() throws Exception {
        AgentPool pool = gateway.pool("every");
        await().atMost(Duration.ofSeconds(15)).until(() -> pool.members.size() == 2);
        samplingGate = new CountDownLatch(1);
        try {
            CompletableFuture<Tools.CallToolResult> call = CompletableFuture.supplyAsync(
                    () -> client.callTool("every_trigger-sampling-request", Map.of("prompt", "die")), VIRTUAL);
            assertThat(samplingEntered.await(10, TimeUnit.SECONDS)).isTrue();
            Member running = pool.snapshot().stream().filter(m -> m.outstanding.get() > 0).findFirst().orElseThrow();
            running.client.process().orElseThrow().destroyForcibly();
            assertThatThrownBy(() -> call.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(McpException.class)
                    .hasMessageContaining("agent 'every'").hasMessageContaining("not retried")
                    .satisfies(e -> assertThat(((McpException) e).error().code()).isEqualTo(AgentErrors.MEMBER_LOST));
        } finally {
            samplingGate.countDown();
        }
    }
}
