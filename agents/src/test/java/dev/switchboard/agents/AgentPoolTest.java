package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scheduling in one pool: members are HTTP sessions to our own server (cheap to start), driven through the pool directly. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentPoolTest {
    static final java.util.concurrent.Executor VIRTUAL = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    static McpServer worker;
    static StreamableHttpServer http;
    static Launch.Http launch;

    @BeforeAll
    static void start() throws Exception {
        worker = McpServer.builder("worker", "1.0").tool("echo", "echo", Map.class, a -> "ok").build();
        http = StreamableHttpServer.start(worker, HttpSettings.defaults().withPort(0));
        launch = new Launch.Http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"), Map.of());
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    static AgentPool pool(int members, Affinity affinity, int perMember, int primary, int overflow) {
        AgentsSettings settings = new AgentsSettings("_", new PoolSize(members, members, 30_000), perMember, 5_000, primary, overflow,
                60_000, 50, 5_000);
        AgentPool pool = new AgentPool(new AgentSpec("w", launch, settings.pool(), affinity, false, 5_000, 0), settings, p -> {}).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.members.size() == members);
        return pool;
    }

    @Test
    void acquire_uniformSequentialCalls_spreadEvenlyOverMembers() throws Exception {
        try (AgentPool pool = pool(4, Affinity.NONE, 4, 10, 10)) {
            for (int i = 0; i < 200; i++) {
                Member m = pool.acquire(null, 0, Set.of());
                m.calls.incrementAndGet();
                pool.release(m);
            }
            assertThat(pool.snapshot()).allSatisfy(m -> assertThat(m.calls.get()).isEqualTo(50));
        }
    }

    @Test
    void lost_memberReplacedWhileCallsWait_poolNeverPastItsMaximum() throws Exception {
        try (AgentPool pool = pool(1, Affinity.NONE, 1, 10, 10)) {
            int most = 0;
            for (int round = 0; round < 10; round++) {
                pool.lost(pool.members.get(0), "test: lost in round " + round);
                // calls that find no member wait and ask the pool to grow, while the keeper replaces the lost member:
                // they come a little before, at or after the keeper starts its replacement
                Thread.sleep(AgentPool.REPLACE_DELAY_MS - 2 + round % 5);
                List<CompletableFuture<Void>> calls = new java.util.ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    calls.add(CompletableFuture.runAsync(() -> {
                        try {
                            pool.release(pool.acquire(null, 0, Set.of()));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, VIRTUAL));
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).isDone() && System.nanoTime() < until) {
                    most = Math.max(most, pool.members.size());
                    Thread.sleep(1);
                }
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
                Thread.sleep(100); // a second start would land now
                most = Math.max(most, pool.members.size());
            }
            assertThat(most).as("members at any moment in a pool of at most 1").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void acquire_sessionAffinity_keepsASessionOnOneMember() throws Exception {
        try (AgentPool pool = pool(3, Affinity.SESSION, 4, 10, 10)) {
            Member first = pool.acquire("s1", 0, Set.of());
            pool.release(first);
            for (int i = 0; i < 10; i++) {
                Member m = pool.acquire("s1", 0, Set.of());
                assertThat(m).isSameAs(first);
                pool.release(m);
            }
        }
    }

    @Test
    void acquire_allBusyAndQueueFull_lowestPriorityRefusedWithClearError() throws Exception {
        try (AgentPool pool = pool(1, Affinity.NONE, 1, 1, 1)) {
            Member busy = pool.acquire(null, 0, Set.of());
            CompletableFuture<Member> low1 = CompletableFuture.supplyAsync(() -> acquire(pool, 1), VIRTUAL);
            await().until(() -> pool.queued() == 1);
            CompletableFuture<Member> low2 = CompletableFuture.supplyAsync(() -> acquire(pool, 1), VIRTUAL);
            await().until(() -> pool.queued() == 2);
            // full: a newcomer of the same priority is refused at once
            assertThatThrownBy(() -> pool.acquire(null, 1, Set.of())).isInstanceOf(McpException.class)
                    .hasMessageContaining("agent 'w' is busy").hasMessageContaining("(1 + 1 overflow) is full")
                    .satisfies(e -> assertThat(((McpException) e).error().code()).isEqualTo(AgentErrors.BUSY));
            // a higher priority takes the place of the last low one, which is told why
            CompletableFuture<Member> high = CompletableFuture.supplyAsync(() -> acquire(pool, 9), VIRTUAL);
            assertThatThrownBy(() -> low2.get(5, TimeUnit.SECONDS)).cause().hasMessageContaining("a call of higher priority (9) took this call's place");
            // the freed slot goes to the higher priority first
            pool.release(busy);
            Member next = high.get(5, TimeUnit.SECONDS);
            assertThat(low1).isNotDone();
            pool.release(next);
            pool.release(low1.get(5, TimeUnit.SECONDS));
            assertThat(pool.counters.refused.get()).isEqualTo(2);
        }
    }

    @Test
    void acquire_memberCircuitOpen_callsGoToTheOthersAndAllOpenFailsFast() throws Exception {
        try (AgentPool pool = pool(2, Affinity.NONE, 4, 10, 10)) {
            Member broken = pool.snapshot().get(0), healthy = pool.snapshot().get(1);
            for (int i = 0; i < 5; i++) broken.breaker.onError(1, TimeUnit.MILLISECONDS, new RuntimeException("timed out"));
            assertThat(broken.circuitOpen()).isTrue();
            for (int i = 0; i < 6; i++) {
                Member m = pool.acquire(null, 0, Set.of());
                assertThat(m).isSameAs(healthy);
                pool.release(m);
            }
            healthy.breaker.transitionToOpenState();
            assertThat(AgentStatus.of(pool).openCircuits()).isEqualTo(2);
            assertThatThrownBy(() -> pool.acquire(null, 0, Set.of())).isInstanceOf(McpException.class)
                    .hasMessageContaining("the circuit of every member (2) is open");
        }
    }

    private static Member acquire(AgentPool pool, int priority) {
        try {
            return pool.acquire(null, priority, Set.of());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void start_commandExitsAtOnce_reportedAndRetriedWithBackoff() {
        AgentsSettings settings = AgentsSettings.defaults().withPool(new PoolSize(1, 1, 30_000)).withStart(2_000, 50);
        AgentSpec spec = new AgentSpec("broken", new Launch.Stdio(List.of("sh", "-c", "exit 3"), Map.of()), settings.pool(), Affinity.NONE, false,
                1_000, 0);
        try (AgentPool pool = new AgentPool(spec, settings, p -> {}).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.counters.startFailures.get() >= 3);
            assertThat(pool.failure()).contains("exited with 3");
            assertThat(AgentStatus.of(pool).ready()).isFalse();
            assertThatThrownBy(() -> pool.acquire(null, 0, Set.of())).isInstanceOf(McpException.class)
                    .hasMessageContaining("agent 'broken' is not available").hasMessageContaining("exited with 3");
        }
    }

    @Test
    void start_serverWritesGarbage_refusedWithinTheStartTimeoutAndRetried() {
        AgentsSettings settings = AgentsSettings.defaults().withPool(new PoolSize(1, 1, 30_000)).withStart(500, 50);
        AgentSpec spec = new AgentSpec("garbage", new Launch.Stdio(List.of("sh", "-c", "echo not json; echo '{\"also\": bad'; sleep 30"), Map.of()),
                settings.pool(), Affinity.NONE, false, 500, 0);
        try (AgentPool pool = new AgentPool(spec, settings, p -> {}).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.failure() != null);
            assertThat(pool.failure()).contains("initialize");
            assertThat(pool.members).isEmpty();
        }
    }
}
