package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TaskNotifierTest {
    private final JsonRpcCodec codec = JsonRpcCodec.create();
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final Session alice = new Session("alice", "test", null);
    private final List<String> otherNodes = new CopyOnWriteArrayList<>();
    private final List<String> elsewhere = new CopyOnWriteArrayList<>();
    private final TaskNotifier notifier = new TaskNotifier(Map.of("alice", alice)::get, new ListenStreams(codec),
            new TaskWire(codec.mapper()), codec, null, null);
    private final TaskNotifier clustered = new TaskNotifier(Map.of("alice", alice)::get, new ListenStreams(codec),
            new TaskWire(codec.mapper()), codec, otherNodes::add, (id, message) -> elsewhere.add(id + " " + new String(message, java.nio.charset.StandardCharsets.UTF_8)));

    private static TaskRecord task(String owner, String resultJson) {
        TaskRecord working = TaskRecord.created("t1", owner, "tool", "{}", 1_000, 60_000L, 500, false);
        return resultJson == null ? working.withStatus(TaskStatus.CANCELLED, "stopped", 2_000) : working.completed(resultJson, 2_000);
    }

    @Test
    void statusChanged_sessionTask_sendsTheTaskOnThatSessionsChannel() {
        alice.attach(bytes -> sent.add(RecordingExchange.MAPPER.readTree(bytes)));
        notifier.statusChanged(task("session:alice", null), TaskStatus.WORKING);
        assertThat(sent).hasSize(1);
        JsonNode note = sent.get(0);
        assertThat(note.path("method").asString()).isEqualTo("notifications/tasks/status");
        assertThat(note.has("id")).isFalse();
        assertThat(note.path("params").path("taskId").asString()).isEqualTo("t1");
        assertThat(note.path("params").path("status").asString()).isEqualTo("cancelled");
        assertThat(note.path("params").path("statusMessage").asString()).isEqualTo("stopped");
        assertThat(note.path("params").path("ttl").asLong()).isEqualTo(60_000);
        assertThat(note.path("params").has("_meta")).isFalse();
    }

    @Test
    void statusChanged_toolErrorResult_isFailedInThe2025Notification() {
        alice.attach(bytes -> sent.add(RecordingExchange.MAPPER.readTree(bytes)));
        notifier.statusChanged(task("session:alice", "{\"content\":[],\"isError\":true}"), TaskStatus.WORKING);
        assertThat(sent.get(0).path("params").path("status").asString()).isEqualTo("failed");
    }

    @Test
    void statusChanged_goneSessionOrNoChannel_sendsNothingAndDoesNotThrow() {
        notifier.statusChanged(task("session:alice", null), TaskStatus.WORKING); // no channel attached
        notifier.statusChanged(task("session:bob", null), TaskStatus.WORKING);   // no such session
        assertThat(sent).isEmpty();
    }

    @Test
    void statusChanged_statelessTaskInACluster_goesToTheOtherNodesOnceWithItsOwner_andSessionTasksDoNot() {
        clustered.statusChanged(task("principal:carol", null), TaskStatus.WORKING);
        clustered.statusChanged(task("session:alice", null), TaskStatus.WORKING);
        assertThat(otherNodes).singleElement().satisfies(body -> {
            JsonNode n = RecordingExchange.MAPPER.readTree(body);
            assertThat(n.path("taskId").asString()).isEqualTo("t1");
            assertThat(n.path("owner").asString()).isEqualTo("principal:carol");
            assertThat(n.path("task").path("status").asString()).isEqualTo("cancelled");
        });
    }

    @Test
    void statusChanged_sessionTaskInACluster_goesToTheSessionsJournalNotTheChannel() {
        List<String> journaled = new CopyOnWriteArrayList<>();
        Session linked = new Session("dana", "test", null);
        linked.link(new SessionLink("dana", new JournalOnly(journaled), true));
        linked.attach(bytes -> sent.add(RecordingExchange.MAPPER.readTree(bytes)));
        new TaskNotifier(Map.of("dana", linked)::get, new ListenStreams(codec), new TaskWire(codec.mapper()), codec, otherNodes::add, null)
                .statusChanged(task("session:dana", null), TaskStatus.WORKING);
        assertThat(sent).isEmpty();
        assertThat(otherNodes).isEmpty();
        assertThat(journaled).singleElement().asString().contains("notifications/tasks/status");
    }

    @Test
    void statusChanged_inAClusterForAConnectionSessionWithNoChannelHere_goesElsewhereOnce_andNotWhenTheChannelIsHere() {
        clustered.statusChanged(task("session:alice", null), TaskStatus.WORKING);
        assertThat(elsewhere).singleElement().asString().startsWith("alice ").contains("notifications/tasks/status");
        alice.attach(bytes -> sent.add(RecordingExchange.MAPPER.readTree(bytes)));
        clustered.statusChanged(task("session:alice", null), TaskStatus.WORKING);
        assertThat(sent).hasSize(1);
        assertThat(elsewhere).hasSize(1);
    }

    /** A directory that only keeps a journal of what is appended. */
    private record JournalOnly(List<String> journaled) implements SessionDirectory {
        @Override public void save(SessionRecord session) {}
        @Override public java.util.Optional<SessionRecord> load(String sessionId) { return java.util.Optional.empty(); }
        @Override public void remove(String sessionId) {}
        @Override public int evictIdle(long beforeMs) { return 0; }
        @Override public void listen(Listener listener) {}

        @Override
        public dev.switchboard.mcp.spi.StreamJournal streamJournal(String sessionId) {
            return new dev.switchboard.mcp.spi.StreamJournal() {
                @Override public void append(String eventKey, byte[] message) { journaled.add(new String(message, java.nio.charset.StandardCharsets.UTF_8)); }
                @Override public long open() { return 0; }
                @Override public boolean holds(long position) { return false; }
                @Override public AutoCloseable follow(long position, Sink sink) { return () -> {}; }
            };
        }
    }
}
