package dev.switchboard.benchmarks;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.tasks.TaskStore;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/*
 * The server the soak runs against, in process on 127.0.0.1 port 0: a fast tool (add), a tool that
 * changes a subscribable resource (touch), a tool that runs as a durable task (work, 5 ms), the
 * resource itself, and the embedded task store in a temporary directory. In process so the soak can
 * read its own heap after a GC; the load's clients share the heap, and their state is bounded too.
 */
final class SoakServer implements AutoCloseable {
    static final String COUNTER = "soak://counter";
    record Add(int a, int b) {}

    final Kernel kernel;
    final McpServer server;
    final StreamableHttpServer listener;
    private final AtomicLong counter = new AtomicLong();

    SoakServer(Path taskDir) throws Exception {
        kernel = Kernel.create(KernelConfig.defaults());
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties");
        Tools.Tool work = new Tools.Tool("work", null, "Works 5 ms; runs as a task when asked", schema, null, null, new Tools.ToolExecution("optional"), null, null);
        McpServer[] self = new McpServer[1];
        server = McpServer.builder("soak", "1.0").kernel(kernel)
                .tool("add", "Adds a and b", Add.class, a -> Integer.toString(a.a() + a.b()))
                .nonBlocking("add")
                .tool(Tools.Tool.of("touch", "Advances soak://counter and notifies its subscribers", schema), (a, c) -> {
                    long n = counter.incrementAndGet();
                    self[0].resourceUpdated(COUNTER);
                    return Long.toString(n);
                })
                .tool(work, (a, c) -> {
                    Thread.sleep(5);
                    return "worked";
                })
                .resource(COUNTER, "counter", "Changes on every touch", "text/plain", (uri, vars, c) -> Long.toString(counter.get()))
                .tasks(() -> TaskStore.embedded(taskDir), TaskLimits.defaults())
                .build();
        self[0] = server;
        listener = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.port() + "/mcp");
    }

    @Override
    public void close() throws Exception {
        listener.close();
        server.close();
        kernel.close();
    }
}
