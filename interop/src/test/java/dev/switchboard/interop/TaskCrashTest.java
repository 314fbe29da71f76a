package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Nothing accepted is lost: a real {@code sb serve} accepts 500 tasks (short and long, retry-safe
 * and not), is killed with SIGKILL mid-run and restarted on the same store. Every task id then
 * answers tasks/get and ends completed or failed; a task that was running under a tool that is
 * not retry-safe ends failed with "server restarted during the task", never completes a second time.
 */
class TaskCrashTest {
    private static final Pattern LISTENING = Pattern.compile("server on (http://\\S+)");
    private static final int TASKS = 500;

    private record Accepted(String id, String tool) {}

    private static Process serve(Path store) {
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.switchboard.cli.Sb", "serve",
                    "--example", "everything", "--port", "0", "--set", "tasks.dir=" + store,
                    "--set", "tasks.maxRunning=5000", "--set", "tasks.maxRunningPerSession=5000").redirectErrorStream(true).start();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String awaitUrl(Process p) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) url.complete(m.group(1));
                }
                url.completeExceptionally(new AssertionError("sb serve exited without serving"));
            } catch (Exception e) {
                url.completeExceptionally(e);
            }
        });
        return url.get(60, TimeUnit.SECONDS);
    }

    private static String tool(int i) {
        return switch (i % 4) {
            case 0 -> "slow_compute";      // retry-safe, short
            case 1 -> "slow_compute";      // retry-safe, long
            case 2 -> "failing_job";       // not retry-safe, about a second
            default -> "confirm_delete";   // not retry-safe, waits for input that never comes
        };
    }

    @Test
    void kill9MidRun_thenRestart_everyTaskEndsAndNoUnsafeTaskRunsTwice() throws Exception {
        Path store = Files.createTempDirectory("sb-crash-tasks");
        Process first = serve(store);
        List<Accepted> accepted = new ArrayList<>();
        Instant killedAt;
        try {
            StatelessTaskClient client = new StatelessTaskClient(awaitUrl(first), true);
            Map<Integer, Accepted> byIndex = new ConcurrentHashMap<>();
            Semaphore inFlight = new Semaphore(32);
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < TASKS; i++) {
                    int n = i;
                    inFlight.acquire();
                    pool.execute(() -> {
                        try {
                            var args = StatelessTaskClient.object();
                            if (tool(n).equals("slow_compute")) args.put("seconds", n % 4 == 0 ? 0.3 : 6).put("label", "t" + n);
                            if (tool(n).equals("confirm_delete")) args.put("filename", "f" + n);
                            JsonNode r = client.call(tool(n), args);
                            assertThat(r.path("result").path("resultType").asString()).as("task %d: %s", n, r).isEqualTo("task");
                            byIndex.put(n, new Accepted(r.path("result").path("taskId").asString(), tool(n)));
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            assertThat(byIndex).hasSize(TASKS);
            accepted.addAll(byIndex.values());
            Thread.sleep(1500); // let the short ones finish and the long ones run
        } finally {
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            killedAt = Instant.now();
        }

        Process second = serve(store);
        try {
            StatelessTaskClient client = new StatelessTaskClient(awaitUrl(second), true);
            long deadline = System.currentTimeMillis() + 90_000;
            for (Accepted a : accepted) {
                JsonNode task;
                while (true) {
                    JsonNode r = client.get(a.id());
                    assertThat(r.has("error")).as("tasks/get %s (%s) after restart: %s", a.id(), a.tool(), r).isFalse();
                    task = r.path("result");
                    String status = task.path("status").asString();
                    if (status.equals("completed") || status.equals("failed") || status.equals("cancelled")) break;
                    assertThat(System.currentTimeMillis()).as("task %s (%s) still %s", a.id(), a.tool(), status).isLessThan(deadline);
                    Thread.sleep(200);
                }
                String status = task.path("status").asString();
                switch (a.tool()) {
                    case "slow_compute" -> assertThat(status).as("retry-safe %s", a.id()).isEqualTo("completed");
                    case "confirm_delete" -> {
                        assertThat(status).isEqualTo("failed");
                        assertThat(task.path("statusMessage").asString()).isEqualTo("server restarted during the task");
                        assertThat(task.path("error").path("code").asInt()).isEqualTo(-32603);
                    }
                    case "failing_job" -> {
                        if (status.equals("completed")) {
                            // it finished before the kill; it must not have run again after the restart
                            assertThat(Instant.parse(task.path("lastUpdatedAt").asString())).isBefore(killedAt);
                        } else {
                            assertThat(status).isEqualTo("failed");
                            assertThat(task.path("statusMessage").asString()).isEqualTo("server restarted during the task");
                        }
                    }
                    default -> throw new AssertionError(a.tool());
                }
            }
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
