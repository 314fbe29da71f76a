package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mcp.Context;
import dev.switchboard.mcp.InputRequest;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ClientTasks} in both eras against a real {@link McpServer} with an embedded task store,
 * behind the real Netty transport on a free port: a task that completes, one whose tool reports an
 * error, one that fails with a JSON-RPC error, and one cancelled while it runs.
 */
class ClientTasksTest {
    private static final String SESSION_ERA = "2025-11-25";
    private static final String STATELESS_ERA = "2026-07-28";

    /** The arguments of the task tools. */
    record Work(long millis, String label) {}

    @TempDir
    Path dir;
    private McpServer server;
    private StreamableHttpServer http;
    private McpClient client;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = McpServer.builder("task-server", "1.0").tasks(dir)
                .taskTool("slow", "Waits, then answers with its label", Work.class, "optional", false, (w, c) -> {
                    pause(w.millis(), c);
                    return "done " + w.label();
                })
                .taskTool("tool_error", "Reports a tool error", Work.class, "optional", false,
                        (w, c) -> Tools.CallToolResult.error("no luck for " + w.label()))
                .taskTool("confirm", "Asks whether to go on, then answers with the reply", Work.class, "optional", false, (w, c) -> {
                    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
                    schema.putObject("properties").putObject("go").put("type", "boolean");
                    Elicitation.ElicitResult r = c.ask(Map.of("go", InputRequest.elicit("Go on with " + w.label() + "?", schema))).elicitation("go");
                    return "go=" + r.content().path("go").asBoolean(false);
                })
                .taskTool("protocol_error", "Fails with a JSON-RPC error", Work.class, "optional", false, (w, c) -> {
                    throw new McpException(-32603, "broken on purpose");
                })
                .build();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) client.close();
        http.close();
        server.close();
    }

    private ClientTasks tasks(String era) {
        client = McpClient.builder().protocolVersion(era).requestTimeout(Duration.ofSeconds(15))
                .onElicitation(p -> {
                    asked.add(p.message());
                    return Elicitation.ElicitResult.accept(JsonNodeFactory.instance.objectNode().put("go", true));
                })
                .http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"));
        client.initialize();
        return client.tasks();
    }

    // Sleeps in slices so a cancelled task stops soon after cancellation.
    private static void pause(long millis, Context c) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (c.cancelled()) throw new InterruptedException("cancelled");
            Thread.sleep(Math.min(20, Math.max(1, end - System.currentTimeMillis())));
        }
    }

    private static String text(Tools.CallToolResult result) {
        return ((Content.Text) result.content().getFirst()).text();
    }

    @ParameterizedTest
    @ValueSource(strings = {SESSION_ERA, STATELESS_ERA})
    void callToolAsTask_completes_awaitTaskResultReturnsTheToolResult(String era) {
        ClientTasks tasks = tasks(era);

        TaskHandle created = tasks.callToolAsTask("slow", Map.of("millis", 300, "label", "a"));
        assertThat(created.taskId()).isNotBlank();
        assertThat(created.status()).isEqualTo("working");
        assertThat(created.isFinal()).isFalse();
        assertThat(created.pollIntervalMs()).isPositive();
        assertThat(created.createdAt()).isNotBlank();

        Tools.CallToolResult result = tasks.awaitTaskResult(created.taskId());
        assertThat(text(result)).isEqualTo("done a");
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        TaskHandle after = tasks.getTask(created.taskId());
        assertThat(after.status()).isEqualTo("completed");
        assertThat(after.isFinal()).isTrue();
        if (era.equals(STATELESS_ERA)) assertThat(text(after.result())).isEqualTo("done a");
    }

    @Test
    void callToolAsTask_sessionEraWithTtl_serverKeepsTheRequestedTtl() {
        ClientTasks tasks = tasks(SESSION_ERA);

        TaskHandle created = tasks.callToolAsTask("slow", Map.of("millis", 0, "label", "t"), Duration.ofMinutes(2));

        assertThat(created.ttlMs()).isEqualTo(120_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {SESSION_ERA, STATELESS_ERA})
    void awaitTaskResult_toolReportsError_returnsTheErrorResult(String era) {
        ClientTasks tasks = tasks(era);

        TaskHandle created = tasks.callToolAsTask("tool_error", Map.of("millis", 0, "label", "b"));
        Tools.CallToolResult result = tasks.awaitTaskResult(created.taskId());

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("no luck for b");
        // the eras differ on purpose: 2025-11-25 calls such a task failed, 2026-07-28 completed
        assertThat(tasks.getTask(created.taskId()).status()).isEqualTo(era.equals(SESSION_ERA) ? "failed" : "completed");
    }

    @ParameterizedTest
    @ValueSource(strings = {SESSION_ERA, STATELESS_ERA})
    void awaitTaskResult_toolThrowsProtocolError_throwsThatError(String era) {
        ClientTasks tasks = tasks(era);

        TaskHandle created = tasks.callToolAsTask("protocol_error", Map.of("millis", 0, "label", "c"));

        assertThatThrownBy(() -> tasks.awaitTaskResult(created.taskId()))
                .isInstanceOfSatisfying(McpException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(-32603);
                    assertThat(e.error().message()).contains("broken on purpose");
                });
        TaskHandle failed = tasks.getTask(created.taskId());
        assertThat(failed.status()).isEqualTo("failed");
        if (era.equals(STATELESS_ERA)) assertThat(failed.error().message()).contains("broken on purpose");
    }

    @ParameterizedTest
    @ValueSource(strings = {SESSION_ERA, STATELESS_ERA})
    void cancelTask_running_taskEndsCancelledAndHasNoResult(String era) {
        ClientTasks tasks = tasks(era);
        TaskHandle created = tasks.callToolAsTask("slow", Map.of("millis", 10_000, "label", "d"));

        tasks.cancelTask(created.taskId());

        assertThat(tasks.getTask(created.taskId()).status()).isEqualTo("cancelled");
        assertThatThrownBy(() -> tasks.awaitTaskResult(created.taskId()))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.error().code()).isEqualTo(-32602));
    }

    @ParameterizedTest
    @ValueSource(strings = {SESSION_ERA, STATELESS_ERA})
    void getTask_unknownId_throwsInvalidParams(String era) {
        ClientTasks tasks = tasks(era);

        assertThatThrownBy(() -> tasks.getTask("no-such-task"))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.error().code()).isEqualTo(-32602));
    }

    @ParameterizedTest
    @ValueSource(strings = {SESSION_ERA, STATELESS_ERA})
    void awaitTaskResult_taskAsksForInput_elicitationHandlerAnswersAndTaskCompletes(String era) {
        ClientTasks tasks = tasks(era);

        TaskHandle created = tasks.callToolAsTask("confirm", Map.of("millis", 0, "label", "h"));
        Tools.CallToolResult result = tasks.awaitTaskResult(created.taskId());

        assertThat(text(result)).isEqualTo("go=true");
        assertThat(asked).containsExactly("Go on with h?");
    }

    @Test
    void listTasks_sessionEra_listsTheSessionsTasks() {
        ClientTasks tasks = tasks(SESSION_ERA);
        String first = tasks.callToolAsTask("slow", Map.of("millis", 0, "label", "e")).taskId();
        String second = tasks.callToolAsTask("slow", Map.of("millis", 0, "label", "f")).taskId();

        List<TaskHandle> listed = tasks.listTasks();

        assertThat(listed).extracting(TaskHandle::taskId).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void listTasks_statelessEra_refusedBeforeSending() {
        ClientTasks tasks = tasks(STATELESS_ERA);

        assertThatThrownBy(tasks::listTasks).isInstanceOf(IllegalStateException.class).hasMessageContaining("tasks/list");
    }

    @Test
    void callTool_statelessEraWithoutTasks_optionalTaskToolRunsSynchronously() {
        tasks(STATELESS_ERA);

        Tools.CallToolResult result = client.callTool("slow", Map.of("millis", 0, "label", "g"));

        assertThat(text(result)).isEqualTo("done g");
    }
}
