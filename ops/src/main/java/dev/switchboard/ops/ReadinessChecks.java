package dev.switchboard.ops;

import dev.switchboard.kernel.Health;
import dev.switchboard.kernel.Kernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checks behind {@code /ready}, run in parallel, each bounded by the timeout. The kernel's
 * subsystems are checked by default (one check each, from {@link Kernel#health()}); {@link #add}
 * plugs in more.
 */
final class ReadinessChecks {
    /** One check's result, as /ready reports it. */
    record Result(String name, boolean ready, double metric, String detail, double latencyMs) {}

    /** All results, and whether every check is ready. */
    record Report(boolean ready, List<Result> results) {}

    private static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();
    private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
    private final Duration timeout;

    ReadinessChecks(Duration timeout) {
        this.timeout = timeout;
    }

    /** Adds a check; /ready asks it from now on. */
    void add(ReadinessCheck check) {
        checks.add(check);
    }

    /** One check per kernel subsystem, listed when /ready runs (subsystems registered later are seen too). */
    void addKernel(Kernel kernel) {
        add(new KernelChecks(kernel));
    }

    /** Runs every check in parallel; completes within about the timeout whatever the checks do. */
    CompletableFuture<Report> run() {
        List<CompletableFuture<Result>> running = new ArrayList<>();
        for (ReadinessCheck c : expand()) {
            long start = System.nanoTime();
            running.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            ReadinessCheck.Readiness r = c.check();
                            return new Result(c.name(), r.ready(), r.metric(), r.detail(), millisSince(start));
                        } catch (Exception e) {
                            return new Result(c.name(), false, 0, "check failed: " + e, millisSince(start));
                        }
                    }, VIRTUAL)
                    .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(r -> r != null ? r : new Result(c.name(), false, 0,
                            new TimeoutException("no answer within " + timeout.toMillis() + " ms (ready.timeoutMs)").getMessage(), millisSince(start))));
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Result> results = running.stream().map(CompletableFuture::join).toList();
            return new Report(results.stream().allMatch(Result::ready), results);
        });
    }

    private List<ReadinessCheck> expand() {
        List<ReadinessCheck> all = new ArrayList<>();
        for (ReadinessCheck c : checks) {
            if (c instanceof KernelChecks k) all.addAll(k.perSubsystem());
            else all.add(c);
        }
        return all;
    }

    static byte[] json(JsonMapper mapper, Report report) {
        ObjectNode root = mapper.createObjectNode().put("ready", report.ready());
        ArrayNode list = root.putArray("checks");
        for (Result r : report.results())
            list.addObject().put("name", r.name()).put("ready", r.ready()).put("metric", r.metric())
                    .put("latencyMs", Math.round(r.latencyMs() * 1000) / 1000.0).put("detail", r.detail());
        return mapper.writeValueAsBytes(root);
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** Stands for the kernel's subsystems until /ready lists them. */
    private record KernelChecks(Kernel kernel) implements ReadinessCheck {
        @Override
        public String name() {
            return "kernel";
        }

        @Override
        public ReadinessCheck.Readiness check() {
            throw new UnsupportedOperationException("expanded into one check per subsystem");
        }

        List<ReadinessCheck> perSubsystem() {
            return kernel.subsystems().stream().map(name -> ReadinessCheck.of("kernel/" + name, () -> {
                Health h = kernel.health().get(name);
                if (h == null) return new ReadinessCheck.Readiness(false, 0, "subsystem '" + name + "' is gone");
                return new ReadinessCheck.Readiness(h.ready(), h.depth(), h.status() + ": " + h.detail());
            })).toList();
        }
    }
}
