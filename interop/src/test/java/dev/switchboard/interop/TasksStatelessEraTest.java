package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.Examples;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.tasks.TaskIds;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.tasks.TaskStore;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input on the 2026-07-28 task surface, over real HTTP: every refusal is a precise JSON-RPC
 * error and the server carries on. The fixture runs with small caps (2 live tasks) so the
 * at-capacity refusal can be seen.
 */
class TasksStatelessEraTest {
    McpServer server;
    StreamableHttpServer http;
    StatelessTaskClient tasks;
    StatelessTaskClient plain;

    @BeforeEach
    void start() throws Exception {
        Path store = Files.createTempDirectory("stateless-era-tasks");
        server = Examples.create("everything", McpServer.builder("switchboard-everything", "0.1.0")
                .tasks(() -> TaskStore.embedded(store), new TaskLimits(2, 2, 60_000, 120_000, 500, 250, 60_000)));
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        String url = "http://localhost:" + http.port() + "/mcp";
        tasks = new StatelessTaskClient(url, true);
        plain = new StatelessTaskClient(url, false);
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private String create(String tool, JsonNode... ignored) throws Exception {
        var args = StatelessTaskClient.object();
        if (tool.equals("slow_compute")) args.put("seconds", 30);
        if (tool.equals("confirm_delete")) args.put("filename", "x");
        JsonNode r = tasks.call(tool, args);
        assertThat(r.path("result").path("resultType").asString()).as(r.toString()).isEqualTo("task");
        return r.path("result").path("taskId").asString();
    }

    private static int code(JsonNode response) {
        return response.path("error").path("code").asInt();
    }

    @Test
    void taskMethods_withoutTheExtension_areMissingCapability() throws Exception {
        String id = create("slow_compute");
        JsonNode r = plain.get(id);
        assertThat(code(r)).isEqualTo(-32021);
        assertThat(r.path("error").path("data").path("requiredCapabilities").path("extensions").has("io.modelcontextprotocol/tasks")).isTrue();
    }

    @Test
    void unknownAndMalformedIds_areInvalidParams() throws Exception {
        assertThat(code(tasks.get(TaskIds.next()))).isEqualTo(-32602);
        assertThat(code(tasks.get("not-an-id"))).isEqualTo(-32602);
        assertThat(code(tasks.send("tasks/cancel", StatelessTaskClient.object().put("taskId", TaskIds.next())))).isEqualTo(-32602);
        assertThat(code(tasks.send("tasks/get", StatelessTaskClient.object()))).isEqualTo(-32602);
    }

    @Test
    void update_withWrongKeysIsIgnored_andWithoutAnObjectIsInvalidParams() throws Exception {
        String id = create("confirm_delete");
        JsonNode pending;
        do {
            pending = tasks.get(id).path("result");
        } while (!pending.path("status").asString().equals("input_required"));
        var wrong = StatelessTaskClient.object().put("taskId", id);
        wrong.putObject("inputResponses").putObject("no-such-key").put("action", "accept");
        assertThat(tasks.send("tasks/update", wrong).path("result").path("resultType").asString()).isEqualTo("complete");
        assertThat(tasks.get(id).path("result").path("status").asString()).isEqualTo("input_required");
        var notObject = StatelessTaskClient.object().put("taskId", id).put("inputResponses", "yes");
        JsonNode refused = tasks.send("tasks/update", notObject);
        assertThat(code(refused)).isEqualTo(-32602);
        assertThat(refused.path("error").path("message").asString()).contains("inputResponses");
        assertThat(code(tasks.send("tasks/update", StatelessTaskClient.object().put("taskId", id)))).isEqualTo(-32602);
    }

    @Test
    void atCapacity_refusesBeforeCreating_withRetryAfter_thenAcceptsAgain() throws Exception {
        String first = create("slow_compute");
        create("slow_compute");
        var args = StatelessTaskClient.object().put("seconds", 30);
        JsonNode refused = tasks.call("slow_compute", args);
        assertThat(code(refused)).isEqualTo(-32000);
        assertThat(refused.path("error").path("data").path("retryAfterMs").asLong()).isEqualTo(250);
        assertThat(server.taskEngine().orElseThrow().ledger().created()).isEqualTo(2);
        tasks.send("tasks/cancel", StatelessTaskClient.object().put("taskId", first));
        create("slow_compute");
        assertThat(server.taskEngine().orElseThrow().ledger().balanced()).isTrue();
    }

    @Test
    void cancel_ofAFinishedTask_isAnEmptyAck() throws Exception {
        JsonNode r = tasks.call("protocol_error_job", StatelessTaskClient.object());
        String id = r.path("result").path("taskId").asString();
        JsonNode done;
        do {
            done = tasks.get(id).path("result");
        } while (done.path("status").asString().equals("working"));
        assertThat(done.path("status").asString()).isEqualTo("failed");
        assertThat(done.has("result")).isFalse();
        JsonNode ack = tasks.send("tasks/cancel", StatelessTaskClient.object().put("taskId", id)).path("result");
        assertThat(ack.path("resultType").asString()).isEqualTo("complete");
        assertThat(ack.has("taskId")).isFalse();
        assertThat(tasks.get(id).path("result").path("status").asString()).isEqualTo("failed");
    }
}
