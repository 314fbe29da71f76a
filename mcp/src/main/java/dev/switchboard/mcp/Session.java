package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * One session's state: the negotiated version and the client's capabilities, the log level, the
 * requests in flight (so {@code notifications/cancelled} can interrupt them), the server-to-client
 * requests awaiting answers, and resource subscriptions. Messages are handled by the server's
 * {@link Dispatcher}; this class only keeps the state and routes responses and notifications.
 */
final class Session implements ServerSession {
    /** A request being handled; {@code thread} is set once its handler starts. */
    static final class InFlight {
        volatile Thread thread;
        volatile boolean cancelled;
    }

    private final String id;
    private final String transport;
    private final Dispatcher dispatcher;
    private final Map<RequestId, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Map<RequestId, CompletableFuture<Decoded.Response>> awaiting = new ConcurrentHashMap<>();
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicLong outboundIds = new AtomicLong();
    private volatile String protocolVersion;
    private volatile Implementation client;
    private volatile ClientCapabilities capabilities = ClientCapabilities.none();
    private volatile LoggingLevel logLevel = LoggingLevel.DEBUG;
    private volatile SessionChannel channel;
    private volatile long lastActiveNanos = System.nanoTime();
    private volatile boolean closed;

    Session(String id, String transport, Dispatcher dispatcher) {
        this.id = id;
        this.transport = transport;
        this.dispatcher = dispatcher;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String protocolVersion() {
        return protocolVersion;
    }

    @Override
    public void handle(Decoded message, Exchange exchange) {
        touch();
        dispatcher.handle(this, message, exchange);
    }

    @Override
    public void attach(SessionChannel c) {
        channel = c;
    }

    @Override
    public void detach(SessionChannel c) {
        if (channel == c) channel = null;
    }

    @Override
    public void touch() {
        lastActiveNanos = System.nanoTime();
    }

    long idleNanos(long now) {
        return now - lastActiveNanos;
    }

    String transport() {
        return transport;
    }

    void initialized(String version, Implementation clientInfo, ClientCapabilities caps) {
        this.protocolVersion = version;
        this.client = clientInfo;
        this.capabilities = caps == null ? ClientCapabilities.none() : caps;
    }

    SessionInfo info() {
        return new SessionInfo(id, protocolVersion, client, capabilities, transport);
    }

    ClientCapabilities capabilities() {
        return capabilities;
    }

    LoggingLevel logLevel() {
        return logLevel;
    }

    void logLevel(LoggingLevel level) {
        this.logLevel = level;
    }

    Set<String> subscriptions() {
        return subscriptions;
    }

    /** Sends a message that belongs to no request; {@code false} when no channel is open. */
    boolean sendToChannel(byte[] message) {
        SessionChannel c = channel;
        return c != null && c.send(message);
    }

    InFlight track(RequestId requestId) {
        InFlight f = new InFlight();
        InFlight previous = inFlight.putIfAbsent(requestId, f);
        return previous == null ? f : null;
    }

    void untrack(RequestId requestId) {
        inFlight.remove(requestId);
    }

    /** The client cancelled {@code requestId}: mark it, and interrupt its handler if it runs. */
    void cancel(RequestId requestId) {
        InFlight f = inFlight.get(requestId);
        if (f == null) return;
        f.cancelled = true;
        Thread t = f.thread;
        if (t != null) t.interrupt();
    }

    /**
     * Sends a server-to-client request through {@code out} and waits for the answer.
     *
     * @throws McpException with the client's error, or -32001 when it does not answer in time
     */
    JsonNode request(String method, Params params, java.util.function.Consumer<byte[]> out, Duration timeout) throws InterruptedException {
        RequestId requestId = new RequestId.StringId("s-" + outboundIds.incrementAndGet());
        CompletableFuture<Decoded.Response> answer = new CompletableFuture<>();
        awaiting.put(requestId, answer);
        try {
            out.accept(dispatcher.codec().encodeRequest(requestId, method, params));
            Decoded.Response r = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r.isError()) throw new McpException(r.error());
            return r.result();
        } catch (TimeoutException e) {
            throw new McpException(-32001, "client did not answer " + method + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new McpException(JsonRpc.INTERNAL_ERROR, "session ended while waiting for the answer to " + method);
        } finally {
            awaiting.remove(requestId);
        }
    }

    /** Completes the server-to-client request that {@code response} answers; {@code false} if none waits. */
    boolean answer(Decoded.Response response) {
        CompletableFuture<Decoded.Response> f = response.id() == null ? null : awaiting.get(response.id());
        return f != null && f.complete(response);
    }

    boolean closed() {
        return closed;
    }

    /** Ends the session: interrupts its handlers and fails whatever waits on the client. */
    void close() {
        closed = true;
        channel = null;
        for (InFlight f : inFlight.values()) {
            f.cancelled = true;
            Thread t = f.thread;
            if (t != null) t.interrupt();
        }
        for (CompletableFuture<Decoded.Response> f : awaiting.values()) f.completeExceptionally(new IllegalStateException("session ended"));
    }
}
