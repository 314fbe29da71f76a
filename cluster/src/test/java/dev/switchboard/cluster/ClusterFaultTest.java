package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.client.McpClientException;
import dev.switchboard.mcp.McpException;
import dev.switchboard.tasks.TaskEngine;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster issue's fault test: 3 NATS servers (R3), 3 Switchboard nodes in their own JVMs
 * behind the round-robin balancer, {@code CLIENTS} session-era clients creating {@code TASKS}
 * tasks between them; one node is killed with SIGKILL partway, then one NATS server. No accepted
 * task is lost or ended twice, every session goes on on the survivors, and the ledgers balance:
 * each survivor's against what it wrote, the cluster's sum against the records in JetStream.
 * The counts are system properties {@code sb.faults.tasks} and {@code sb.faults.clients}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterFaultTest {
    private static final int TASKS = Integer.getInteger("sb.faults.tasks", 1000);
    private static final int CLIENTS = Integer.getInteger("sb.faults.clients", 50);
    private static final long LEASE_MS = 2000;
    private static final int MAX_TRIES = 80;

    /** What a client was told: the task id of each tag, the errors it retried, how its session went on. */
    private record Accepted(String taskId, String tag, String tool) {
    }

    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger continued = new AtomicInteger();

    @Test
    void nodeThenNatsKilled_duringTasksAndSessions_noTaskLostOrEndedTwice_sessionsGoOn_ledgersBalance() throws Exception {
        long started = System.nanoTime();
        try (LocalNats nats = LocalNats.start(3)) {
            List<FaultNode> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) nodes.add(FaultNode.start(nats.urls(), LEASE_MS));
                List<InetSocketAddress> addresses = nodes.stream().map(n -> n.address).toList();
                try (RoundRobinBalancer balancer = RoundRobinBalancer.start(addresses, 0)) {
                    run(nodes, nats, balancer);
                }
                FaultNode dead = nodes.getFirst();
                List<FaultNode> survivors = nodes.subList(1, 3);
                try (NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(nats.urls()).withTaskLeaseMs(LEASE_MS));
                     TaskStore store = cluster.taskStore()) {
                    awaitNoLiveTask(store, nodes, cluster); // tasks created for a request that failed run too
                    checkTasks(store, dead);
                    Set<String> recordIds = new TreeSet<>(read(() -> cluster.connection().keyValue(TaskStreams.BUCKET).keys()));
                    checkLedgers(store, recordIds, dead, survivors);
                }
            } finally {
                nodes.forEach(FaultNode::close);
            }
        }
        Map<String, Long> kinds = new java.util.TreeMap<>();
        synchronized (errors) {
            errors.forEach(e -> kinds.merge(e.indexOf(" client ") < 0 ? "other" : e.substring(0, e.indexOf(" client ")), 1L, Long::sum));
        }
        System.out.printf("ClusterFaultTest: %d tasks, %d clients, retried errors %s, %.1f s%n", TASKS, CLIENTS, kinds,
                (System.nanoTime() - started) / 1e9);
    }

    // The clients create the tasks, node 0 dies at 30% accepted, NATS server 1 at 60%; then every session goes on.
    private void run(List<FaultNode> nodes, LocalNats nats, RoundRobinBalancer balancer) throws Exception {
        URI endpoint = URI.create("http://127.0.0.1:" + balancer.port() + "/mcp");
        AtomicInteger slots = new AtomicInteger();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch killed = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int me = i;
            clients.add(Thread.ofVirtual().name("client-" + i).start(() -> client(me, endpoint, slots, count, killed)));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> count.get() >= TASKS * 3 / 10);
        nodes.getFirst().kill(); // SIGKILL with tasks running, queued and being created
        balancer.remove(nodes.getFirst().address); // what a balancer's health check does; requests already sent there fail
        await().atMost(Duration.ofSeconds(90)).until(() -> count.get() >= TASKS * 6 / 10);
        nats.kill(1); // a NATS server of the three: R3 streams and buckets keep a quorum
        killed.countDown();
        for (Thread t : clients) t.join(TimeUnit.SECONDS.toMillis(200));
        assertThat(clients).noneMatch(Thread::isAlive);
    }

    private void client(int me, URI endpoint, AtomicInteger slots, AtomicInteger count, CountDownLatch killed) {
        try (McpClient c = McpClient.builder().requestTimeout(Duration.ofSeconds(30)).http(endpoint)) {
            retrying(me, "initialize", () -> c.initialize());
            List<Accepted> mine = new ArrayList<>();
            for (int slot; (slot = slots.getAndIncrement()) < TASKS; ) {
                String tag = "t" + slot;
                String tool = slot % 10 == 0 ? "once" : "work"; // one in ten must never run twice
                String id = retrying(me, "create " + tag, () -> c.tasks().callToolAsTask(tool, Map.of("tag", tag, "ms", 300)).taskId());
                Accepted a = new Accepted(id, tag, tool);
                assertThat(accepted.put(id, a)).as("task id handed out twice").isNull();
                mine.add(a);
                count.incrementAndGet();
            }
            killed.await();
            // the session goes on on the survivors: one retry of a clear error at most
            retrying(me, "add after the kills", 2, () -> c.callTool("add", Map.of("a", me, "b", 1)));
            continued.incrementAndGet();
            for (Accepted a : mine) outcomes.put(a.taskId(), retrying(me, "result " + a.tag(), () -> result(c, a)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | AssertionError e) {
            errors.add("client " + me + " gave up: " + e);
        }
    }

    private static String result(McpClient c, Accepted a) {
        try {
            return c.tasks().awaitTaskResult(a.taskId()).content().toString();
        } catch (McpException e) {
            if (e.getMessage() != null && e.getMessage().contains(TaskEngine.NODE_LOST)) return "failed: " + TaskEngine.NODE_LOST;
            throw e;
        }
    }

    private <T> T retrying(int client, String what, Supplier<T> call) {
        return retrying(client, what, MAX_TRIES, call);
    }

    // A clear error is retried: the cluster's -32000 (with retryAfterMs) or a connection the dead node or balancer closed.
    private <T> T retrying(int client, String what, int tries, Supplier<T> call) {
        for (int i = 1; ; i++) {
            try {
                return call.get();
            } catch (McpException | McpClientException e) {
                String kind = kind(e);
                errors.add(kind + " client " + client + " " + what + ": " + e.getMessage());
                if (i >= tries || !kind.startsWith("clear")) throw e;
                sleep(250);
            }
        }
    }

    static String kind(RuntimeException e) {
        if (e instanceof McpException m) return m.code() == -32000 ? "clear -32000" : "unclear " + m.code();
        McpClientException c = (McpClientException) e;
        return switch (c.reason()) {
            case CLOSED -> "clear closed";
            case HTTP_STATUS -> c.status() == 502 || c.status() == 503 ? "clear http " + c.status() : "unclear http " + c.status();
            default -> "unclear " + c.reason();
        };
    }

    /** A read of the test's own, retried: right after a NATS server is lost a JetStream request may time out once. */
    static <T> T read(java.util.concurrent.Callable<T> call) throws Exception {
        for (int i = 1; ; i++) {
            try {
                return call.call();
            } catch (java.io.IOException | dev.switchboard.tasks.TaskRejected e) {
                if (i >= 10) throw e;
                Thread.sleep(500);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitNoLiveTask(TaskStore store, List<FaultNode> nodes, NatsCluster cluster) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> store.live().isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder why = new StringBuilder("tasks still live after 60 s:");
            List<TaskRecord> live = List.of();
            for (int i = 0; i < 10 && live.isEmpty(); i++) {
                try {
                    live = store.live();
                } catch (RuntimeException again) {
                    why.append("\n  (listing failed: ").append(again.getMessage()).append(")");
                    Thread.sleep(1000);
                }
            }
            for (TaskRecord r : live) {
                why.append("\n  ").append(r);
                var leader = cluster.connection().request("$JS.API.STREAM.MSG.GET.KV_sb-tasks",
                        ("{\"last_by_subj\":\"$KV.sb-tasks." + r.id() + "\"}").getBytes(), Duration.ofSeconds(2));
                String answer = new String(leader.getData());
                why.append("\n    leader: ").append(answer, 0, Math.min(200, answer.length()));
                for (FaultNode n : nodes) n.lines().stream().filter(l -> l.startsWith("final " + r.id())).forEach(l -> {
                    try {
                        var m = cluster.connection().request("$JS.API.STREAM.MSG.GET.KV_sb-tasks",
                                ("{\"seq\":" + l.split(" ")[3] + "}").getBytes(), Duration.ofSeconds(2));
                        String a = new String(m.getData());
                        why.append("\n    at its revision: ").append(a, 0, Math.min(200, a.length()));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                });
                for (FaultNode n : nodes) n.lines().stream().filter(l -> l.contains(r.id())).forEach(l -> why.append("\n    ").append(n.name).append(": ").append(l));
            }
            var info = cluster.connection().jetStreamManagement().getStreamInfo("KV_sb-tasks");
            why.append("\n  stream: ").append(info.getClusterInfo()).append(" last seq ").append(info.getStreamState().getLastSequence());
            throw new AssertionError(why.toString(), e);
        }
    }

    private void checkTasks(TaskStore store, FaultNode dead) throws Exception {
        assertThat(errors).as("errors the clients saw").allMatch(e -> e.startsWith("clear"));
        assertThat(continued).as("sessions that made a call after the kills").hasValue(CLIENTS);
        assertThat(accepted).hasSize(TASKS);
        assertThat(outcomes).hasSize(TASKS);
        Map<String, Integer> runs = FaultLines.runs(FaultLines.all(dead, null));
        for (Accepted a : accepted.values()) {
            String outcome = outcomes.get(a.taskId());
            TaskRecord r = read(() -> store.get(a.taskId())).orElseThrow(() -> new AssertionError("accepted task lost: " + a));
            assertThat(r.status().isFinal()).as("%s", a).isTrue();
            if (a.tool().equals("work")) {
                assertThat(outcome).as("%s", a).contains("done " + a.tag() + " by pid-");
            } else {
                assertThat(runs.getOrDefault(a.tag(), 0)).as("runs of the not retry-safe %s", a).isLessThanOrEqualTo(1);
                if (!outcome.contains("done " + a.tag() + " by pid-")) {
                    assertThat(outcome).as("%s", a).isEqualTo("failed: " + TaskEngine.NODE_LOST);
                }
            }
        }
    }

    private void checkLedgers(TaskStore store, Set<String> recordIds, FaultNode dead, List<FaultNode> survivors) throws Exception {
        FaultLines books = FaultLines.settle(dead, survivors, store, recordIds);
        assertThat(books.endedTwice()).as("tasks ended more than once").isEmpty();
        assertThat(books.createdTwice()).as("tasks created more than once").isEmpty();
        List<FaultNode> all = new ArrayList<>(survivors);
        all.add(dead);
        assertThat(FaultLines.mentions(FaultLines.difference(recordIds, books.created()), all))
                .as("stored tasks no node created (with every line naming them)").isEmpty();
        assertThat(FaultLines.mentions(FaultLines.difference(books.created(), recordIds), all))
                .as("tasks created but not stored").isEmpty();
        assertThat(FaultLines.mentions(FaultLines.difference(recordIds, books.ended()), all))
                .as("stored tasks no node ended").isEmpty();
        assertThat(FaultLines.mentions(FaultLines.difference(books.ended(), recordIds), all))
                .as("tasks ended but not stored").isEmpty();
        assertThat(recordIds).containsAll(accepted.keySet());
        long[] deadSaid = FaultLines.counts(dead.lines());
        long createdSum = books.createdBy().values().stream().filter(v -> v.getFirst().startsWith(dead.name)).count();
        long endedSum = books.endedBy().values().stream().filter(v -> v.getFirst().startsWith(dead.name)).count();
        assertThat(createdSum).as("the dead node's creations, confirmed or settled").isGreaterThanOrEqualTo(deadSaid[0]);
        for (FaultNode n : survivors) {
            long[] mine = books.withLandedWrites(n, FaultLines.counts(n.lines()));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                long[] l = n.ledger();
                assertThat(l[6]).as("%s kernel accepted = delivered + dead-lettered", n.name).isEqualTo(l[7] + l[8]);
            });
            long[] l = n.ledger();
            assertThat(new long[] {l[0], l[1], l[2], l[3], l[4], l[5]}).as("%s task ledger against what it wrote", n.name)
                    .containsExactly(mine[0], mine[1], mine[2], mine[3], mine[4], 0);
            createdSum += l[0];
            endedSum += l[1] + l[2] + l[3] + l[4];
        }
        createdSum += books.unanswered();
        assertThat(new long[] {createdSum, endedSum}).as("created and ended over the nodes' ledgers (the dead node's from its lines)")
                .containsExactly(recordIds.size(), recordIds.size());
        System.out.printf("ClusterFaultTest: %d tasks stored (%d accepted, %d stored for a create answered as failed), %s created %d and ended %d before SIGKILL%n",
                recordIds.size(), accepted.size(), books.unanswered(), dead.name,
                createdSum - books.unanswered() - survivors.stream().mapToLong(n -> FaultLines.counts(n.lines())[0]).sum(),
                deadSaid[1] + deadSaid[2] + deadSaid[3]);
    }
}
