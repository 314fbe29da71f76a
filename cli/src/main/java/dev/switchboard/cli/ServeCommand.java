package dev.switchboard.cli;

import dev.switchboard.agents.Embedder;
import dev.switchboard.agents.FindTools;
import dev.switchboard.agents.ToolSearch;
import dev.switchboard.agents.ToolSearchSettings;
import dev.switchboard.agents.ToolUsage;
import dev.switchboard.cluster.ClusterUnavailable;
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
import dev.switchboard.auth.AuthSettings;
import dev.switchboard.auth.OAuthResourceServer;
import dev.switchboard.auth.RateLimits;
import dev.switchboard.transport.Authenticator;
import dev.switchboard.transport.TlsFiles;
import dev.switchboard.transport.HttpRoutes;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StdioTransport;
import dev.switchboard.transport.StreamableHttpServer;
import dev.switchboard.transport.HandshakeCheck;
import dev.switchboard.transport.TcpServer;
import dev.switchboard.transport.TcpSettings;
import dev.switchboard.transport.WebSocketSettings;
import java.io.PrintWriter;
import dev.switchboard.tasks.TaskStoreException;
import dev.switchboard.wasm.WasmTools;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs an MCP server: the demo by default, a named example, or the user's own
 * {@link dev.switchboard.mcp.ServerDefinition} ({@code --class}, {@code --jar}), over Streamable
 * HTTP or stdio, with the operational endpoints (/health, /ready, /metrics, the dashboard at /) on
 * the HTTP listener or on {@code admin.port}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run an MCP server (the demo, tools add, echo, …, or your own with --class/--jar) on http://127.0.0.1:8080/mcp, or over stdio; "
        + "/health, /ready, /metrics and a live dashboard at / beside it (or on admin.port).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", description = "Address to bind (default: http.host, 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port to listen on (default: http.port, 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--tls-self-signed", description = "Serve HTTPS with a throwaway self-signed certificate for localhost (local trials; "
            + "set http.tls.certFile and http.tls.keyFile for a real one).")
    boolean tlsSelfSigned;

    @Option(names = "--stdio", description = "Serve newline-delimited JSON on stdin/stdout instead of HTTP; logs go to stderr.")
    boolean stdio;

    @Option(names = "--tcp-port", description = "Also serve newline-delimited JSON over TCP on this port (default: tcp.port, -1 = off; 0 picks a free one).")
    Integer tcpPort;

    @Option(names = "--no-ws", description = "Do not accept WebSocket upgrades at ws.path (/mcp/ws); ws.enabled=false.")
    boolean noWebSocket;

    @Option(names = "--no-legacy-sse", description = "Do not serve the 2024-11-05 HTTP+SSE transport (GET /sse, POST /messages); sse.legacy=false.")
    boolean noLegacySse;

    @Option(names = "--example", description = "Which built-in server to run: ${COMPLETION-CANDIDATES} (default: demo).", completionCandidates = Examples.Names.class)
    String example;

    @Option(names = "--class", paramLabel = "CLASS", description = "Run your own server: a class implementing dev.switchboard.mcp.ServerDefinition (on the class path, or in --jar).")
    String className;

    @Option(names = "--jar", paramLabel = "JAR", description = "Run your own server from this jar: the ServerDefinition it lists in META-INF/services (or the one --class names).")
    Path jar;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Config config;
        ServerChoice choice;
        dev.switchboard.agents.AgentsFile agents;
        try {
            config = ServerOptions.load(options, err);
            agents = AgentsServing.read(options, dev.switchboard.agents.AgentsSettings.from(config), err);
            choice = ServerChoice.of(example, className, jar);
        } catch (ConfigException e) {
            return fail(err, "invalid configuration: " + e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage(), 2);
        }
        HttpSettings http = HttpSettings.from(config);
        if (host != null) http = http.withHost(host);
        if (port != null) http = http.withPort(port);
        OpsSettings opsSettings = OpsSettings.from(config);
        if (!stdio && opsSettings.adminPort() > 0 && opsSettings.adminPort() == http.port())
            return fail(err, "invalid configuration: admin.port (" + opsSettings.adminPort() + ") must differ from http.port; "
                    + "use -1 to serve the operational endpoints on the HTTP listener", 2);
        ClusterJoin cluster;
        try {
            cluster = ClusterJoin.from(config);
        } catch (ClusterUnavailable e) {
            return fail(err, e.getMessage() + " (cluster.nats)", 1);
        } catch (IllegalArgumentException e) {
            return fail(err, "invalid configuration: " + e.getMessage(), 2);
        }
        ToolSearchSettings toolSearch = ToolSearchSettings.from(config);
        ToolUsage toolUsage = new ToolUsage();
        try (cluster;
             Kernel kernel = Kernel.create(KernelConfig.from(config));
             Operations ops = Operations.create(opsSettings, kernel);
             McpServer server = choice.create().apply(cluster.prepare(AgentsServing.tasksOfAgents(McpServer.builder(choice.name(), choice.version()), agents).kernel(kernel)
                     .settings(McpSettings.from(config)).budgets(dev.switchboard.mcp.Budgets.from(config)).frames(dev.switchboard.mcp.FrameRules.from(config)).observer(toolSearch.enabled() ? toolUsage.observing(ops.observer()) : ops.observer()),
                     config, TaskOptions.limits(config)));
             dev.switchboard.agents.Gateway gateway = AgentsServing.start(server, agents, dev.switchboard.agents.AgentsSettings.from(config), ops, err);
             WasmTools wasm = WasmOptions.start(server, config, err)) {
            this.gateway = gateway;
            ops.bind(server);
            cluster.attach(server, ops);
            if (cluster.joined()) err.println("sb serve: " + cluster.describe());
            if (toolSearch.enabled()) {
                Embedder embedder = Embedder.miniLm();
                FindTools findTools = FindTools.attach(server, ToolSearch.create(embedder), toolUsage, toolSearch);
                if (gateway != null) AgentsServing.rankByPatterns(gateway, findTools, embedder);
            }
            boolean separateAdmin = opsSettings.enabled() && opsSettings.adminPort() >= 0;
            AdminServer admin = null;
            if (separateAdmin) {
                try {
                    admin = AdminServer.start(opsSettings.adminHost(), opsSettings.adminPort(), ops.routes(), http.connections());
                } catch (Exception e) {
                    return bindFailure(err, e, opsSettings.adminHost(), opsSettings.adminPort(), "admin.port");
                }
                ops.bindAdmin(admin.traffic());
                err.println("sb serve: operational endpoints on http://" + opsSettings.adminHost() + ":" + admin.port() + "/ (health, ready, metrics, dashboard)");
            }
            try (AdminServer closing = admin) {
                if (stdio) {
                    err.println("sb serve: " + choice.label() + " server on stdio");
                    err.flush();
                    new StdioTransport(server.sessionHost(), server.codec(), System.in, System.out, config.get(StdioTransport.MAX_LINE_BYTES),
                            config.get(StdioTransport.DRAIN_TIMEOUT_MS)).run();
                    return 0;
                }
                WebSocketSettings ws = WebSocketSettings.from(config);
                ws = new WebSocketSettings(ws.enabled() && !noWebSocket, ws.path(), ws.maxFrameBytes(), ws.maxMessageBytes(), ws.pingInterval(), ws.legacySse() && !noLegacySse);
                TcpSettings tcp = TcpSettings.from(config);
                if (tcpPort != null) tcp = tcp.withPort(tcpPort);
                return serveHttp(server, http, ws, tcp, opsSettings.enabled() && !separateAdmin ? ops.routes() : HttpRoutes.none(), ops, choice, out, err,
                        AuthSettings.from(config), config);
            }
        } catch (IllegalArgumentException | TaskStoreException | ClusterUnavailable e) {
            return fail(err, e.getMessage(), 2);
        }
    }

    /** The agents gateway while serving, or null: told where the server listens. */
    private dev.switchboard.agents.Gateway gateway;

    private Integer serveHttp(McpServer server, HttpSettings http, WebSocketSettings ws, TcpSettings tcp, HttpRoutes routes, Operations ops,
                              ServerChoice choice, PrintWriter out, PrintWriter err, AuthSettings authSettings, Config config) throws InterruptedException {
        OAuthResourceServer auth = null;
        if (authSettings.enabled()) {
            try {
                auth = OAuthResourceServer.startFor(authSettings, http);
            } catch (RuntimeException e) {
                return fail(err, "auth: " + e.getMessage(), 2);
            }
            routes = routes.plus(auth.routes());
            err.println("sb serve: OAuth 2.1 resource server " + auth.resource() + " (tokens from " + authSettings.issuer() + "; metadata " + auth.metadataUrl() + ")");
        }
        Authenticator door = RateLimits.around(auth, config);
        TlsFiles tls;
        try {
            tls = tlsSelfSigned ? SelfSignedTls.create() : TlsFiles.from(config);
        } catch (RuntimeException e) {
            return fail(err, "tls: " + e.getMessage(), 2);
        }
        StreamableHttpServer listener;
        try {
            listener = StreamableHttpServer.start(server, http, routes, ws, HandshakeCheck.none(), door, tls);
        } catch (Exception e) {
            return bindFailure(err, e, http.host(), http.port(), port != null ? "--port" : "http.port");
        }
        TcpServer tcpListener = null;
        boolean tcpTls = tcp.enabled() && config.get(TcpSettings.TLS);
        if (tcpTls && tls == null) {
            listener.close();
            return fail(err, "tls: tcp.tls is on but http.tls.certFile and http.tls.keyFile are not set (TCP uses the HTTPS certificate)", 2);
        }
        if (tcp.enabled()) {
            try {
                tcpListener = TcpServer.start(server, tcp, tcpTls ? tls : null);
            } catch (Exception e) {
                listener.close();
                return bindFailure(err, e, tcp.host(), tcp.port(), tcpPort != null ? "--tcp-port" : "tcp.port");
            }
        }
        try (listener; TcpServer closingTcp = tcpListener) {
            ops.bind(listener.traffic());
            if (closingTcp != null) ops.bindTcp(closingTcp);
            String base = (tls == null ? "http://" : "https://") + http.host() + ":" + listener.port();
            err.println("sb serve: " + choice.label() + " server on " + base + http.path());
            if (ws.enabled()) err.println("sb serve: WebSocket on " + (tls == null ? "ws://" : "wss://") + http.host() + ":" + listener.port() + ws.path() + " (subprotocol mcp)");
            if (ws.legacySse()) err.println("sb serve: legacy HTTP+SSE (2024-11-05) on " + base + "/sse");
            if (closingTcp != null) err.println("sb serve: TCP (newline-delimited JSON" + (tcpTls ? ", TLS" : "") + ") on " + tcp.host() + ":" + closingTcp.port());
            if (!routes.isEmpty()) err.println("sb serve: dashboard on " + base + "/ ; " + base + "/health, /ready, /metrics");
            err.flush();
            // the line peer runners (sb compare) wait for, on stdout
            out.println("LISTENING " + base + http.path());
            out.flush();
            if (gateway != null && tls == null) gateway.servedAt(java.net.URI.create(base + http.path())); // its warm-up also through the transport
            Runtime.getRuntime().addShutdownHook(new Thread(listener::close));
            listener.awaitClose();
        }
        return 0;
    }

    /** One line naming the port when it is taken; anything else is not ours to explain and goes up. */
    private static Integer bindFailure(PrintWriter err, Exception e, String host, int port, String setting) throws InterruptedException {
        if (e instanceof InterruptedException interrupted) throw interrupted;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof java.net.BindException || message.contains("Address already in use"))
                return fail(err, "port " + port + " is in use (" + setting + ")", 1);
            if (message.contains("Cannot assign requested address"))
                return fail(err, "cannot listen on " + host + ":" + port + ": no such local address (" + setting.replace("port", "host") + ")", 1);
        }
        if (e instanceof RuntimeException r) throw r;
        throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e, e);
    }

    private static Integer fail(PrintWriter err, String message, int code) {
        err.println("sb: " + message);
        err.flush();
        return code;
    }
}
