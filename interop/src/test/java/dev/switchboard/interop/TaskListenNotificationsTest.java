package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * 2026-07-28 {@code notifications/tasks} over real HTTP: a {@code subscriptions/listen} stream
 * that names task ids (and declares the tasks extension) is acknowledged with those ids and gets
 * each status change of those tasks, and only those, as the DetailedTask with its subscription id.
 */
class TaskListenNotificationsTest {
    Fixture fixture;
    StatelessTaskClient tasks;
    StatelessTaskClient plain;

    @BeforeEach
    void start() throws Exception {
        fixture = new Fixture();
        tasks = new StatelessTaskClient(fixture.url(), true);
        plain = new StatelessTaskClient(fixture.url(), false);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private String create(String tool, ObjectNode arguments) throws Exception {
        JsonNode r = tasks.call(tool, arguments);
        assertThat(r.path("result").path("resultType").asString()).as(r.toString()).isEqualTo("task");
        return r.path("result").path("taskId").asString();
    }

    private static ObjectNode following(String... taskIds) {
        ObjectNode n = StatelessTaskClient.object();
        var ids = n.putArray("taskIds");
        for (String id : taskIds) ids.add(id);
        return n;
    }

    private static Stream<JsonNode> taskNotes(Queue<JsonNode> messages, String taskId) {
        return messages.stream().filter(m -> m.path("method").asString("").equals("notifications/tasks"))
                .filter(m -> m.path("params").path("taskId").asString().equals(taskId));
    }

    @Test
    void listen_withTaskIds_acknowledgesThem_andSendsTheCompletedDetailedTask() throws Exception {
        String followed = create("slow_compute", StatelessTaskClient.object().put("seconds", 1).put("label", "L"));
        String other = create("slow_compute", StatelessTaskClient.object().put("seconds", 1));
        Queue<JsonNode> messages = new ConcurrentLinkedQueue<>();
        try (Stream<String> stream = tasks.listen(following(followed), messages)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !messages.isEmpty());
            JsonNode ack = messages.peek();
            assertThat(ack.path("method").asString()).isEqualTo("notifications/subscriptions/acknowledged");
            assertThat(ack.path("params").path("notifications").path("taskIds").get(0).asString()).isEqualTo(followed);
            String subscription = ack.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId").asString();
            await().atMost(Duration.ofSeconds(15)).until(() -> taskNotes(messages, followed)
                    .anyMatch(m -> m.path("params").path("status").asString().equals("completed")));
            JsonNode done = taskNotes(messages, followed).filter(m -> m.path("params").path("status").asString().equals("completed"))
                    .findFirst().orElseThrow().path("params");
            assertThat(done.path("result").path("content").get(0).path("text").asString()).contains("Computed L");
            assertThat(done.path("ttlMs").isIntegralNumber()).isTrue();
            assertThat(done.has("resultType")).isFalse();
            assertThat(done.path("_meta").path("io.modelcontextprotocol/subscriptionId").asString()).isEqualTo(subscription);
            // the other task ended too (same length), but this stream did not ask for it
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    tasks.get(other).path("result").path("status").asString().equals("completed"));
            assertThat(taskNotes(messages, other)).isEmpty();
        }
    }

    @Test
    void listen_withTaskIds_seesCancelled() throws Exception {
        String taskId = create("slow_compute", StatelessTaskClient.object().put("seconds", 60));
        Queue<JsonNode> messages = new ConcurrentLinkedQueue<>();
        try (Stream<String> stream = tasks.listen(following(taskId), messages)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !messages.isEmpty());
            tasks.send("tasks/cancel", StatelessTaskClient.object().put("taskId", taskId));
            await().atMost(Duration.ofSeconds(10)).until(() -> taskNotes(messages, taskId)
                    .anyMatch(m -> m.path("params").path("status").asString().equals("cancelled")));
        }
    }

    @Test
    void listen_withTaskIds_withoutTheExtension_isMissingCapability() throws Exception {
        Queue<JsonNode> messages = new ConcurrentLinkedQueue<>();
        try (Stream<String> stream = plain.listen(following("abc"), messages)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !messages.isEmpty());
            JsonNode error = messages.peek().path("error");
            assertThat(error.path("code").asInt()).isEqualTo(-32021);
            assertThat(error.path("message").asString()).contains("notifications.taskIds");
            assertThat(error.path("data").path("requiredCapabilities").path("extensions").has("io.modelcontextprotocol/tasks")).isTrue();
        }
    }
}
