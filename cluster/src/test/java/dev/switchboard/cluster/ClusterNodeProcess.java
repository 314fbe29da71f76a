package dev.switchboard.cluster;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/*
 * A Switchboard node in its own JVM, for the three-node test to kill with SIGKILL: the tools add
 * and work (a retry-safe task that sleeps, then names the node that finished it), touch (tells
 * the subscribers of res://a that it changed), tasks on JetStream, sessions in the KV directory,
 * notifications bridged. Prints "LISTENING <port> <name>".
 */
public final class ClusterNodeProcess {
    public static void main(String[] args) throws Exception {
        NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(args[0]).withTaskLeaseMs(Long.parseLong(args[1])));
        String me = "pid-" + ProcessHandle.current().pid();
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        var hints = new Tools.ToolAnnotations(null, null, null, Boolean.TRUE, null);
        var self = new java.util.concurrent.atomic.AtomicReference<McpServer>();
        McpServer server = McpServer.builder("cluster-node", "1")
                .tool("touch", "raises an update of res://a", ObjectNode.class, x -> {
                    self.get().resourceUpdated("res://a");
                    return "touched by " + me;
                })
                .resource("res://a", "a", "the resource", "text/plain", (uri, vars, ctx) -> "A")
                .tool("add", "adds", SessionHoppingTest.Add.class, x -> String.valueOf(x.a() + x.b()))
                .tool(new Tools.Tool("work", null, "sleeps, then names the node", schema, null, hints,
                        new Tools.ToolExecution("optional"), null, null), (a, c) -> {
                            Thread.sleep(a.path("ms").asLong(1000));
                            return "done by " + me;
                        })
                .tasks(cluster::taskStore, TaskLimits.defaults())
                .sessionDirectory(cluster.sessionDirectory()).build();
        self.set(server);
        cluster.bridgeNotifications(server.kernel());
        StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        System.out.println("LISTENING " + http.port() + " " + me);
        System.out.flush();
        http.awaitClose();
    }
}
