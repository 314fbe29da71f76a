package dev.switchboard.client;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.CancelledParams;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Logging;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.ProgressToken;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The client side of one MCP session, above any {@link ClientTransport}: request ids and the
 * table of requests in flight, and the routing of whatever the server sends.
 *
 * <p>Callers block on a {@link CompletableFuture} per request; whichever thread reads the
 * response (stdio's reader, an HTTP stream's reader) completes it. Three kinds of work leave the
 * reading thread, for three reasons:
 * <ul>
 *   <li>Progress for a call with its own listener runs on the reading thread, so every progress
 *       notification is delivered before the call returns — the order the server sent them in.
 *   <li>Other notifications go to one virtual thread, in arrival order, so a listener may call the
 *       client (read a resource that changed) without blocking the reader that must deliver the
 *       answer.
 *   <li>Server-to-client requests (sampling, elicitation, roots) run on a virtual thread each:
 *       they wait on people and models, and the server may send more while they do.
 * </ul>
 */
final class ClientSession implements ClientTransport.Inbox {

    private static final System.Logger LOG = System.getLogger(McpClient.class.getName());

    private final JsonRpcCodec codec;
    private final ClientTransport transport;
    private final Duration timeout;
    private final McpClient.Handler<Sampling.CreateMessageParams, Sampling.CreateMessageResult> sampling;
    private final McpClient.Handler<Elicitation.ElicitParams, Elicitation.ElicitResult> elicitation;
    private final Supplier<List<Roots.Root>> roots;
    private final Consumer<ProgressParams> onProgress;
    private final Consumer<Logging.MessageParams> onLog;
    private final Consumer<String> onResourceUpdated;
    private final Consumer<String> onListChanged;
    private final Consumer<Decoded.Notification> onNotification;
    private final Consumer<McpClientException> onRefused;

