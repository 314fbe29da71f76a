package dev.switchboard.ops;

import dev.switchboard.tasks.TaskEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/*
 * The task ledger on /metrics: switchboard_tasks_total{outcome=created|completed|failed|cancelled|expired}
 * and switchboard_tasks_running, read from the engine's ledger at scrape time, so at every quiet
 * moment created = completed + failed + cancelled + expired + running can be checked from outside.
 */
final class TaskMetrics {
    private TaskMetrics() {}

    static void register(MeterRegistry registry, TaskEngine engine) {
        counter(registry, engine, "created", e -> e.ledger().created());
        counter(registry, engine, "completed", e -> e.ledger().completed());
        counter(registry, engine, "failed", e -> e.ledger().failed());
        counter(registry, engine, "cancelled", e -> e.ledger().cancelled());
        counter(registry, engine, "expired", e -> e.ledger().expired());
        Gauge.builder("switchboard.tasks.running", engine, e -> e.ledger().running())
                .description("tasks working or waiting for input now").register(registry);
    }

    /** The ledger as the dashboard shows it, in ledger order. */
    static java.util.Map<String, Long> columns(dev.switchboard.tasks.TaskLedger l) {
        var out = new java.util.LinkedHashMap<String, Long>();
        out.put("created", l.created());
        out.put("completed", l.completed());
        out.put("failed", l.failed());
        out.put("cancelled", l.cancelled());
        out.put("expired", l.expired());
        out.put("running", l.running());
        return out;
    }

    private static void counter(MeterRegistry registry, TaskEngine engine, String outcome, java.util.function.ToDoubleFunction<TaskEngine> f) {
        FunctionCounter.builder("switchboard.tasks", engine, f).tag("outcome", outcome)
                .description("tasks by ledger column since start (created = completed + failed + cancelled + expired + running)")
                .register(registry);
    }
}
