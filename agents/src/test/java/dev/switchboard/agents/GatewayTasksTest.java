package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.client.TaskHandle;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStatus;
import dev.switchboard.tasks.TaskStore;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Task-augmented calls of agent tools: a durable task (SQLite store on a temp dir) whose work is
 * the agent call, and a gateway restart while agent calls run as tasks: server-everything's
 * long-running operation (readOnlyHint) is re-run, an HTTP agent's tool with no hints is failed
 * with an error naming the agent, and never run twice.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GatewayTasksTest {
    @TempDir
    Path dir;
    McpServer agentServer;
    StreamableHttpServer agentHttp;
    final AtomicInteger writes = new AtomicInteger();
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    /** One run of the gateway: its server, store, HTTP endpoint and a client on it. */
    record Run(McpServer server, CrashableTaskStore store, Gateway gateway, StreamableHttpServer http, McpClient client) {}

    @BeforeEach
    void startAgent() throws Exception {
        Tools.Tool write = Tools.Tool.of("write", "Writes once; not safe to repeat", JsonNodeFactory.instance.objectNode().put("type", "object"));
        agentServer = McpServer.builder("local", "1.0").tool(write, Map.class, (a, c) -> {
            writes.incrementAndGet();
            writing.countDown();
            release.await(30, TimeUnit.SECONDS);
            return "written";
        }).build();
        agentHttp = StreamableHttpServer.start(agentServer, HttpSettings.defaults().withPort(0));
    }

    @AfterEach
    void stopAgent() {
        release.countDown();
        if (agentHttp != null) agentHttp.close();
        if (agentServer != null) agentServer.close();
    }

    Run start() throws Exception {
        CrashableTaskStore store = new CrashableTaskStore(TaskStore.embedded(dir));
        McpServer server = McpServer.builder("gateway", "1.0").tasks(() -> store, TaskLimits.defaults()).recoverTasksLater().build();
        Gateway gateway = Gateway.start(server, List.of(
                RealServers.agent("every", RealServers.everything(), 1, 20_000, false),
                RealServers.agent("local", new Launch.Http(URI.create("http://127.0.0.1:" + agentHttp.port() + "/mcp"), Map.of()), 1, 20_000, false)),
                AgentsSettings.defaults());
        StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        assertThat(gateway.awaitStarted(Duration.ofSeconds(30))).as("started: %s", gateway.status()).isTrue();
        McpClient client = McpClient.http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"));
        client.initialize();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.tool("every_get-sum") != null && server.tool("local_write") != null);
        return new Run(server, store, gateway, http, client);
    }

    static void stop(Run r) {
        r.client().close();
        r.server().close();
        r.gateway().close();
        r.http().close();
    }

    static String text(Tools.CallToolResult r) {
        return r.content().stream().map(c -> c instanceof Content.Text t ? t.text() : String.valueOf(c)).reduce("", String::concat);
    }

    @Test
    void callToolAsTask_agentTool_durableTaskWithTheAgentsAnswer() throws Exception {
        Run run = start();
        try {
            assertThat(run.client().listTools()).filteredOn(t -> t.name().equals("every_get-sum"))
                    .allSatisfy(t -> assertThat(t.execution().taskSupport()).isEqualTo("optional"));
            TaskHandle task = run.client().tasks().callToolAsTask("every_get-sum", Map.of("a", 2, "b", 3));
            assertThat(task.taskId()).isNotBlank();
            assertThat(text(run.client().tasks().awaitTaskResult(task.taskId()))).contains("5");
            assertThat(run.store().get(task.taskId()).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        } finally {
            stop(run);
        }
    }

    @Test
    void restart_agentCallsInFlightAsTasks_safeOneReRunUnsafeOneFailedNamingTheAgent() throws Exception {
        Run first = start();
        String safe, unsafe;
        try {
            safe = first.client().tasks().callToolAsTask("every_trigger-long-running-operation", Map.of("duration", 2, "steps", 2)).taskId();
            unsafe = first.client().tasks().callToolAsTask("local_write", Map.of()).taskId();
            assertThat(writing.await(10, TimeUnit.SECONDS)).as("the unsafe call reached its agent").isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> first.gateway().pool("every").snapshot().stream().anyMatch(m -> m.outstanding.get() > 0));
            first.store().crash(); // the gateway dies with both agent calls in flight: nothing more reaches the store
        } finally {
            stop(first);
        }
        try (TaskStore onDisk = TaskStore.embedded(dir)) {
            // live, not final: WORKING, or INPUT_REQUIRED when the agent's own start-up request (roots/list) reached the call first
            assertThat(onDisk.get(safe).orElseThrow().status().isFinal()).as("left live by the crash").isFalse();
            assertThat(onDisk.get(unsafe).orElseThrow().status()).isEqualTo(TaskStatus.WORKING);
        }

        long restart = System.nanoTime();
        Run second = start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.store().get(safe).orElseThrow().status().isFinal()
                    && second.store().get(unsafe).orElseThrow().status().isFinal());
            TaskRecord rerun = second.store().get(safe).orElseThrow();
            assertThat(rerun.status()).as("%s %s", rerun.statusMessage(), rerun.errorJson()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(rerun.resultJson()).contains("Long running operation completed");
            TaskRecord failed = second.store().get(unsafe).orElseThrow();
            assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(failed.statusMessage()).startsWith(dev.switchboard.tasks.TaskEngine.RESTARTED + "; agent 'local'").contains("not re-run")
                    .contains("idempotentHint or readOnlyHint");
            assertThat(writes.get()).as("the unsafe tool never ran twice").isEqualTo(1);
            System.out.printf("restart to both tasks final: %d ms%n", (System.nanoTime() - restart) / 1_000_000);
        } finally {
            stop(second);
        }
    }
}
