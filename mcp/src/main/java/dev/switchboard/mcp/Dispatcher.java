package dev.switchboard.mcp;

import dev.switchboard.kernel.Outcome;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.CancelledParams;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Lifecycle;
import dev.switchboard.mcp.protocol.Logging;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.PaginatedParams;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.ServerCapabilities;
import dev.switchboard.mcp.protocol.StatelessEra;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Handles every message of the session era (the stateless era has {@link StatelessDispatcher};
 * both submit feature requests through {@link FeatureRequests}). Lifecycle methods ({@code initialize}, {@code ping},
 * {@code logging/setLevel}) are answered inline: they are cheap and must work even when the kernel
 * is saturated. Feature requests go through the kernel as messages to {@code tools://…},
 * {@code resources://…}, {@code prompts://…} and {@code completion://…}, so admission, mailboxes,
 * backpressure and the ledger apply to MCP traffic, and run on virtual threads.
 */
final class Dispatcher {
    private final JsonRpcCodec codec;
    private final FeatureRequests features;
    private final Implementation serverInfo;
    private final String instructions;
    private final RequestObserver observer;
    /** MCP Tasks (both eras), or null when no tool runs as a task. */
    private final TaskProtocol tasks;

    Dispatcher(JsonRpcCodec codec, FeatureRequests features, Implementation serverInfo, String instructions, RequestObserver observer,
               TaskProtocol tasks) {
        this.tasks = tasks;
        this.codec = codec;
        this.features = features;
        this.serverInfo = serverInfo;
        this.instructions = instructions;
        this.observer = observer;
    }

    JsonRpcCodec codec() {
        return codec;
    }

    void handle(Session session, Decoded message, Exchange exchange) {
        switch (message) {
            case Decoded.Request r -> request(session, r, exchange);
            case Decoded.Notification n -> notification(session, n);
            case Decoded.Response r -> session.answer(r);
            case Decoded.Batch b -> batch(session, b, exchange);
            case Decoded.Failure f -> {
                if (f.replyExpected()) exchange.respond(codec.encodeError(f));
            }
        }
    }

    private void notification(Session session, Decoded.Notification n) {
        switch (n.method()) {
            case McpMethods.NOTIFICATION_CANCELLED -> {
                if (n.params() instanceof CancelledParams c && c.requestId() != null) session.cancel(c.requestId());
            }
            default -> { } // initialized, roots/list_changed, progress: nothing to do; unknown ones are ignored as JSON-RPC asks
        }
    }

    private void batch(Session session, Decoded.Batch batch, Exchange exchange) {
        if (!ProtocolVersion.allowsBatches(session.protocolVersion())) {
            exchange.respond(codec.encodeError(null, JsonRpc.Error.invalidRequest(
                    "JSON-RPC batches are not allowed in protocol version " + session.protocolVersion() + " (only 2025-03-26 and 2024-11-05 allow them)")));
            return;
        }
        List<Decoded.Request> requests = new ArrayList<>();
        for (Decoded d : batch.messages()) {
            if (d instanceof Decoded.Request r) requests.add(r);
            else handle(session, d, new BatchPart(exchange, null));
        }
        if (requests.isEmpty()) {
            exchange.abandon();
            return;
        }
        byte[][] responses = new byte[requests.size()][];
        AtomicInteger remaining = new AtomicInteger(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            int slot = i;
            request(session, requests.get(i), new BatchPart(exchange, response -> {
                responses[slot] = response;
                if (remaining.decrementAndGet() == 0) {
                    List<byte[]> all = new ArrayList<>();
                    for (byte[] r : responses) if (r != null) all.add(r);
                    if (all.isEmpty()) exchange.abandon();
                    else exchange.respond(JsonRpcCodec.encodeBatch(all));
                }
            }));
        }
    }

    private void request(Session session, Decoded.Request r, Exchange exchange) {
        exchange = ObservedExchange.observe(observer, session, r, exchange);
        String method = r.method();
        if (!method.equals(McpMethods.INITIALIZE) && !method.equals(McpMethods.PING) && session.protocolVersion() == null) {
            exchange.respond(codec.encodeError(r.id(), JsonRpc.Error.invalidRequest("session not initialized: send initialize before " + method)));
            return;
        }
        try {
            switch (method) {
                case McpMethods.INITIALIZE -> exchange.respond(codec.encodeResult(r.id(), initialize(session, r.params(Lifecycle.InitializeParams.class))));
                case McpMethods.PING -> exchange.respond(codec.encodeResult(r.id(), JsonRpc.EmptyResult.INSTANCE));
                case McpMethods.LOGGING_SET_LEVEL -> {
                    session.logLevel(r.params(Logging.SetLevelParams.class).level());
                    session.changed();
                    exchange.respond(codec.encodeResult(r.id(), JsonRpc.EmptyResult.INSTANCE));
                }
                default -> {
                    if (tasks != null && TaskProtocol.SESSION_METHODS.contains(method)) tasks.session(session, r, exchange);
                    else if (!feature(session, r, exchange)) exchange.respond(codec.encodeError(r.id(), JsonRpc.Error.methodNotFound(method)));
                }
            }
        } catch (McpException e) {
            // with its code, so an over-budget or busy refusal (-32000) carries Retry-After over HTTP
            exchange.respondError(codec.encodeError(r.id(), e.error()), e.error().code());
        }
    }

    /**
     * Serves a feature request; {@code false} when {@code r}'s method is not one. It only names the
     * path: the kernel's router decides what serves it ({@link FeatureRoutes}).
     */
    private boolean feature(Session session, Decoded.Request r, Exchange exchange) {
        String path = FeatureRequests.pathOf(r);
        if (path == null) return false;
        // errors go through respondError with their code, so a transport can say more than the body (HTTP: Retry-After on -32000)
        features.submit(session, r, exchange, path, null, outcome -> {
            switch (outcome) {
                case Outcome.Delivered d -> exchange.respond(codec.encodeResult(r.id(), d.value()));
                case Outcome.Refused refused -> respondError(r, exchange, FeatureRequests.overloaded(refused));
                case Outcome.Undelivered u -> features.answerUndelivered(codec, r, exchange, u);
            }
        });
        return true;
    }

    private void respondError(Decoded.Request r, Exchange exchange, JsonRpc.Error error) {
        exchange.respondError(codec.encodeError(r.id(), error), error.code());
    }

    private Lifecycle.InitializeResult initialize(Session session, Lifecycle.InitializeParams p) {
        String version = ProtocolVersion.negotiate(p.protocolVersion());
        session.initialized(version, p.clientInfo(), p.capabilities());
        session.changed();
        return new Lifecycle.InitializeResult(version, capabilities(), serverInfo, instructions, null);
    }

    ServerCapabilities capabilities() {
        ServerCapabilities caps = ServerCapabilities.none().withTools(true).withResources(true, true).withPrompts(true).withLogging().withCompletions();
        return tasks == null ? caps : caps.withTasks(tasks.capabilities2025());
    }

    /** One element of a batch: related messages go to the batch's exchange, the response to a collector. */
    private record BatchPart(Exchange whole, java.util.function.Consumer<byte[]> collect) implements Exchange {
        @Override
        public void send(byte[] message) {
            whole.send(message);
        }

        @Override
        public void respond(byte[] response) {
            if (collect != null) collect.accept(response);
        }

        @Override
        public void abandon() {
            if (collect != null) collect.accept(null);
        }

        @Override
        public void closeStream() {
            whole.closeStream();
        }

        @Override
        public String header(String name) {
            return whole.header(name);
        }

        @Override
        public Principal principal() {
            return whole.principal();
        }

        @Override
        public java.util.Map<String, java.util.List<String>> headers() {
            return whole.headers();
        }
    }

}
