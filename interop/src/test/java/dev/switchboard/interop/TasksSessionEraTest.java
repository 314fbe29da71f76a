package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.tasks.TaskIds;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP Tasks in the 2025-11-25 session era against the everything fixture over real HTTP: the
 * capability, per-tool taskSupport, task-augmented tools/call, tasks/get|result|list|cancel, the
 * related-task _meta, elicitation inside a task through tasks/result, and the precise errors for
 * bad task ids, foreign tasks and task/no-task mismatches.
 */
class TasksSessionEraTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    Fixture fixture;
    McpClient client;
    final AtomicReference<ObjectNode> elicitMeta = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new Fixture();
        client = connect("alice");
    }

    private McpClient connect(String name) {
        McpClient c = McpClient.builder().protocolVersion("2025-11-25").clientInfo(name, "1.0")
                .capabilities(ClientCapabilities.none().withElicitation())
                .onElicitation(p -> {
                    elicitMeta.set(p.meta());
                    return Elicitation.ElicitResult.accept(F.objectNode().put("confirm", true));
                })
                .http(URI.create(fixture.url()));
        c.initialize();
        return c;
    }

    @AfterEach
    void stop() {
        client.close();
        fixture.close();
    }

    private JsonNode call(McpClient c, String method, ObjectNode params) {
        return c.request(method, new Params.Raw(params), JsonNode.class);
    }

    private ObjectNode taskCall(String tool, ObjectNode arguments) {
        ObjectNode p = F.objectNode().put("name", tool);
        p.set("arguments", arguments);
        p.putObject("task").put("ttl", 60_000);
        return p;
    }

    private String create(String tool, ObjectNode arguments) {
        JsonNode created = call(client, "tools/call", taskCall(tool, arguments));
        return created.path("task").path("taskId").asString();
    }

    private static ObjectNode id(String taskId) {
        return F.objectNode().put("taskId", taskId);
    }

    @Test
    void initializeAndToolsList_declareTasks() {
        assertThat(client.initialize().capabilities().tasks()).isNotNull();
        Map<String, Tools.Tool> tools = client.listTools().stream().collect(Collectors.toMap(Tools.Tool::name, t -> t));
        assertThat(tools.get("slow_compute").execution().taskSupport()).isEqualTo("optional");
        assertThat(tools.get("failing_job").execution().taskSupport()).isEqualTo("required");
        assertThat(tools.get("greet").execution()).isNull();
    }

    @Test
    void toolsCall_withTask_answersCreateTaskResult_thenResultCarriesRelatedTask() {
        JsonNode created = call(client, "tools/call", taskCall("slow_compute", F.objectNode().put("seconds", 0.2).put("label", "x")));
        JsonNode task = created.path("task");
        assertThat(task.path("status").asString()).isEqualTo("working");
        assertThat(task.path("ttl").asLong()).isEqualTo(60_000);
        assertThat(task.path("pollInterval").isIntegralNumber()).isTrue();
        assertThat(task.path("createdAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
        String taskId = task.path("taskId").asString();
        assertThat(TaskIds.isWellFormed(taskId)).isTrue();
        assertThat(call(client, "tasks/get", id(taskId)).path("taskId").asString()).isEqualTo(taskId);
        JsonNode result = call(client, "tasks/result", id(taskId));
        assertThat(result.path("content").get(0).path("text").asString()).contains("Computed x");
        assertThat(result.path("_meta").path("io.modelcontextprotocol/related-task").path("taskId").asString()).isEqualTo(taskId);
        assertThat(call(client, "tasks/get", id(taskId)).path("status").asString()).isEqualTo("completed");
        JsonNode listed = call(client, "tasks/list", F.objectNode());
        assertThat(listed.path("tasks").valueStream().map(t -> t.path("taskId").asString())).contains(taskId);
    }

    @Test
    void toolErrorInATask_isFailedInThisEra_andTasksResultReturnsTheErrorResult() {
        String taskId = create("failing_job", F.objectNode());
        JsonNode result = call(client, "tasks/result", id(taskId));
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(call(client, "tasks/get", id(taskId)).path("status").asString()).isEqualTo("failed");
    }

    @Test
    void protocolErrorInATask_tasksResultAnswersThatJsonRpcError() {
        String taskId = create("protocol_error_job", F.objectNode());
        assertThatThrownBy(() -> call(client, "tasks/result", id(taskId))).isInstanceOfSatisfying(McpException.class,
                e -> assertThat(e.code()).isEqualTo(-32603));
    }

    @Test
    void cancel_runningTask_answersCancelled_andATerminalOneIsRefused() {
        String taskId = create("slow_compute", F.objectNode().put("seconds", 60));
        JsonNode cancelled = call(client, "tasks/cancel", id(taskId));
        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThatThrownBy(() -> call(client, "tasks/cancel", id(taskId))).isInstanceOfSatisfying(McpException.class, e -> {
            assertThat(e.code()).isEqualTo(-32602);
            assertThat(e.getMessage()).contains("terminal status 'cancelled'");
        });
    }

    @Test
    void elicitationInsideATask_goesOutOnTasksResult_withRelatedTask() {
        String taskId = create("confirm_delete", F.objectNode().put("filename", "a.txt"));
        JsonNode result = call(client, "tasks/result", id(taskId));
        assertThat(result.path("content").get(0).path("text").asString()).isEqualTo("Deleted a.txt");
        assertThat(elicitMeta.get().path("io.modelcontextprotocol/related-task").path("taskId").asString()).isEqualTo(taskId);
    }

    @Test
    void badTaskIds_areInvalidParams_andAnotherSessionsTaskIsNotFound() {
        String taskId = create("slow_compute", F.objectNode().put("seconds", 5));
        for (String bad : new String[] {TaskIds.next(), "../etc/passwd", ""}) {
            assertThatThrownBy(() -> call(client, "tasks/get", id(bad))).isInstanceOfSatisfying(McpException.class,
                    e -> assertThat(e.code()).isEqualTo(-32602));
        }
        assertThatThrownBy(() -> call(client, "tasks/get", F.objectNode().put("taskId", 42))).isInstanceOfSatisfying(McpException.class,
                e -> assertThat(e.getMessage()).contains("taskId must be a string"));
        try (McpClient bob = connect("bob")) {
            assertThatThrownBy(() -> call(bob, "tasks/get", id(taskId))).isInstanceOfSatisfying(McpException.class, e -> {
                assertThat(e.code()).isEqualTo(-32602);
                assertThat(e.getMessage()).contains("Task not found");
            });
            assertThatThrownBy(() -> call(bob, "tasks/cancel", id(taskId))).isInstanceOf(McpException.class);
            assertThat(call(bob, "tasks/list", F.objectNode()).path("tasks")).isEmpty();
        }
        assertThat(call(client, "tasks/get", id(taskId)).path("status").asString()).isEqualTo("working");
        assertThatThrownBy(() -> call(client, "tasks/list", F.objectNode().put("cursor", "not a cursor")))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(-32602));
    }

    @Test
    void taskSupportMismatch_isMethodNotFound() {
        assertThatThrownBy(() -> call(client, "tools/call", taskCall("greet", F.objectNode().put("name", "x"))))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(-32601));
        ObjectNode plain = F.objectNode().put("name", "failing_job");
        plain.putObject("arguments");
        assertThatThrownBy(() -> call(client, "tools/call", plain))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(-32601));
    }
}
