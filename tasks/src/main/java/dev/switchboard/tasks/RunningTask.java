package dev.switchboard.tasks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/*
 * One task executing in this process: its thread, its cancel flag and its open input requests.
 * Input requests are kept here (futures the work blocks on) and mirrored into the stored record
 * as the inputRequests JSON object, so tasks/get shows them. Several rounds may be open at once
 * (a tool that fans out two elicitations); the task is input_required while any key is open and
 * goes back to working when the last one is answered. Open rounds are not durable: after a
 * restart a retry-safe task runs again from the start and asks again.
 */
final class RunningTask implements TaskRun {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String taskId;
    private final String owner;
    private final String argumentsJson;
    private final int attempt;
    private final Function<Function<TaskRecord, TaskRecord>, java.util.Optional<TaskRecord>> transition;
    private final Map<String, String> open = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<String>> waiting = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private volatile boolean cancelled;
    /** The work has returned or thrown: its thread is storing the outcome and must not be interrupted. */
    private volatile boolean finishing;
    private volatile Thread thread;

    RunningTask(TaskRecord record,
                Function<Function<TaskRecord, TaskRecord>, java.util.Optional<TaskRecord>> transition) {
        this.taskId = record.id();
        this.owner = record.owner();
        this.argumentsJson = record.argumentsJson();
        this.attempt = record.attempts();
        this.transition = transition;
    }

    void finishing() {
        finishing = true;
    }

    boolean isFinishing() {
        return finishing;
    }

    String owner() {
        return owner;
    }

    void bind(Thread t) {
        this.thread = t;
    }

    @Override
    public String taskId() {
        return taskId;
    }

    @Override
    public String argumentsJson() {
        return argumentsJson;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public void statusMessage(String message) {
        transition.apply(r -> new TaskRecord(r.id(), r.owner(), r.tool(), r.argumentsJson(), r.status(), message,
                r.createdAtMs(), System.currentTimeMillis(), r.ttlMs(), r.pollIntervalMs(), r.resultJson(),
                r.errorJson(), r.inputRequestsJson(), r.retrySafe(), r.claimedBy(), r.claimUntilMs(), r.attempts(),
                r.revision()));
    }

    @Override
    public Map<String, String> requestInput(Map<String, String> requests) throws InterruptedException {
        if (requests.isEmpty()) return Map.of();
        Map<String, CompletableFuture<String>> mine = new LinkedHashMap<>();
        String snapshot;
        synchronized (this) {
            if (cancelled) throw new InterruptedException("task " + taskId + " was cancelled");
            for (String key : requests.keySet()) {
                if (!used.add(key)) throw new IllegalArgumentException("input request key '" + key + "' was used before");
            }
            requests.forEach((key, json) -> {
                open.put(key, json);
                var f = new CompletableFuture<String>();
                waiting.put(key, f);
                mine.put(key, f);
            });
            snapshot = openJson();
        }
        long now = System.currentTimeMillis();
        transition.apply(r -> r.inputRequired(snapshot, now));
        Map<String, String> answers = new LinkedHashMap<>();
        try {
            for (var e : mine.entrySet()) answers.put(e.getKey(), e.getValue().get());
        } catch (ExecutionException e) {
            throw new InterruptedException("task " + taskId + " ended while waiting for input: " + e.getCause());
        }
        return answers;
    }

    /** Delivers answers to open keys (others are ignored); returns true when something was answered. */
    boolean answer(Map<String, String> responses) {
        String snapshot;
        Map<CompletableFuture<String>, String> answered = new LinkedHashMap<>();
        synchronized (this) {
            for (var e : responses.entrySet()) {
                if (open.remove(e.getKey()) != null) answered.put(waiting.remove(e.getKey()), e.getValue());
            }
            snapshot = open.isEmpty() ? null : openJson();
        }
        if (answered.isEmpty()) return false;
        long now = System.currentTimeMillis();
        // the new status is stored before the task wakes: a task that finishes at once must not
        // overtake it, or "working" would never be stored (nor announced) between input and the end
        transition.apply(r -> snapshot == null ? r.withStatus(TaskStatus.WORKING, r.statusMessage(), now)
                : r.inputRequired(snapshot, now));
        answered.forEach(CompletableFuture::complete);
        return true;
    }

    /** Stops the work: flag, fail open input rounds, interrupt. */
    void cancel() {
        synchronized (this) {
            cancelled = true;
            waiting.values().forEach(f -> f.completeExceptionally(new InterruptedException("cancelled")));
            waiting.clear();
            open.clear();
        }
        Thread t = thread;
        if (t != null) t.interrupt();
    }

    private String openJson() {
        ObjectNode node = JSON.createObjectNode();
        open.forEach((key, json) -> node.set(key, JSON.readTree(json)));
        return JSON.writeValueAsString(node);
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }
}
