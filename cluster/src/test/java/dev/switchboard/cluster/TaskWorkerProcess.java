package dev.switchboard.cluster;

import dev.switchboard.tasks.TaskEngine;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.tasks.TaskStore;
import dev.switchboard.tasks.TaskTool;
import java.util.Map;
import java.util.Optional;

/*
 * A node in its own JVM, for the take-over test to kill with SIGKILL: it queues the tasks it is
 * told to, takes them from the shared store, says "started <id>" for each and then works for a
 * minute, which it never finishes.
 */
public final class TaskWorkerProcess {
    public static void main(String[] args) throws Exception {
        String urls = args[0];
        int retrySafe = Integer.parseInt(args[1]);
        NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(urls).withTaskLeaseMs(Long.parseLong(args[2])));
        TaskStore store = cluster.taskStore();
        TaskTool slow = new TaskTool(run -> {
            System.out.println("started " + run.taskId());
            System.out.flush();
            Thread.sleep(60_000);
            return "{\"node\":\"A\"}";
        }, true);
        TaskTool once = new TaskTool(slow.work(), false);
        TaskEngine engine = new TaskEngine(store, TaskLimits.defaults(),
                name -> Optional.ofNullable(Map.of("work", slow, "once", once).get(name)), System::currentTimeMillis);
        for (int i = 0; i < retrySafe; i++) {
            System.out.println("task work " + engine.submit("session:s1", "work", "{\"i\":" + i + "}", null).id());
        }
        System.out.println("task once " + engine.submit("session:s1", "once", "{}", null).id());
        System.out.flush();
        Thread.sleep(120_000);
        Optional.of(engine).ifPresent(TaskEngine::close);
    }
}
