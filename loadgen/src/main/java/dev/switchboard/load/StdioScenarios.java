package dev.switchboard.load;

import dev.switchboard.client.McpClient;
import dev.switchboard.client.McpClientException;
import dev.switchboard.mcp.protocol.Tools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Load over stdio, through our {@link McpClient}: one server process, one pipe, so "connections"
 * are concurrent callers on virtual threads sharing the client (it multiplexes by request id).
 * Sessions, streams and DELETE do not exist on stdio, so churn, idle-sessions and fanout are
 * refused with a reason.
 */
final class StdioScenarios {
    private StdioScenarios() {}

    static LoadResult run(LoadSpec spec, Progress progress) throws InterruptedException {
        switch (spec.scenario()) {
            case CHURN, IDLE_SESSIONS, FANOUT, STATELESS, TASKS -> throw new IllegalArgumentException(
                    spec.scenario().label() + " needs Streamable HTTP (sessions, GET streams, DELETE, the stateless era's headers, task-augmented calls); use --url");
            default -> { }
        }
        ObjectNode arguments = (ObjectNode) new ObjectMapper().readTree(spec.arguments());
        Measurements m = new Measurements();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().unstarted(r));
        try (McpClient client = McpClient.builder().requestTimeout(spec.timeout()).stdio(spec.stdio())) {
            client.initialize();
            for (int i = 0; i < spec.warmup(); i++) call(client, spec.tool(), arguments);
            int callers = switch (spec.scenario()) {
                case SEQUENTIAL -> 1;
                case BURST -> spec.burst();
                default -> spec.connections();
            };
            long total = switch (spec.scenario()) {
                case BURST -> spec.burst();
                case SUSTAINED -> Math.max(1, Math.round(spec.rate() * spec.duration().toNanos() / 1e9));
                default -> spec.requests();
            };
            AtomicLong next = new AtomicLong();
            AtomicLong finished = new AtomicLong();
            m.start();
            sampler.scheduleAtFixedRate(() -> {
                m.sample();
                progress.update(finished.get(), total);
            }, Run.SAMPLE_MILLIS, Run.SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            long deadline = start + spec.duration().toNanos() + (spec.scenario() == Scenario.SUSTAINED ? spec.timeout().toNanos() : 0);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    long k;
                    while ((k = next.getAndIncrement()) < total && System.nanoTime() - deadline < 0) {
                        long begin = System.nanoTime();
                        if (spec.scenario() == Scenario.SUSTAINED) {
                            begin = start + (long) (k / spec.rate() * 1e9);
                            long wait = begin - System.nanoTime();
                            if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        String error = call(client, spec.tool(), arguments);
                        m.outcome(System.nanoTime() - begin, error);
                        finished.incrementAndGet();
                    }
                }));
            }
            for (Thread t : threads) t.join();
        } finally {
            sampler.shutdownNow();
        }
        int callers = spec.scenario() == Scenario.SEQUENTIAL ? 1 : spec.scenario() == Scenario.BURST ? spec.burst() : spec.connections();
        LoadResult r = m.result(spec.scenario().label(), spec.targetText(), spec.operation(), callers, Map.of());
        if (spec.scenario() != Scenario.BURST) return r;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("successRate", (double) r.ok() / spec.burst());
        extra.put("minSuccessRate", spec.minSuccess());
        extra.put("passed", (double) r.ok() / spec.burst() >= spec.minSuccess());
        return HttpScenarios.withExtra(r, extra);
    }

    private static String call(McpClient client, String tool, ObjectNode arguments) {
        try {
            Tools.CallToolResult result = client.callTool(tool, arguments);
            return Boolean.TRUE.equals(result.isError()) ? "tool error" : null;
        } catch (McpClientException e) {
            return "client: " + e.getMessage().split("[:;]")[0];
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
