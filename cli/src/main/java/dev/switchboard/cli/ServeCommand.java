package dev.switchboard.cli;

import dev.switchboard.examples.Examples;
import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigException;
import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.McpSettings;
import dev.switchboard.ops.AdminServer;
import dev.switchboard.ops.Operations;
import dev.switchboard.ops.OpsSettings;
import dev.switchboard.transport.HttpRoutes;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StdioTransport;
import dev.switchboard.transport.StreamableHttpServer;
import dev.switchboard.tasks.TaskStore;
import dev.switchboard.tasks.TaskStoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs an MCP server: the demo by default, or a named example, over Streamable HTTP or stdio, with
 * the operational endpoints (/health, /ready, /metrics, the dashboard at /) on the HTTP listener or
 * on {@code admin.port}.
 */
@Command(name = "serve", description = "Run the MCP server (demo tools add, echo, …) on http://127.0.0.1:8080/mcp, or over stdio; "
        + "/health, /ready, /metrics and a live dashboard at / beside it (or on admin.port).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--host", description = "Address to bind (default: http.host, 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port to listen on (default: http.port, 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--stdio", description = "Serve newline-delimited JSON on stdin/stdout instead of HTTP; logs go to stderr.")
    boolean stdio;

    @Option(names = "--example", description = "Which server to run: ${COMPLETION-CANDIDATES} (default: demo).", completionCandidates = Examples.Names.class)
    String example = "demo";

    @Override
    public Integer call() throws Exception {
        Config config;
        try {
            config = ServerOptions.load(options);
        } catch (ConfigException e) {
            System.err.println("sb serve: invalid configuration: " + e.getMessage());
            return 2;
        }
        HttpSettings http = HttpSettings.from(config);
        if (host != null) http = http.withHost(host);
        if (port != null) http = http.withPort(port);
        OpsSettings opsSettings = OpsSettings.from(config);
        if (!stdio && opsSettings.adminPort() > 0 && opsSettings.adminPort() == http.port()) {
            System.err.println("sb serve: invalid configuration: admin.port (" + opsSettings.adminPort() + ") must differ from http.port; "
                    + "use -1 to serve the operational endpoints on the HTTP listener");
            return 2;
        }
        try (Kernel kernel = Kernel.create(KernelConfig.from(config));
             Operations ops = Operations.create(opsSettings, kernel);
             McpServer server = Examples.create(example, McpServer.builder("switchboard-" + example, "0.1.0").kernel(kernel)
                     .settings(McpSettings.from(config)).observer(ops.observer())
                     .tasks(() -> TaskStore.embedded(Path.of(config.get(TaskOptions.DIR))), TaskOptions.limits(config)))) {
            ops.bind(server);
            boolean separateAdmin = opsSettings.enabled() && opsSettings.adminPort() >= 0;
            try (AdminServer admin = separateAdmin ? AdminServer.start(opsSettings.adminHost(), opsSettings.adminPort(), ops.routes()) : null) {
                if (admin != null) System.err.println("sb serve: operational endpoints on http://" + opsSettings.adminHost() + ":" + admin.port() + "/ (health, ready, metrics, dashboard)");
                if (stdio) {
                    System.err.println("sb serve: " + example + " server on stdio");
                    new StdioTransport(server, server.codec(), System.in, System.out, config.get(StdioTransport.MAX_LINE_BYTES),
                            config.get(StdioTransport.DRAIN_TIMEOUT_MS)).run();
                    return 0;
                }
                HttpRoutes routes = opsSettings.enabled() && !separateAdmin ? ops.routes() : HttpRoutes.none();
                try (StreamableHttpServer listener = StreamableHttpServer.start(server, server.codec(), http, routes)) {
                    ops.bind(listener.traffic());
                    String base = "http://" + http.host() + ":" + listener.port();
                    System.err.println("sb serve: " + example + " server on " + base + http.path());
                    // the line peer runners (sb compare) wait for, on stdout
                    System.out.println("LISTENING " + base + http.path());
                    System.out.flush();
                    if (!routes.isEmpty()) System.err.println("sb serve: dashboard on " + base + "/ ; " + base + "/health, /ready, /metrics");
                    Runtime.getRuntime().addShutdownHook(new Thread(listener::close));
                    listener.awaitClose();
                }
            }
        } catch (IllegalArgumentException | TaskStoreException e) {
            System.err.println("sb serve: " + e.getMessage());
            return 2;
        }
        return 0;
    }
}
