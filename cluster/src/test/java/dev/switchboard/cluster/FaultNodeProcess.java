package dev.switchboard.cluster;

import dev.switchboard.kernel.Ledger;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.tasks.TaskLedger;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/*
 * A Switchboard node in its own JVM for the fault test to kill with SIGKILL. Tools: "work" (a
 * retry-safe task: sleeps, says "ran <tag>" on stdout when it starts, answers "done <tag> by
 * <node>"), "once" (the same, not retry-safe: it must never run twice) and "add". Tasks on
 * JetStream behind a ReportingTaskStore, sessions in the KV directory. Prints "LISTENING <port>
 * <name>"; answers the line "ledger" on stdin with "LEDGER <task ledger> <kernel ledger>".
 */
public final class FaultNodeProcess {
    public static void main(String[] args) throws Exception {
        NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(args[0]).withTaskLeaseMs(Long.parseLong(args[1])));
        String me = "pid-" + ProcessHandle.current().pid();
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        var retrySafe = new Tools.ToolAnnotations(null, null, null, Boolean.TRUE, null);
        dev.switchboard.mcp.ToolHandler<ObjectNode> work = (a, c) -> {
            say("ran " + a.path("tag").asString());
            Thread.sleep(a.path("ms").asLong(200));
            return "done " + a.path("tag").asString() + " by " + me;
        };
        McpServer server = McpServer.builder("fault-node", "1")
                .tool("add", "adds", SessionHoppingTest.Add.class, x -> String.valueOf(x.a() + x.b()))
                .tool(new Tools.Tool("work", null, "retry-safe: sleeps, then names the node", schema, null, retrySafe,
                        new Tools.ToolExecution("optional"), null, null), work)
                .tool(new Tools.Tool("once", null, "not retry-safe: sleeps, then names the node", schema, null, null,
                        new Tools.ToolExecution("optional"), null, null), work)
                .tasks(() -> new ReportingTaskStore(cluster.taskStore(), System.out), TaskLimits.defaults())
                .sessionDirectory(cluster.sessionDirectory()).build();
        StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        say("LISTENING " + http.port() + " " + me);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.equals("ledger")) continue;
            TaskLedger t = server.taskEngine().orElseThrow().ledger();
            Ledger k = server.kernel().ledger();
            say("LEDGER " + t.created() + " " + t.completed() + " " + t.failed() + " " + t.cancelled() + " " + t.expired()
                    + " " + t.running() + " " + k.accepted() + " " + k.delivered() + " " + k.deadLettered() + " " + k.refused());
        }
        http.awaitClose();
    }

    private static void say(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