    private final AtomicLong ids = new AtomicLong();
    private final Map<RequestId, CompletableFuture<Decoded.Response>> pending = new ConcurrentHashMap<>();
    /** The one raw message whose error answer carries no id (it was unreadable), if any waits. */
    private final AtomicReference<CompletableFuture<Decoded.Response>> unidentified = new AtomicReference<>();
    private final Map<ProgressToken, Consumer<ProgressParams>> progress = new ConcurrentHashMap<>();
    private final Map<RequestId, Thread> serving = new ConcurrentHashMap<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("mcp-client-events").factory());
    private final AtomicReference<McpClientException> closedBy = new AtomicReference<>();
    private final AtomicBoolean closeCalled = new AtomicBoolean();

    ClientSession(JsonRpcCodec codec, ClientTransport transport, McpClient.Builder options) {
        this.codec = codec;
        this.transport = transport;
        this.timeout = options.requestTimeout;
        this.sampling = options.sampling;
        this.elicitation = options.elicitation;
        this.roots = options.roots;
        this.onProgress = options.onProgress;
        this.onLog = options.onLog;
        this.onResourceUpdated = options.onResourceUpdated;
        this.onListChanged = options.onListChanged;
        this.onNotification = options.onNotification;
        this.onRefused = options.onRefused;
    }

    JsonRpcCodec codec() {
        return codec;
    }

    /**
     * Sends a request and waits for its result; a progress listener is registered under the
     * params' {@code _meta.progressToken} for as long as the request is in flight.
     */
    <R> R request(String method, Params params, Class<R> resultType, Consumer<ProgressParams> listener) {
        RequestId id = RequestId.of(ids.incrementAndGet());
        ProgressToken token = listener == null ? null : params.progressToken();
        if (token != null) {
            progress.put(token, listener);
        }
        Decoded.Response response;
        try {
            response = exchange(id, method, codec.encodeRequest(id, method, params));
        } finally {
            if (token != null) {
                progress.remove(token);
            }
        }
        if (response.isError()) {
            throw new McpException(response.error());
        }
        return response.rawResult() != null ? codec.convert(response.rawResult(), resultType) : codec.convert(response.result(), resultType);
    }

    void notify(String method, Params params) {
        McpClientException closed = closedBy.get();
        if (closed != null) {
            throw closed.rethrown();
        }
        send(null, codec.encodeNotification(method, params));
    }

    /**
     * Sends bytes as they are and returns the response they provoke: by id when the message has
     * a readable one, else the next response without an id (the server's answer to garbage).
     *
     * @return the response, or null for a message that expects none (a notification, a response)
     */
    Decoded.Response raw(byte[] message) {
        boolean answered;
        RequestId id;
        switch (codec.decode(message)) {
            case Decoded.Request r -> {
                answered = true;
                id = r.id();
            }
            case Decoded.Failure f -> {
                answered = f.replyExpected();
                id = f.id();
            }
            case Decoded.Batch b -> {
                answered = true;
                id = null;
            }
            case Decoded.Notification n -> {
                answered = false;
                id = null;
            }
            case Decoded.Response r -> {
                answered = false;
                id = null;
            }
        }
        if (!answered) {
            send(null, message);
            return null;
        }
        try {
            return exchange(id, "raw message", message);
        } catch (McpClientException e) {
            // HTTP answers unreadable input with 400 and a JSON-RPC error: that error is the answer
            if (e.reason() == McpClientException.Reason.HTTP_STATUS && e.body() != null
                    && codec.decode(e.body()) instanceof Decoded.Response r) {
                return r;
            }
            throw e;
        }
    }

    private Decoded.Response exchange(RequestId id, String method, byte[] message) {
        CompletableFuture<Decoded.Response> answer = new CompletableFuture<>();
        if (id == null ? !unidentified.compareAndSet(null, answer) : pending.putIfAbsent(id, answer) != null) {
            throw new IllegalStateException(id == null
                    ? "another message without a readable id is already waiting for its answer"
                    : "request id " + id + " is already in flight");
        }
        try {
            // close() may have failed everything pending between the caller's check and the put
            McpClientException closed = closedBy.get();
            if (closed != null) {
                throw closed.unsent();
            }
            transport.send(id, message);
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (id != null) {
                cancelRemote(id, "timed out after " + timeout.toMillis() + " ms");
            }
            throw new McpClientException(McpClientException.Reason.TIMEOUT,
                    "no response to " + method + " (id " + id + ") within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            if (id != null) {
                cancelRemote(id, "the caller was interrupted");
            }
            Thread.currentThread().interrupt();
            throw new CancellationException(method + " (id " + id + ") cancelled: the calling thread was interrupted");
        } catch (McpClientException e) {
            // the transport's own timeout (an HTTP exchange's, a socket's): the server must hear it too, or it runs on
            if (e.reason() == McpClientException.Reason.TIMEOUT && id != null) {
                cancelRemote(id, "timed out after " + timeout.toMillis() + " ms");
            }
            throw e;
        } catch (ExecutionException e) {
            throw switch (e.getCause()) {
                case McpClientException failed -> failed.rethrown();
                case CancellationException cancelled -> new CancellationException(cancelled.getMessage());
                default -> new McpClientException(McpClientException.Reason.CLOSED,
                        method + " (id " + id + ") failed: " + e.getCause(), e.getCause());
            };
        } finally {
            if (id == null) {
                unidentified.compareAndSet(answer, null);
            } else {
                pending.remove(id, answer);
            }
        }
    }

    /**
     * Gives up on a request this side sent: tells the server and fails the local wait with a
     * {@link CancellationException}.
     *
     * @return false when the request is not in flight
     */
    boolean cancel(RequestId id, String reason) {
        CompletableFuture<Decoded.Response> answer = pending.get(id);
        if (answer == null) {
            return false;
        }
        cancelRemote(id, reason);
        answer.completeExceptionally(new CancellationException("request " + id + " cancelled: " + reason));
        return true;
    }

    private void cancelRemote(RequestId id, String reason) {
        try {
            send(null, codec.encodeNotification(McpMethods.NOTIFICATION_CANCELLED, CancelledParams.of(id, reason)));
        } catch (McpClientException e) {
            // the connection is gone, and with it the request
        }
    }

    Set<RequestId> inFlight() {
        return Set.copyOf(pending.keySet());
    }

    private void send(RequestId awaiting, byte[] message) {
        try {
            transport.send(awaiting, message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while sending");
        }
    }

    // ---- incoming

    @Override
    public void receive(String json) {
        dispatch(codec.decode(json));
    }

    @Override
    public void receive(byte[] json) {
        dispatch(codec.decode(json));
    }

    private void dispatch(Decoded message) {
        switch (message) {
            case Decoded.Response r -> answered(r);
            case Decoded.Notification n -> notification(n);
            case Decoded.Request r -> serve(r);
            case Decoded.Batch b -> b.messages().forEach(this::dispatch);
            case Decoded.Failure f -> unreadable(f);
        }
    }

    private void answered(Decoded.Response response) {
        CompletableFuture<Decoded.Response> answer = response.id() == null
                ? unidentified.getAndSet(null)
                : pending.get(response.id());
        if (answer != null) {
            answer.complete(response);
        } else if (response.isError()) {
            LOG.log(System.Logger.Level.WARNING, "MCP server sent an error nobody waits for: {0} {1}",
                    response.error().code(), response.error().message());
        }
    }

    private void unreadable(Decoded.Failure f) {
        if (f.id() != null && f.method() != null && f.replyExpected()) {
            // a server request we cannot read: the server waits, so tell it why
            reply(f.id(), codec.encodeError(f));
            return;
        }
        // garbage between messages is logged, counted and skipped (the session carries on, as the stdio transport's
        // readers in the SDKs do); when it carries the id of a waiting request, that request fails now instead of
        // waiting out its timeout
        String what = f.id() != null ? "malformed response to request " + f.id() + ": " + f.message()
                : "an unreadable message (" + f.message() + ")";
        refused(f.id(), new McpClientException(McpClientException.Reason.PROTOCOL, "the server sent " + what));
    }

    @Override
    public void refused(RequestId id, McpClientException cause) {
        // heard before the call fails: whoever the call's failure wakes sees the refusal counted
        if (onRefused != null) run(onRefused, cause);
        CompletableFuture<Decoded.Response> answer = id == null ? null : pending.get(id);
        if (answer != null) {
            answer.completeExceptionally(cause);
        } else {
            // with a listener, reporting is the listener's (the gateway logs it naming the agent)
            LOG.log(onRefused == null ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, "dropped a message from the MCP server: {0}",
                    cause.getMessage());
        }
    }

    @Override
    public void refusedRequest(RequestId id, McpClientException cause) {
        if (onRefused != null) run(onRefused, cause);
        reply(id, codec.encodeError(id, JsonRpc.Error.of(JsonRpc.INVALID_REQUEST, "refused by the client: " + cause.getMessage())));
    }

    private void notification(Decoded.Notification n) {
        switch (n.method()) {
            case McpMethods.NOTIFICATION_PROGRESS -> {
                if (n.params() instanceof ProgressParams p) {
                    Consumer<ProgressParams> listener = progress.get(p.progressToken());
                    if (listener != null) {
                        run(listener, p);
                    } else {
                        post(onProgress, p);
                    }
                }
            }
            case McpMethods.NOTIFICATION_MESSAGE -> {
                if (n.params() instanceof Logging.MessageParams m) {
                    post(onLog, m);
                }
            }
            case McpMethods.NOTIFICATION_RESOURCES_UPDATED -> {
                if (n.params() instanceof Resources.UpdatedParams u) {
                    post(onResourceUpdated, u.uri());
                }
            }
            case McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED, McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED,
                    McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED -> post(onListChanged, n.method());
            case McpMethods.NOTIFICATION_CANCELLED -> {
                if (n.params() instanceof CancelledParams c && c.requestId() != null) {
                    // removed first, so the handler's thread knows not to answer
                    Thread handler = serving.remove(c.requestId());
                    if (handler != null) {
                        handler.interrupt();
                    }
                }
            }
            default -> { } // unknown notifications are ignored, as JSON-RPC asks; onNotification still sees them
        }
        post(onNotification, n);
    }

    private static <T> void run(Consumer<T> listener, T value) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "MCP client listener failed", e);
        }
    }

    private <T> void post(Consumer<T> listener, T value) {
        if (listener == null) {
            return;
        }
        try {
            events.execute(() -> run(listener, value));
        } catch (RejectedExecutionException e) {
            // closed: nobody listens any more
        }
    }

    private void serve(Decoded.Request request) {
        if (request.method().equals(McpMethods.PING)) {
            reply(request.id(), codec.encodeResult(request.id(), JsonRpc.EmptyResult.INSTANCE));
            return;
        }
        Thread handler = Thread.ofVirtual().name("mcp-client-" + request.method()).unstarted(() -> answer(request));
        serving.put(request.id(), handler);
        handler.start();
    }

    private void answer(Decoded.Request request) {
        RequestId id = request.id();
        byte[] reply;
        try {
            Object result = switch (request.method()) {
                case McpMethods.SAMPLING_CREATE_MESSAGE ->
                        required(sampling, request).handle(request.params(Sampling.CreateMessageParams.class));
                case McpMethods.ELICITATION_CREATE ->
                        required(elicitation, request).handle(request.params(Elicitation.ElicitParams.class));
                case McpMethods.ROOTS_LIST -> new Roots.ListRootsResult(required(roots, request).get(), null);
                default -> throw new McpException(JsonRpc.Error.methodNotFound(request.method()));
            };
            reply = codec.encodeResult(id, Objects.requireNonNull(result, () -> "the client's "
                    + request.method() + " handler returned null"));
        } catch (McpException e) {
            reply = codec.encodeError(id, e.error());
        } catch (InterruptedException e) {
            reply = null;
        } catch (Exception e) {
            reply = codec.encodeError(id, JsonRpc.Error.internal(request.method() + " failed in the client: " + e));
        }
        // a cancelled request is no longer in the table, and JSON-RPC forbids answering it
        if (serving.remove(id, Thread.currentThread()) && reply != null) {
            reply(id, reply);
        }
    }

    private static <H> H required(H handler, Decoded.Request request) {
        if (handler == null) {
            throw new McpException(JsonRpc.Error.methodNotFound(request.method()));
        }
        return handler;
    }

    private void reply(RequestId id, byte[] reply) {
        try {
            send(null, reply);
        } catch (McpClientException | CancellationException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not answer server request {0}: {1}", id, e.getMessage());
        }
    }

    // ---- the end

    @Override
    public boolean awaits(RequestId id) {
        // not just present: the waiting caller removes its entry only after it woke up
        CompletableFuture<Decoded.Response> answer = pending.get(id);
        return answer != null && !answer.isDone();
    }

    @Override
    public void lost(RequestId id, McpClientException cause) {
        CompletableFuture<Decoded.Response> answer = pending.get(id);
        if (answer != null) {
            answer.completeExceptionally(cause);
        }
    }

    @Override
    public void closed(McpClientException cause) {
        closedBy.compareAndSet(null, cause);
        failAll(closedBy.get());
    }

    void close() {
        if (!closeCalled.compareAndSet(false, true)) {
            return;
        }
        closedBy.compareAndSet(null, new McpClientException(McpClientException.Reason.CLOSED, "the client was closed"));
        try {
            transport.close();
        } finally {
            failAll(closedBy.get());
            serving.values().forEach(Thread::interrupt);
            events.shutdown();
        }
    }

    private void failAll(McpClientException cause) {
        pending.values().forEach(answer -> answer.completeExceptionally(cause));
        CompletableFuture<Decoded.Response> raw = unidentified.get();
        if (raw != null) {
            raw.completeExceptionally(cause);
        }
    }
}
