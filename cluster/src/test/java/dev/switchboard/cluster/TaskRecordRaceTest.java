package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tasks.TaskIds;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/*
 * Three nodes, each on its own server of a 3-server NATS cluster (R3), change the same task from the
 * same revision at the same moment: the race nats-server 2.9.10 does not settle by itself
 * (nats-server#4320: the expected-revision check runs before Raft, not in it). Exactly one write
 * may win, and the stored record must be the winner's.
 */
class TaskRecordRaceTest {
    private static final int ROUNDS = 150;
    private static LocalNats nats;
    private static final List<NatsCluster> nodes = new ArrayList<>();
    private static final List<TaskStore> stores = new ArrayList<>();

    @BeforeAll
    static void start() {
        nats = LocalNats.start(3);
        for (String url : nats.urls().split(",")) {
            NatsCluster node = NatsCluster.connect(new ClusterSettings(List.of(url), 3, Duration.ofSeconds(5), 5_000));
            nodes.add(node);
            stores.add(node.taskStore());
        }
    }

    @AfterAll
    static void stop() {
        stores.forEach(TaskStore::close);
        nodes.forEach(NatsCluster::close);
        if (nats != null) nats.close();
    }

    @Test
    void bucket_keepsMessageIdsLongEnoughForTheGuard() throws Exception {
        Duration window = nodes.get(0).connection().jetStreamManagement().getStreamInfo("KV_" + TaskStreams.BUCKET)
                .getConfiguration().getDuplicateWindow();
        assertThat(window).as("the duplicate window of the task bucket's stream").isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void compareAndSet_threeNodesFromOneRevisionAtOnce_exactlyOneWinsAndItsRecordIsStored() throws Exception {
        int wins = 0;
        int roundsWithTwoWinners = 0;
        List<String> wrongRecords = new ArrayList<>();
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < ROUNDS; round++) {
                TaskRecord t = TaskRecord.created(TaskIds.next(), "session:race", "work", "{}", System.currentTimeMillis(), 600_000L, 1000, true);
                stores.get(round % 3).create(t);
                TaskRecord base = awaitEverywhere(t.id());
                CyclicBarrier together = new CyclicBarrier(stores.size());
                List<Future<Optional<TaskRecord>>> writes = new ArrayList<>();
                for (int i = 0; i < stores.size(); i++) {
                    TaskStore store = stores.get(i);
                    TaskRecord next = base.completed("{\"by\":" + i + "}", System.currentTimeMillis());
                    writes.add(writers.submit(() -> {
                        together.await();
                        return store.compareAndSet(base.revision(), next);
                    }));
                }
                List<TaskRecord> winners = new ArrayList<>();
                for (Future<Optional<TaskRecord>> w : writes) w.get().ifPresent(winners::add);
                wins += winners.size();
                if (winners.size() > 1) roundsWithTwoWinners++;
                if (winners.size() == 1) {
                    TaskRecord won = winners.get(0);
                    String stored = readAtLeast(t.id(), won.revision()).resultJson();
                    if (!won.resultJson().equals(stored)) wrongRecords.add(t.id() + ": won " + won.resultJson() + ", stored " + stored);
                }
            }
        }
        assertThat(roundsWithTwoWinners).as("rounds in which more than one write from the same revision was accepted").isZero();
        assertThat(wrongRecords).as("rounds whose stored record is not the winner's").isEmpty();
        assertThat(wins).as("every round has a winner").isEqualTo(ROUNDS);
    }

    // A read may reach a replica a moment behind the winner's write: read until it shows that revision or a later one.
    private static TaskRecord readAtLeast(String id, long revision) throws InterruptedException {
        TaskRecord r = stores.get(0).get(id).orElseThrow();
        for (int i = 0; r.revision() < revision && i < 100; i++) {
            Thread.sleep(10);
            r = stores.get(0).get(id).orElseThrow();
        }
        return r;
    }

    // Each node reads the record itself, so the three writes start from a revision every replica has.
    private static TaskRecord awaitEverywhere(String id) throws InterruptedException {
        TaskRecord seen = null;
        for (TaskStore s : stores) {
            Optional<TaskRecord> r = s.get(id);
            for (int i = 0; r.isEmpty() && i < 50; i++) {
                Thread.sleep(10);
                r = s.get(id);
            }
            seen = r.orElseThrow();
        }
        return seen;
    }
}
