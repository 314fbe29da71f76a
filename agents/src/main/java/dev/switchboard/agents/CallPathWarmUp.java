package dev.switchboard.agents;

import dev.switchboard.mcp.Context;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.StatelessEra;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.spi.SessionHost;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/*
 * Runs a client's tools/call path inside the gateway before any client arrives. Why: measured on
 * a fresh gateway JVM (FirstCallStages in the benchmarks), the first tools/call spent ~50 ms in
 * the server itself (decoding, dispatch, the kernel's route, the tool's argument binding, encoding
 * the answer: classes loaded, Jackson building its serializers, code interpreted) against ~0.4 ms
 * warm, far more than the agent's own cold first call. Member warm-ups alone (the pool calling an
 * unknown tool on each member) never touched the server's side. So after an agent's tools are
 * registered, the gateway sends real requests through the server's own entry points, one session-
 * era and one stateless, as a transport hands them over: initialize, then tools/call of one of the
 * agent's tools as exposed, with arguments made up to pass its schema (SampleArguments). The
 * request's _meta carries a token only this gateway knows, and the tool's handler, seeing it, asks
 * the member for a ping instead of the tool: the agent runs nothing, every other step is the client's.
 */
final class CallPathWarmUp {
    private static final System.Logger LOG = System.getLogger(CallPathWarmUp.class.getName());
    /** The {@code _meta} key whose value is this gateway's token. */
    static final String META_KEY = "io.switchboard/warm-up";

    /** Keep-alive sockets per era in the HTTP warm-up: at least one per event loop of the server's default group. */
    private static final int SOCKETS = 2 * Runtime.getRuntime().availableProcessors() + 1;

    private final String token = UUID.randomUUID().toString();
    private final McpServer server;
    /** The server's own codec: Jackson builds its readers and writers per mapper, so another codec would warm nothing of the server's. */
    private final JsonRpcCodec codec;

    CallPathWarmUp(McpServer server) {
        this.server = server;
        this.codec = server.codec();
    }

    /** Warm-up calls that reached a tool's handler (the server's checks let them through). */
    private final java.util.concurrent.atomic.AtomicInteger reached = new java.util.concurrent.atomic.AtomicInteger();

    /** Whether a call is this gateway's own warm-up (its token in {@code _meta}), not a client's; counts the warm-up calls that got this far. */
    boolean isWarmUp(Context ctx) {
        ObjectNode meta = ctx.meta();
        boolean warmUp = meta != null && token.equals(meta.path(META_KEY).asString(null));
        if (warmUp) reached.incrementAndGet();
        return warmUp;
    }

    /** How many warm-up calls reached a tool's handler so far. */
    int reached() {
        return reached.get();
    }

