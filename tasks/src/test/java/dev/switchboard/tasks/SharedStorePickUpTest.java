package dev.switchboard.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine on a shared store built not to take work at once (a gateway node whose agent tools
 * are registered later): it leaves the queue alone until {@link TaskEngine#recover()}, so a task
 * of a tool it does not serve yet is not failed as "not served", and then runs it.
 */
class SharedStorePickUpTest {
    @TempDir
    Path dir;

    @Test
    void recover_engineBuiltToWait_takesNoTaskBeforeThenRunsIt() throws Exception {
        try (LeasedStore store = new LeasedStore(TaskStore.embedded(dir));
             TaskEngine engine = new TaskEngine(store, TaskLimits.defaults(),
                     name -> Optional.of(new TaskTool(run -> "{\"ok\":true}", true)).filter(x -> name.equals("echo")), System::currentTimeMillis, false)) {
            TaskRecord t = engine.submit("s", "echo", "{}", null); // queued unclaimed, as any node's create is
            Thread.sleep(500);
            TaskRecord waiting = store.get(t.id()).orElseThrow();
            assertThat(waiting.status()).isEqualTo(TaskStatus.WORKING);
            assertThat(waiting.claimedBy()).as("not taken before recover()").isNull();

            assertThat(engine.recover()).isZero(); // a shared store's work comes from its queue, from now on
            await().atMost(Duration.ofSeconds(10)).until(() -> store.get(t.id()).orElseThrow().status().isFinal());
            assertThat(store.get(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(engine.recover()).as("a second call starts nothing more").isZero();
        }
    }

    /* The embedded store shared by lease, as a cluster's is. */
    private static final class LeasedStore extends ForwardingTaskStore {
        LeasedStore(TaskStore store) {
            super(store);
        }

        @Override
        public long claimLeaseMs() {
            return 1000;
        }
    }
}
