package dev.switchboard.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine on a shared store (a claim lease, as in a cluster) whose writes fail for a moment as
 * JetStream's do while a NATS server is lost: what the cluster fault test found, without NATS.
 */
class SharedStoreFaultsTest {
    @TempDir
    Path dir;

    @Test
    void outcomeWrite_storeBrieflyUnavailable_taskCompletesNotFails() {
        try (FlakyStore store = new FlakyStore(TaskStore.embedded(dir));
             TaskEngine engine = engine(store)) {
            store.finalWritesToFail.set(2);
            TaskRecord t = engine.submit("s", "echo", "{}", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.get(t.id()).orElseThrow().status().isFinal());
            assertThat(store.get(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(store.finalWritesToFail).hasValue(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.ledger().running() == 0);
            assertThat(engine.ledger()).isEqualTo(new TaskLedger(1, 1, 0, 0, 0, 0));
        }
    }

    @Test
    void claimWrite_storeBrieflyUnavailable_runningCountReleasedAndTaskRunsLater() {
        try (FlakyStore store = new FlakyStore(TaskStore.embedded(dir));
             TaskEngine engine = engine(store)) {
            store.claimWritesToFail.set(1);
            TaskRecord t = engine.submit("s", "echo", "{}", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.get(t.id()).orElseThrow().status().isFinal());
            assertThat(store.claimWritesToFail).hasValue(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.ledger().running() == 0);
            assertThat(engine.ledger()).isEqualTo(new TaskLedger(1, 1, 0, 0, 0, 0));
        }
    }

    private static TaskEngine engine(TaskStore store) {
        return new TaskEngine(store, TaskLimits.defaults(),
                name -> Optional.of(new TaskTool(run -> "{\"ok\":true}", true)).filter(x -> name.equals("echo")), System::currentTimeMillis);
    }

    /* The embedded store shared by lease, failing the next final or claim writes with UNAVAILABLE. */
    private static final class FlakyStore extends ForwardingTaskStore {
        final AtomicInteger finalWritesToFail = new AtomicInteger();
        final AtomicInteger claimWritesToFail = new AtomicInteger();

        FlakyStore(TaskStore store) {
            super(store);
        }

        @Override
        public long claimLeaseMs() {
            return 1000;
        }

        @Override
        public Optional<TaskRecord> compareAndSet(long expectedRevision, TaskRecord next) {
            AtomicInteger failing = next.status().isFinal() ? finalWritesToFail : next.claimedBy() != null ? claimWritesToFail : null;
            if (failing != null && failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new TaskRejected(TaskRejected.Reason.UNAVAILABLE, "the store is away; try again later", 20);
            }
            return super.compareAndSet(expectedRevision, next);
        }

        @Override
        public List<TaskRecord> claimable(long nowMs, int limit) {
            List<TaskRecord> out = super.claimable(nowMs, limit);
            if (out.isEmpty()) {
                try {
                    Thread.sleep(20); // a shared store waits briefly for work
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return out;
        }
    }
}
