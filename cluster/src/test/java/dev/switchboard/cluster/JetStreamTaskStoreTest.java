package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.tasks.TaskIds;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JetStreamTaskStoreTest {
    private static LocalNats nats;
    private static NatsCluster nodeA;
    private static NatsCluster nodeB;
    private static TaskStore a;
    private static TaskStore b;

    @BeforeAll
    static void start() {
        nats = LocalNats.start(1);
        nodeA = NatsCluster.connect(ClusterSettings.of(nats.urls()));
        nodeB = NatsCluster.connect(ClusterSettings.of(nats.urls()));
        a = nodeA.taskStore();
        b = nodeB.taskStore();
    }

    // Closes what start() made: a failed start shows its own error, not a NullPointerException here.
    @AfterAll
    static void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
        if (nodeA != null) nodeA.close();
        if (nodeB != null) nodeB.close();
        if (nats != null) nats.close();
    }

    private static TaskRecord fresh(String owner) {
        return TaskRecord.created(TaskIds.next(), owner, "work", "{}", System.currentTimeMillis(), 60_000L, 1000, true);
    }

    @Test
    void create_sameIdTwice_secondRefused() {
        TaskRecord t = fresh("session:x");
        a.create(t);
        assertThatThrownBy(() -> b.create(t)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(t.id());
    }

    @Test
    void compareAndSet_staleRevision_refusedAndFinalNeverChangesAgain() {
        TaskRecord t = fresh("session:x");
        a.create(t);
        TaskRecord stored = a.get(t.id()).orElseThrow();
        long now = System.currentTimeMillis();
        TaskRecord done = a.compareAndSet(stored.revision(), stored.completed("{\"n\":1}", now)).orElseThrow();
        assertThat(b.compareAndSet(stored.revision(), stored.completed("{\"n\":2}", now))).isEmpty();
        assertThat(b.compareAndSet(done.revision(), done.failed("{}", "late", now))).isEmpty();
        assertThat(b.get(t.id()).orElseThrow().resultJson()).isEqualTo("{\"n\":1}");
    }

    @Test
    void ownedBy_tasksOfTwoOwners_onlyTheOwnersInIdOrder() {
        TaskRecord mine1 = fresh("session:owner-1");
        TaskRecord mine2 = fresh("session:owner-1");
        TaskRecord theirs = fresh("session:owner-2");
        a.create(mine1);
        b.create(mine2);
        a.create(theirs);
        List<String> ids = b.ownedBy("session:owner-1", null, 10).stream().map(TaskRecord::id).toList();
        assertThat(ids).containsExactlyElementsOf(List.of(mine1.id(), mine2.id()).stream().sorted().toList());
    }

    @Test
    void claimable_forgedTicketWithoutRecord_neverHandedOut() throws Exception {
        nodeA.connection().jetStream().publish(TaskStreams.SUBJECT_PREFIX + "forged", "junk".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> handed = b.claimable(System.currentTimeMillis(), 50).stream().map(TaskRecord::id).toList();
        assertThat(handed).doesNotContain("forged");
    }

    @Test
    void compareAndSet_handedOutTaskCompletedOnAnotherNode_claimRefusedAndResultKept() {
        TaskRecord t = fresh("session:x");
        a.create(t);
        TaskRecord handed = null;
        long until = System.currentTimeMillis() + 10_000;
        while (handed == null && System.currentTimeMillis() < until) {
            handed = b.claimable(System.currentTimeMillis(), 100).stream().filter(r -> r.id().equals(t.id())).findFirst().orElse(null);
        }
        assertThat(handed).as("b was handed the task").isNotNull();
        long now = System.currentTimeMillis();
        TaskRecord current = a.get(t.id()).orElseThrow();
        assertThat(a.compareAndSet(current.revision(), current.completed("{\"by\":\"a\"}", now))).isPresent();
        assertThat(b.compareAndSet(handed.revision(), handed.claimed("node-b", now + 5000, now))).isEmpty();
        assertThat(b.get(t.id()).orElseThrow().resultJson()).isEqualTo("{\"by\":\"a\"}");
    }

    @Test
    void claimable_claimLapsesWhileTheFetchWaits_handedOutOnItsFirstDelivery() throws Exception {
        boolean handedOut = false;
        for (int attempt = 0; attempt < 3 && !handedOut; attempt++) {
            while (!b.claimable(System.currentTimeMillis(), 100).isEmpty()) {
                // tickets other tests left: b holds them now, out of the way
            }
            long called = System.currentTimeMillis();
            // a dead node's claim that lapses 10 ms into the fetch; its ticket arrives 60 ms into it
            TaskRecord lapsed = fresh("session:x").claimed("dead-node", called + 10, called);
            Thread.ofVirtual().start(() -> queueWithRecordFirst(lapsed, 60));
            handedOut = b.claimable(called, 1).stream().anyMatch(r -> r.id().equals(lapsed.id()));
        }
        assertThat(handedOut).as("a ticket whose claim lapsed during the fetch is handed out, not put back").isTrue();
    }

    // The record before the ticket (create() does the opposite), so the reader never meets a ticket without its record.
    private static void queueWithRecordFirst(TaskRecord task, long afterMs) {
        try {
            Thread.sleep(afterMs);
            nodeA.connection().keyValue(TaskStreams.BUCKET).create(task.id(), ClusterCodec.standard().encode(task.atRevision(0)));
            nodeA.connection().jetStream().publish(TaskStreams.SUBJECT_PREFIX + task.id(), task.id().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void connect_noServerListening_failsFastNamingTheServer() throws Exception {
        String url = "nats://127.0.0.1:" + LocalNats.freePort();
        var settings = new ClusterSettings(List.of(url), 1, Duration.ofSeconds(1), 5000);
        long started = System.nanoTime();
        assertThatThrownBy(() -> NatsCluster.connect(settings)).isInstanceOf(ClusterUnavailable.class)
                .hasMessageContaining(url);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}
