package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kill under load: a pool of four {@link KillableAgent} processes behind the gateway, four HTTP clients each with three
 * callers sending safe ({@code lookup}, readOnlyHint) and unsafe ({@code append}) calls, while members are killed at
 * random by PID. Every safe call must succeed (failed over), every unsafe call either succeeds or ends with the
 * MEMBER_LOST error naming the agent, no call passes its deadline, and every call sent is answered.
 * A member is killed only while at least three are alive, so a safe call always has a live member to fail over to.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KillUnderLoadTest {
    static final int MEMBERS = 4, CLIENTS = 4, CALLERS_PER_CLIENT = 3;
    static final Duration LOAD = Duration.ofSeconds(8), CALL_DEADLINE = Duration.ofSeconds(8);

    record Outcome(boolean safe, String text, McpException error, boolean hung) {}

    @Test
    void callTool_membersKilledAtRandomUnderLoad_safeCallsSucceedUnsafeGetNamedErrorNoneHang() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Launch launch = new Launch.Stdio(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), KillableAgent.class.getName()), Map.of());
        PoolSize size = new PoolSize(MEMBERS, MEMBERS, 30_000);
        AgentsSettings settings = AgentsSettings.defaults().withPool(size).withStart(10_000, 50);
        McpServer server = McpServer.builder("gateway", "1.0").build();
        List<McpClient> clients = new ArrayList<>();
        long t0 = System.nanoTime();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor(); // not closed by waiting: a hung call must not hang the test
        try (Gateway gateway = Gateway.start(server, List.of(new AgentSpec("small", launch, size, Affinity.NONE, false, 5_000, 0)), settings);
             StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
             Closing closing = new Closing(clients)) { // closed first
            assertThat(gateway.awaitStarted(Duration.ofSeconds(15))).as("started: %s", gateway.status()).isTrue();
            AgentPool pool = gateway.pool("small");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> pool.members.size() == MEMBERS);
            System.out.printf("kill under load: %d members started in %d ms%n", MEMBERS, (System.nanoTime() - t0) / 1_000_000);
            for (int i = 0; i < CLIENTS; i++) {
                McpClient c = McpClient.http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"));
                c.initialize();
                clients.add(c);
            }

            AtomicInteger sent = new AtomicInteger();
            Queue<Outcome> answered = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + LOAD.toNanos();
            List<CompletableFuture<Void>> callers = new ArrayList<>();
            for (McpClient c : clients)
                for (int k = 0; k < CALLERS_PER_CLIENT; k++) {
                    int caller = callers.size();
                    callers.add(CompletableFuture.runAsync(() -> {
                        for (int n = 0; System.nanoTime() < end; n++) {
                            boolean safe = (n + caller) % 2 == 0;
                            sent.incrementAndGet();
                            answered.add(call(threads, c, safe, caller + "-" + n));
                        }
                    }, threads));
                }

            List<Long> killed = new ArrayList<>();
            Random random = new Random(14);
            while (System.nanoTime() < end - Duration.ofMillis(500).toNanos()) {
                Thread.sleep(300 + random.nextInt(300));
                List<Member> busy = pool.snapshot().stream().filter(m -> !m.dead() && m.outstanding.get() > 0).toList();
                if (pool.members.size() < 3 || busy.isEmpty()) continue; // wait for replacements: keep two members alive
                Member victim = busy.get(random.nextInt(busy.size()));
                long pid = victim.client.process().orElseThrow().pid();
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                killed.add(pid);
            }
            CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(CALL_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);

            List<Outcome> all = List.copyOf(answered);
            List<Outcome> lost = all.stream().filter(o -> o.error() != null).toList();
            System.out.printf("kill under load: %d calls sent, %d answered, %d members killed (pids %s), %d failovers, %d unsafe calls lost%n",
                    sent.get(), all.size(), killed.size(), killed, pool.counters.failovers.get(), lost.size());
            assertThat(killed).as("members killed during the load").hasSizeGreaterThanOrEqualTo(3);
            assertThat(all).as("calls past their %s deadline", CALL_DEADLINE).noneMatch(Outcome::hung);
            assertThat(all).hasSize(sent.get());
            assertThat(all).filteredOn(Outcome::safe).isNotEmpty().allSatisfy(o -> assertThat(o.error()).as("safe call failed").isNull());
            assertThat(all).filteredOn(o -> !o.safe() && o.error() == null).isNotEmpty()
                    .allSatisfy(o -> assertThat(o.text()).startsWith("appended "));
            assertThat(lost).as("unsafe calls that hit a dead member").isNotEmpty().allSatisfy(o -> {
                assertThat(o.safe()).isFalse();
                assertThat(o.error().error().code()).isEqualTo(AgentErrors.MEMBER_LOST);
                assertThat(o.error()).hasMessageContaining("agent 'small'").hasMessageContaining("tools/call 'append'")
                        .hasMessageContaining("not retried");
            });
            assertThat(pool.counters.failovers.get()).as("safe calls moved to another member").isPositive();
        } finally {
            threads.shutdownNow();
            System.out.printf("kill under load: %d ms in all%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** Closes the clients while the gateway still answers (their close ends their session there), and says how long it took. */
    private record Closing(List<McpClient> clients) implements AutoCloseable {
        @Override
        public void close() {
            long start = System.nanoTime();
            clients.forEach(McpClient::close);
            System.out.printf("kill under load: clients closed in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** One call with its deadline: an answer, the JSON-RPC error it ended with, or "hung". */
    private static Outcome call(ExecutorService threads, McpClient client, boolean safe, String key) {
        CompletableFuture<Tools.CallToolResult> f = CompletableFuture.supplyAsync(
                () -> client.callTool(safe ? "small_lookup" : "small_append", Map.of("key", key)), threads);
        try {
            Tools.CallToolResult r = f.get(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            String text = r.content().stream().map(c -> c instanceof Content.Text t ? t.text() : String.valueOf(c)).reduce("", String::concat);
            if (safe) assertThat(text).isEqualTo("found " + key);
            return new Outcome(safe, text, null, false);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(safe, null, null, true);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof McpException m) return new Outcome(safe, null, m, false);
            throw new AssertionError("call " + key + " failed with something other than a JSON-RPC error", e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