    /** Calls {@code exposedTool} through {@code server}'s request path {@code rounds} times in each era; returns how many answered. */
    int run(String exposedTool, ObjectNode arguments, int rounds, long timeoutMs) {
        SessionHost host = server.sessionHost();
        int answered = 0;
        for (int i = 0; i < rounds; i++) {
            if (host.open("warm-up") instanceof SessionHost.Opened.Session(var session)) {
                try {
                    ObjectNode init = codec.mapper().createObjectNode().put("protocolVersion", ProtocolVersion.LATEST);
                    init.putObject("capabilities");
                    init.putObject("clientInfo").put("name", "switchboard-gateway-warm-up").put("version", "0.1.0");
                    if (answer(x -> session.handle(x.decoded, x), request("i" + i, "initialize", init), timeoutMs)) {
                        session.handle(codec.decode("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                                new Answer(null));
                        if (answer(x -> session.handle(x.decoded, x), request("s" + i, "tools/call", call(exposedTool, arguments, false)), timeoutMs)) answered++;
                    }
                } finally {
                    host.end(session.id());
                }
            }
            if (answer(x -> host.handleStateless(x.decoded, x), request("l" + i, "tools/call", call(exposedTool, arguments, true)), timeoutMs)) answered++;
        }
        return answered;
    }

    /**
     * The same calls through the server's Streamable HTTP endpoint, as a client sends them: the
     * transport's own first requests (its HTTP pipeline, its answers) run here, not in a client's
     * first call. A session-era client (what most clients are; two thirds of {@code budgetNanos}
     * and at least {@link WarmUpBudget#MIN_CALLS} calls), then a stateless one (the rest of the
     * budget, a third of the calls: the path past the session is the same), each calling until its
     * per-call time settles ({@link WarmUpBudget}); returns how many calls were answered.
     */
    int overHttp(java.net.URI endpoint, String exposedTool, ObjectNode arguments, long budgetNanos) {
        int answered = 0;
        var params = new dev.switchboard.mcp.protocol.Tools.CallToolParams(exposedTool, arguments, null, null, null,
                codec.mapper().createObjectNode().put(META_KEY, token));
        for (String version : List.of(ProtocolVersion.LATEST, StatelessEra.VERSION)) {
            boolean sessions = version.equals(ProtocolVersion.LATEST);
            List<dev.switchboard.client.McpClient> clients = new java.util.ArrayList<>();
            try {
                // keep-alive sockets: the lightest client we have, so most of the budget goes to the server's side of the calls;
                // in the session era a JDK HttpClient one too: its requests (headers, h2c upgrade) take paths of their own.
                // One socket per event loop and more (Netty's default group is two per core, channels dealt round-robin), so
                // that a client's first call does not land on a loop whose thread no warm-up call ran on (its buffer caches and
                // thread-locals made at first use). Measured: first call medians 8.9 and 12.3 ms with it against 14.9 and 16.7
                // ms without (three gateways each, quiet): within the run-to-run spread, not proven to help.
                for (int s = 0; s < SOCKETS; s++) clients.add(client(endpoint, version, true));
                if (sessions) clients.add(client(endpoint, version, false));
                WarmUpBudget budget = sessions ? new WarmUpBudget(budgetNanos * 2 / 3, WarmUpBudget.MIN_CALLS)
                        : new WarmUpBudget(budgetNanos / 3, WarmUpBudget.MIN_CALLS / 3);
                long took;
                do {
                    var client = clients.get(answered % clients.size());
                    long start = System.nanoTime();
                    try {
                        client.request("tools/call", params, Object.class);
                    } catch (dev.switchboard.mcp.McpException agentsAnswer) {
                        // an agent's error: an answer all the same
                    }
                    took = System.nanoTime() - start;
                    answered++;
                } while (budget.another(took));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "gateway warm-up over {0} ({1}) stopped: {2}", endpoint, version, e.toString());
            } finally {
                clients.forEach(dev.switchboard.client.McpClient::close);
            }
        }
        return answered;
    }

    private static dev.switchboard.client.McpClient client(java.net.URI endpoint, String version, boolean keepAliveSockets) {
        var builder = dev.switchboard.client.McpClient.builder().clientInfo("switchboard-gateway-warm-up", "0.1.0").protocolVersion(version)
                .requestTimeout(java.time.Duration.ofSeconds(10));
        dev.switchboard.client.McpClient client = (keepAliveSockets ? builder.keepAliveSockets() : builder).http(endpoint);
        try {
            client.initialize();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Waits, at most {@code maxMillis}, until the JIT has compiled what the warm-up queued (its
     * total compilation time stops growing for two polls), so a client's first call does not share
     * the cores with the compiler threads; returns the ms waited.
     */
    static long awaitCompilerQuiet(long maxMillis) {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) return 0;
        try {
            long last = jit.getTotalCompilationTime();
            int quiet = 0;
            while (quiet < 2 && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(maxMillis)) {
                Thread.sleep(20);
                long now = jit.getTotalCompilationTime();
                quiet = now == last ? quiet + 1 : 0;
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private ObjectNode call(String tool, ObjectNode arguments, boolean stateless) {
        ObjectNode params = codec.mapper().createObjectNode().put("name", tool);
        params.set("arguments", arguments.deepCopy());
        ObjectNode meta = params.putObject("_meta").put(META_KEY, token);
        if (stateless) {
            meta.put(StatelessEra.META_VERSION, StatelessEra.VERSION);
            meta.putObject(StatelessEra.META_CAPABILITIES);
            meta.putObject(StatelessEra.META_CLIENT_INFO).put("name", "switchboard-gateway-warm-up").put("version", "0.1.0");
        }
        return params;
    }

    private String request(String id, String method, ObjectNode params) {
        ObjectNode r = codec.mapper().createObjectNode().put("jsonrpc", "2.0").put("id", "warm-up-" + id).put("method", method);
        r.set("params", params);
        return r.toString();
    }

    /** Hands {@code json} to the server as a transport would and waits for its answer; true when one came. */
    private boolean answer(java.util.function.Consumer<Answer> handle, String json, long timeoutMs) {
        Answer a = new Answer(codec.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))); // bytes, as a transport decodes them
        try {
            handle.accept(a);
            return a.done.get(timeoutMs, TimeUnit.MILLISECONDS) != null;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "gateway warm-up: {0} got no answer: {1}", json, e.toString());
            return false;
        }
    }

    /** The exchange of one warm-up request: the answer completes {@code done}; notifications are dropped. */
    private static final class Answer implements Exchange {
        final dev.switchboard.mcp.codec.Decoded decoded;
        final CompletableFuture<byte[]> done = new CompletableFuture<>();

        Answer(dev.switchboard.mcp.codec.Decoded decoded) {
            this.decoded = decoded;
        }

        @Override
        public void send(byte[] message) {
        }

        @Override
        public void respond(byte[] response) {
            done.complete(response);
        }

        @Override
        public void abandon() {
            done.complete(null);
        }

        @Override
        public Map<String, List<String>> headers() {
            return Map.of();
        }
    }
}
