package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.kernel.AdaptiveLimit;
import dev.switchboard.kernel.AutotuneSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** performance.autotune on a pool: the agent's concurrency, all members together, is its adaptive limit, which learns from its calls. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdaptivePoolTest {
    @BeforeAll
    static void start() throws Exception {
        AgentPoolTest.start();
    }

    @AfterAll
    static void stop() {
        AgentPoolTest.stop();
    }

    private static AgentPool pool(AutotuneSettings autotune) {
        AgentsSettings settings = new AgentsSettings("_", new PoolSize(2, 2, 30_000), 16, 5_000, 100, 100, 60_000, 50, 5_000);
        AgentPool pool = new AgentPool(new AgentSpec("w", AgentPoolTest.launch, settings.pool(), Affinity.NONE, false, 5_000, 0), settings, autotune, p -> {})
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.members.size() == 2);
        return pool;
    }

    @Test
    void acquire_atTheAdaptiveLimit_waitsInTheQueueThoughMembersHaveSlots() throws Exception {
        AutotuneSettings autotune = new AutotuneSettings(true, "vegas", 2, 1, 64, 0.5, 60_000, 20, 1.25, 0.05, 5);
        try (AgentPool pool = pool(autotune)) {
            assertThat(pool.adaptive.name()).isEqualTo("agent:w");
            Member a = pool.acquire(null, 0, Set.of()), b = pool.acquire(null, 0, Set.of());
            CompletableFuture<Member> third = CompletableFuture.supplyAsync(() -> acquire(pool), AgentPoolTest.VIRTUAL);
            await().until(() -> pool.queued() == 1);
            assertThat(a.outstanding.get() + b.outstanding.get()).isEqualTo(2); // 32 member slots, 2 taken: the limit holds the third
            pool.release(a, System.nanoTime(), AdaptiveLimit.Result.SUCCESS);
            Member c = third.get(5, TimeUnit.SECONDS);
            assertThat(pool.adaptive.inFlight()).isEqualTo(2);
            pool.release(b);
            pool.release(c);
            assertThat(pool.adaptive.inFlight()).isZero();
        }
    }

    @Test
    void release_manyQuickCalls_theLimitChangesAndIsCounted() throws Exception {
        AutotuneSettings autotune = new AutotuneSettings(true, "vegas", 4, 1, 64, 0.5, 20, 5, 100.0, 0.5, 0);
        try (AgentPool pool = pool(autotune)) {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++)
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 150 && pool.adaptive.changes() == 0; i++) {
                        Member m = acquire(pool);
                        long start = System.nanoTime();
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        pool.release(m, start, AdaptiveLimit.Result.SUCCESS);
                    }
                }, AgentPoolTest.VIRTUAL));
            for (CompletableFuture<Void> f : workers) f.get(30, TimeUnit.SECONDS);
            assertThat(pool.adaptive.changes()).isPositive();
            assertThat(pool.adaptive.limit()).isNotEqualTo(4);
            assertThat(pool.adaptive.inFlight()).isZero();
        }
    }

    @Test
    void pool_autotuneOff_hasNoAdaptiveLimit() throws Exception {
        try (AgentPool pool = pool(AutotuneSettings.defaults())) {
            assertThat(pool.adaptive).isNull();
        }
    }

    private static Member acquire(AgentPool pool) {
        try {
            return pool.acquire(null, 0, Set.of());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
