package dev.switchboard.client;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.codec.RawResult;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.Lifecycle;
import dev.switchboard.mcp.protocol.Logging;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.StatelessEra;
import dev.switchboard.mcp.protocol.Tools;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP client (protocol 2025-11-25) over stdio, Streamable HTTP, WebSocket, TCP or legacy HTTP+SSE, on the same protocol records
 * as {@link dev.switchboard.mcp.McpServer}. Calls block until the server answers, which is cheap on a virtual thread;
 * one client may be used by many threads at once.
 *
 * <pre>{@code
 * try (McpClient client = McpClient.stdio(List.of("node", "server.js"))) {
 *     client.initialize();
 *     for (Tools.Tool tool : client.listTools()) System.out.println(tool.name());
 *     Tools.CallToolResult result = client.callTool("greet", Map.of("name", "Ann"));
 * }
 * }</pre>
 *
 * <p>Handlers for what the server may ask (sampling, elicitation, roots) and listeners for what
 * it may announce (progress, log messages, resource updates, list changes) are set on the
 * {@link #builder()}:
 *
 * <pre>{@code
 * McpClient client = McpClient.builder()
 *     .onSampling(request -> Sampling.CreateMessageResult.text("my-model", llm.complete(request), "endTurn"))
 *     .onResourceUpdated(uri -> System.out.println("changed: " + uri))
 *     .http(URI.create("http://localhost:8080/mcp"));
 * }</pre>
 *
 * <p>Failures: a JSON-RPC error from the server throws {@link McpException} carrying it; a failed
 * exchange (timeout, closed connection, HTTP error status, protocol violation) throws
 * {@link McpClientException}; a call cancelled with {@link #cancel} or by interrupting the calling
 * thread throws {@link CancellationException}, after telling the server with
 * {@code notifications/cancelled}.
 */
public final class McpClient extends TypedRequests implements AutoCloseable {
    // The typed requests (ping, logging, tools, resources, prompts, completion) are in TypedRequests.

    static final JsonRpcCodec CODEC = JsonRpcCodec.create();
    /** The same, keeping results as JSON text ({@link Builder#rawResults()}). */
    private static final JsonRpcCodec RAW_RESULTS = JsonRpcCodec.builder().rawResults().build();

    /**
     * Answers one kind of server-to-client request. Runs on a virtual thread of its own and may
     * block (on a person, on a model); throwing {@link McpException} answers with that error, any
     * other exception with -32603.
     *
     * @param <P> the request's params
     * @param <R> the result
     */
    @FunctionalInterface
    public interface Handler<P, R> {
        R handle(P params) throws Exception;
    }

    private final ClientSession session;
    private final ClientTransport transport;
    /** The stateless era's calls over HTTP (protocol version 2026-07-28), or null in the session era. */
    private final StatelessCalls stateless;
    private final Implementation clientInfo;
    private final ClientCapabilities capabilities;
    private final String protocolVersion;
    private final AtomicLong progressTokens = new AtomicLong();
    private final ClientTasks tasks;

    private McpClient(Builder options, ClientTransport transport) {
        this.transport = transport;
        this.clientInfo = options.clientInfo;
        this.capabilities = options.capabilities();
        this.protocolVersion = options.protocolVersion;
        this.session = new ClientSession(options.rawResults ? RAW_RESULTS : CODEC, transport, options);
        // 2026-07-28 over a shared channel: no initialize, each request carries _meta, rounds answered here
        this.stateless = options.protocolVersion.equals(StatelessEra.VERSION) ? StatelessCalls.over(session, options, CODEC) : null;
        this.tasks = new ClientTasks(this, stateless, CODEC, options.requestTimeout);
        transport.start(session);
    }

    private McpClient(Builder options, StatelessCalls stateless) {
        this.transport = null;
        this.clientInfo = options.clientInfo;
        this.capabilities = options.capabilities();
        this.protocolVersion = options.protocolVersion;
        this.session = null;
        this.stateless = stateless;
        this.tasks = new ClientTasks(this, stateless, CODEC, options.requestTimeout);
    }

    private ClientSession session(String what) {
        if (session == null)
            throw new IllegalStateException(what + " needs a session; protocol version " + StatelessEra.VERSION + " has none");
        return session;
    }

    /** Spawns {@code command} as an MCP server speaking stdio, with default options. */
    public static McpClient stdio(List<String> command) {
        return builder().stdio(command);
    }

    /** A stdio client over the given streams (the server's output and input), with default options. */
    public static McpClient stdio(InputStream in, OutputStream out) {
        return builder().stdio(in, out);
    }

    /** A Streamable HTTP client for the MCP endpoint {@code endpoint}, with default options. */
    public static McpClient http(URI endpoint) {
        return builder().http(endpoint);
    }

    /** A builder for a client with handlers, listeners and options. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- lifecycle

    /**
     * Opens the session: sends {@code initialize}, checks the version the server chose, sends
     * {@code notifications/initialized} and (HTTP) opens the stream for server-initiated messages.
     * Call it first; over HTTP, call it again to start a new session after a 404.
     *
     * @throws McpClientException {@link McpClientException.Reason#PROTOCOL} when the server chose
     *     a version this client does not speak; the client is closed then
     */
    public Lifecycle.InitializeResult initialize() {
        if (stateless != null) return stateless.discover(); // 2026-07-28: nothing to open, just what the server offers
        Lifecycle.InitializeResult result = request(McpMethods.INITIALIZE, Lifecycle.InitializeParams.of(protocolVersion, capabilities, clientInfo), Lifecycle.InitializeResult.class);
        if (!ProtocolVersion.isSupported(result.protocolVersion())) {
            close();
            throw new McpClientException(McpClientException.Reason.PROTOCOL, "the server chose protocol version " + result.protocolVersion() + "; this client speaks " + ProtocolVersion.SUPPORTED);
        }
        transport.negotiated(result.protocolVersion());
        session.notify(McpMethods.NOTIFICATION_INITIALIZED, Params.Empty.INSTANCE);
        transport.listen();
        return result;
    }

    /** Tells the server the roots changed, so it asks for them again. */
    public void rootsChanged() {
        session("rootsChanged").notify(McpMethods.NOTIFICATION_ROOTS_LIST_CHANGED, Params.Empty.INSTANCE);
    }

    // ---- tools

    /**
     * {@link #callTool(String, ObjectNode, Consumer)} with the result bound to {@code resultType}:
     * {@code RawResult.class} for its JSON text as the server sent it (with {@link Builder#rawResults()}
     * nothing else is built from it), {@code JsonNode.class} for a tree.
     */
    @Override
    public <R> R callTool(String name, ObjectNode arguments, Consumer<ProgressParams> onProgress, Class<R> resultType) {
        ObjectNode meta = null;
        if (onProgress != null) meta = JsonNodeFactory.instance.objectNode().put("progressToken", "progress-" + progressTokens.incrementAndGet());
        Tools.CallToolParams params = new Tools.CallToolParams(name, arguments, null, null, null, meta);
        if (stateless != null) return stateless.request(McpMethods.TOOLS_CALL, params, resultType, onProgress);
        return session.request(McpMethods.TOOLS_CALL, params, resultType, onProgress);
    }

    /** Tools run as durable tasks (MCP Tasks), in this client's era: call, poll, await, cancel, list. */
    public ClientTasks tasks() {
        return tasks;
    }

    // ---- low level

    /**
     * Sends any request and binds its result to {@code resultType}; the typed methods
     * ({@link #listTools()}, {@link #readResource}, …) are this plus the method name.
     *
     * @throws McpException when the server answers with a JSON-RPC error
     */
    @Override
    public <R> R request(String method, Params params, Class<R> resultType) {
        if (stateless != null) return stateless.request(Objects.requireNonNull(method, "method"), params, resultType, null);
        return session.request(Objects.requireNonNull(method, "method"), params, resultType, null);
    }

    /** Sends any notification. */
    public void notify(String method, Params params) {
        session("notify").notify(Objects.requireNonNull(method, "method"), params);
    }

    /**
     * Sends bytes exactly as given, for testing how a server treats bad input, and returns the
     * response they provoke: matched by id when the message has a readable one, else the next
     * response without an id (the answer to unparseable JSON). Over HTTP, an error status whose
     * body is a JSON-RPC error returns that error.
     *
     * @return the response, or null for a message that expects none (a notification or response)
     */
    public Decoded.Response sendRaw(byte[] message) {
        return session("sendRaw").raw(message.clone());
    }

    /**
     * Cancels a request this client sent and is still waiting for: sends
     * {@code notifications/cancelled} and makes the waiting call throw {@link CancellationException}.
     * Interrupting the calling thread does the same. {@code initialize} must not be cancelled.
     *
     * @return false when no such request is in flight
     */
    public boolean cancel(RequestId id, String reason) {
        return session("cancel").cancel(id, reason);
    }

    /** The server process a {@link Builder#stdio(List)} client spawned (its pid, its memory, or to end it); empty otherwise. */
    public java.util.Optional<ProcessHandle> process() {
        return transport == null ? java.util.Optional.empty() : transport.process();
    }

    /** The ids of the requests waiting for a response now, e.g. to {@link #cancel} one. */
    public Set<RequestId> inFlight() {
        return session == null ? Set.of() : session.inFlight();
    }

    /**
     * Ends the session: stdio closes the server's stdin and waits briefly for it to exit (then
     * terminates it); HTTP sends {@code DELETE} for the session. Calls still waiting fail with
     * {@link McpClientException.Reason#CLOSED}.
     */
    @Override
    public void close() {
        if (session != null) session.close();
    }

    /**
     * Options of an {@link McpClient}; the transport method at the end ({@link #stdio},
     * {@link #http}, {@link #webSocket}, {@link #tcp}, {@link #legacySse}) builds the client.
     */
    public static final class Builder {
        Implementation clientInfo = Implementation.of("switchboard-client", "0.1.0");
        ClientCapabilities capabilities;
        String protocolVersion = ProtocolVersion.LATEST;
        Duration requestTimeout = Duration.ofSeconds(60);
        Handler<Sampling.CreateMessageParams, Sampling.CreateMessageResult> sampling;
        Handler<Elicitation.ElicitParams, Elicitation.ElicitResult> elicitation;
        Supplier<List<Roots.Root>> roots;
        Consumer<ProgressParams> onProgress;
        Consumer<Logging.MessageParams> onLog;
        Consumer<String> onResourceUpdated;
        Consumer<String> onListChanged;
        Consumer<Decoded.Notification> onNotification;
        Consumer<String> stderr;
        HttpClient httpClient;
        boolean keepAliveSockets;
        boolean rawResults;
        int maxMessageBytes = ClientStdio.DEFAULT_MAX_MESSAGE_BYTES;
        Consumer<McpClientException> onRefused;
        Map<String, String> environment = Map.of();
        Map<String, String> headers = Map.of();

        private Builder() {}

        /** Variables added to (or replacing ones of) this process's environment for a spawned server. */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        /** Headers sent with every HTTP request (Streamable HTTP, the WebSocket upgrade, legacy SSE), e.g. {@code Authorization}; the protocol's own headers cannot be replaced. */
        public Builder headers(Map<String, String> headers) {
            this.headers = Map.copyOf(headers);
            return this;
        }

        /** Who this client says it is in {@code initialize}. */
        public Builder clientInfo(String name, String version) {
            return clientInfo(Implementation.of(name, version));
        }

        /** Who this client says it is in {@code initialize}. */
        public Builder clientInfo(Implementation info) {
            this.clientInfo = Objects.requireNonNull(info, "info");
            return this;
        }

        /**
         * The capabilities to declare, replacing the ones derived from the handlers set (sampling,
         * elicitation in both modes, roots with list changes).
         */
        public Builder capabilities(ClientCapabilities capabilities) {
            this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
            return this;
        }

        /**
         * The protocol version to ask for, {@link ProtocolVersion#LATEST} by default. Over HTTP,
         * {@code "2026-07-28"} makes a stateless client: no session, every call a self-contained
         * POST, {@code initialize} becomes {@code server/discover}, and input_required rounds are
         * answered with the sampling, elicitation and roots handlers and retried until they complete.
         */
        public Builder protocolVersion(String version) {
            this.protocolVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** How long a call waits for its response before it cancels the request and fails; 60 s by default. */
        public Builder requestTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("requestTimeout must be positive, got " + timeout);
            this.requestTimeout = timeout;
            return this;
        }

        /** Answers {@code sampling/createMessage}; declares the sampling capability. */
        public Builder onSampling(Handler<Sampling.CreateMessageParams, Sampling.CreateMessageResult> handler) {
            this.sampling = handler;
            return this;
        }

        /** Answers {@code elicitation/create} in form and URL mode; declares the elicitation capability. */
        public Builder onElicitation(Handler<Elicitation.ElicitParams, Elicitation.ElicitResult> handler) {
            this.elicitation = handler;
            return this;
        }

        /** Answers {@code roots/list}; declares the roots capability. See {@link McpClient#rootsChanged()}. */
        public Builder roots(Supplier<List<Roots.Root>> roots) {
            this.roots = roots;
            return this;
        }

        /** Progress for requests without a listener of their own. Listeners run in arrival order on one thread. */
        public Builder onProgress(Consumer<ProgressParams> listener) {
            this.onProgress = listener;
            return this;
        }

        /** Log messages ({@code notifications/message}); see {@link McpClient#setLogLevel}. */
        public Builder onLog(Consumer<Logging.MessageParams> listener) {
            this.onLog = listener;
            return this;
        }

        /** The URI of a subscribed resource that changed; the listener may read it with the client. */
        public Builder onResourceUpdated(Consumer<String> listener) {
            this.onResourceUpdated = listener;
            return this;
        }

        /** A {@code list_changed} notification, by method name, e.g. {@link McpMethods#NOTIFICATION_TOOLS_LIST_CHANGED}. */
        public Builder onListChanged(Consumer<String> listener) {
            this.onListChanged = listener;
            return this;
        }

        /** Every notification, after the listeners above, including ones they do not cover. */
        public Builder onNotification(Consumer<Decoded.Notification> listener) {
            this.onNotification = listener;
            return this;
        }

        /** Where a spawned server's stderr lines go; inherited from this process by default. */
        public Builder stderr(Consumer<String> lines) {
            this.stderr = lines;
            return this;
        }

        /** The {@link HttpClient} to use for HTTP, e.g. with a proxy or TLS setup; one is made by default. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        /**
         * Sends POSTs to a plain {@code http://} endpoint over pooled keep-alive HTTP/1.1 sockets
         * instead of {@link HttpClient} (GETs and DELETE still use it): several times less client
         * time per call on a hot path such as a gateway's pool members. Not for endpoints behind
         * proxies that need HttpClient's features; {@code https://} is unaffected.
         */
        public Builder keepAliveSockets() {
            this.keepAliveSockets = true;
            return this;
        }

        /**
         * Keeps each result as the JSON text it arrived as until a call binds it: a result asked for
         * as {@link RawResult} (e.g. {@link McpClient#callTool(String, ObjectNode, Consumer, Class)})
         * is then that text, checked for well-formed JSON but never built into a tree or a record,
         * ready to be forwarded as it is ({@link JsonRpcCodec#encodeResult} writes it verbatim). What
         * a proxy's clients use (the agents gateway's members); other results are parsed from the text.
         */
        public Builder rawResults() {
            this.rawResults = true;
            return this;
        }

        /** The largest message taken from the server (stdio line, HTTP body, SSE event), 16 MiB by default; a larger one is refused unread. */
        public Builder maxMessageBytes(int max) {
            if (max < 1) throw new IllegalArgumentException("maxMessageBytes must be positive, got " + max);
            this.maxMessageBytes = max;
            return this;
        }

        /** Hears every message refused unread (too large: {@link McpClientException.Reason#TOO_LARGE}; not JSON-RPC: PROTOCOL). */
        public Builder onRefused(Consumer<McpClientException> listener) {
            this.onRefused = listener;
            return this;
        }

        /** Spawns {@code command} and speaks newline-delimited JSON on its stdin and stdout. */
        public McpClient stdio(List<String> command) {
            if (command.isEmpty()) throw new IllegalArgumentException("command must name a program");
            return new McpClient(this, ClientStdio.spawn(List.copyOf(command), environment, stderr, maxMessageBytes));
        }

        /** Speaks newline-delimited JSON on the given streams: {@code in} is the server's output. */
        public McpClient stdio(InputStream in, OutputStream out) {
            return new McpClient(this, ClientStdio.over(Objects.requireNonNull(in, "in"), Objects.requireNonNull(out, "out"), maxMessageBytes));
        }

        /** Speaks Streamable HTTP to the MCP endpoint {@code endpoint}, e.g. {@code http://host:8080/mcp}. */
        public McpClient http(URI endpoint) {
            String scheme = endpoint.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme))
                throw new IllegalArgumentException("endpoint must be an http or https URI, got " + endpoint);
            // 2026-07-28 has no session: each call is a self-contained POST, answered by any instance
            if (protocolVersion.equals(StatelessEra.VERSION)) return new McpClient(this, StatelessCalls.http(endpoint, this, CODEC));
            return new McpClient(this, new ClientHttp(endpoint, httpClient, requestTimeout, headers, keepAliveSockets, maxMessageBytes));
        }

        /** Speaks MCP over WebSocket (subprotocol {@code mcp}) to {@code endpoint}, e.g. {@code ws://host:8080/mcp/ws}. */
        public McpClient webSocket(URI endpoint) {
            return new McpClient(this, ClientSockets.webSocket(endpoint, httpClient, requestTimeout, headers));
        }

        /** Speaks newline-delimited JSON over a TCP connection to {@code host}:{@code port}. */
        public McpClient tcp(String host, int port) {
            return new McpClient(this, ClientSockets.tcp(host, port));
        }

        /**
         * Speaks newline-delimited JSON over TLS (1.2 or 1.3) to {@code host}:{@code port}, trusting
         * what {@code tls} trusts (e.g. {@link ClientTls#trusting} a self-signed certificate); the
         * host name must match the certificate.
         */
        public McpClient tcp(String host, int port, javax.net.ssl.SSLContext tls) {
            return new McpClient(this, ClientSockets.tcp(host, port, tls));
        }

        /** Speaks the deprecated 2024-11-05 HTTP+SSE transport; {@code sseEndpoint} is the stream, e.g. {@code http://host:8080/sse}. */
        public McpClient legacySse(URI sseEndpoint) {
            return new McpClient(this, ClientSockets.legacySse(sseEndpoint, httpClient, requestTimeout, headers));
        }

        ClientCapabilities capabilities() {
            if (capabilities != null) return capabilities;
            ClientCapabilities derived = ClientCapabilities.none();
            if (sampling != null) derived = derived.withSampling();
            if (elicitation != null) derived = derived.withElicitation();
            return roots != null ? derived.withRoots(true) : derived;
        }
    }
}
