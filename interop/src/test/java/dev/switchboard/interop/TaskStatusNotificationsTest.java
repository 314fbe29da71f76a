package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Params;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * 2025-11-25 {@code notifications/tasks/status} over real HTTP: a session's task status changes
 * reach that session's standalone (GET) stream with the full Task and without related-task
 * {@code _meta}, and never another session's.
 */
class TaskStatusNotificationsTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    Fixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new Fixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private McpClient connect(List<JsonNode> statuses) {
        McpClient c = McpClient.builder().protocolVersion("2025-11-25").clientInfo("notified", "1.0")
                .capabilities(ClientCapabilities.none().withElicitation())
                .onElicitation(p -> Elicitation.ElicitResult.accept(F.objectNode().put("confirm", true)))
                .onNotification(n -> {
                    if (n.method().equals("notifications/tasks/status")) statuses.add(JSON.valueToTree(n.params()));
                })
                .http(URI.create(fixture.url()));
        long streams = fixture.http.traffic().openStreams();
        c.initialize();
        // the status notification is optional and dropped while no standalone stream is open (the
        // spec allows it): wait for this client's GET stream, or a fast task's first status races it
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.http.traffic().openStreams() > streams);
        return c;
    }

    private static String create(McpClient c, String tool, ObjectNode arguments) {
        ObjectNode p = F.objectNode().put("name", tool);
        p.set("arguments", arguments);
        p.putObject("task").put("ttl", 60_000);
        return c.request("tools/call", new Params.Raw(p), JsonNode.class).path("task").path("taskId").asString();
    }

    private static List<String> statusesOf(List<JsonNode> notes, String taskId) {
        return notes.stream().filter(n -> n.path("taskId").asString().equals(taskId)).map(n -> n.path("status").asString()).toList();
    }

    @Test
    void taskCompletes_ownerGetsCompletedStatusWithTheTask_otherSessionNothing() {
        List<JsonNode> mine = new CopyOnWriteArrayList<>();
        List<JsonNode> theirs = new CopyOnWriteArrayList<>();
        try (McpClient alice = connect(mine); McpClient bob = connect(theirs)) {
            String taskId = create(alice, "slow_compute", F.objectNode().put("seconds", 1).put("label", "n"));
            await().atMost(Duration.ofSeconds(15)).until(() -> statusesOf(mine, taskId).contains("completed"));
            JsonNode note = mine.stream().filter(n -> n.path("status").asString().equals("completed")).findFirst().orElseThrow();
            assertThat(note.path("createdAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
            assertThat(note.path("lastUpdatedAt").isString()).isTrue();
            assertThat(note.path("ttl").asLong()).isEqualTo(60_000);
            assertThat(note.path("pollInterval").isIntegralNumber()).isTrue();
            // the spec: SHOULD NOT carry related-task _meta, the task id is in the params
            assertThat(note.path("_meta").path("io.modelcontextprotocol/related-task").isMissingNode()).isTrue();
            assertThat(statusesOf(mine, taskId)).containsExactly("completed");
            JsonNode got = alice.request("tasks/get", new Params.Raw(F.objectNode().put("taskId", taskId)), JsonNode.class);
            assertThat(note.path("lastUpdatedAt").asString()).isEqualTo(got.path("lastUpdatedAt").asString());
            assertThat(theirs).isEmpty();
        }
    }

    @Test
    void taskCancelled_ownerGetsCancelled() {
        List<JsonNode> mine = new CopyOnWriteArrayList<>();
        try (McpClient alice = connect(mine)) {
            String taskId = create(alice, "slow_compute", F.objectNode().put("seconds", 60));
            alice.request("tasks/cancel", new Params.Raw(F.objectNode().put("taskId", taskId)), JsonNode.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> statusesOf(mine, taskId).contains("cancelled"));
            assertThat(statusesOf(mine, taskId)).containsExactly("cancelled");
        }
    }

    @Test
    void elicitationInsideATask_ownerSeesInputRequiredThenWorkingThenCompleted() {
        List<JsonNode> mine = new CopyOnWriteArrayList<>();
        try (McpClient alice = connect(mine)) {
            String taskId = create(alice, "confirm_delete", F.objectNode().put("filename", "a.txt"));
            await().atMost(Duration.ofSeconds(10)).until(() -> statusesOf(mine, taskId).contains("input_required"));
            alice.request("tasks/result", new Params.Raw(F.objectNode().put("taskId", taskId)), JsonNode.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> statusesOf(mine, taskId).contains("completed"));
            assertThat(statusesOf(mine, taskId)).containsExactly("input_required", "working", "completed");
        }
    }
}
