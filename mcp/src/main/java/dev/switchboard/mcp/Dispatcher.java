package dev.switchboard.mcp;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.Message;
import dev.switchboard.kernel.Metadata;
import dev.switchboard.kernel.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Handles every message of the session era. Lifecycle methods ({@code initialize}, {@code ping},
 * {@code logging/setLevel}) are answered inline: they are cheap and must work even when the kernel
 * is saturated. Feature requests go through the kernel as messages to {@code tools://…},
 * {@code resources://…}, {@code prompts://…} and {@code completion://…}, so admission, mailboxes,
 * backpressure and the ledger apply to MCP traffic, and run on virtual threads.
 */
final class Dispatcher {
    /** Work a feature request does on its virtual thread; returns the result record. */
    @FunctionalInterface
    interface Work {
        Object run(RequestContext context) throws Exception;
    }

    /** The kernel message body: everything the route handler needs to run one request. */
    record Invocation(Session session, Decoded.Request request, Exchange exchange, Session.InFlight inFlight, Work work, InputRound round,
                      Dispatcher dispatcher) {
        Object run() throws Exception {
            inFlight.thread = Thread.currentThread();
            try {
                if (inFlight.cancelled) throw new InterruptedException("cancelled before it started");
                try (RequestObserver.Scope scope = ObservedExchange.enter(exchange)) {
                    return work.run(new RequestContext(session, request, exchange, inFlight, dispatcher.codec, dispatcher.settings.clientTimeout(), round));
                }
            } catch (InputRequired required) {
                // the normal end of a round that needs client input: a result, not a failure
                return round.result(required);
            } catch (InputRejected rejected) {
                throw new McpException(rejected.error);
            } finally {
                inFlight.thread = null;
            }
        }
    }

    static final int RETRY_AFTER_MS = 100;

    private final JsonRpcCodec codec;
    private final Kernel kernel;
    private final McpSettings settings;
    private final Features features;
    private final Implementation serverInfo;
    private final String instructions;
    private final Registry registry;
    private final RequestStates requestStates;
    /** Set once by {@link McpServer} before traffic arrives. */
    RequestObserver observer = RequestObserver.NONE;
    /** MCP Tasks (both eras), or null when the server has no task store; set once by {@link McpServer}. */
    TaskProtocol tasks;

    Dispatcher(JsonRpcCodec codec, Kernel kernel, McpSettings settings, Registry registry, Features features, Implementation serverInfo, String instructions) {
        this.requestStates = new RequestStates(settings.requestStateKey(), settings.requestStateTtl(), java.time.Clock.systemUTC(), codec.mapper());
        this.codec = codec;
        this.kernel = kernel;
        this.settings = settings;
        this.registry = registry;
        this.features = features;
        this.serverInfo = serverInfo;
        this.instructions = instructions;
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
                    "JSON-RPC batches are not allowed in protocol version " + session.protocolVersion() + " (only 2025-03-26 allows them)")));
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
                    exchange.respond(codec.encodeResult(r.id(), JsonRpc.EmptyResult.INSTANCE));
                }
                default -> {
                    if (tasks != null && TaskProtocol.SESSION_METHODS.contains(method)) tasks.session(session, r, exchange);
                    else if (!feature(session, r, exchange, false)) exchange.respond(codec.encodeError(r.id(), JsonRpc.Error.methodNotFound(method)));
                }
            }
        } catch (McpException e) {
            exchange.respond(codec.encodeError(r.id(), e.error()));
        }
    }

    /** Serves a feature request; {@code false} when {@code r}'s method is not one. */
    private boolean feature(Session session, Decoded.Request r, Exchange exchange, boolean stateless) {
        switch (r.method()) {
            case McpMethods.TOOLS_LIST -> submit(session, r, exchange, stateless, "tools://list", c -> features.listTools(r.params(PaginatedParams.class)));
            case McpMethods.TOOLS_CALL -> {
                Tools.CallToolParams p = r.params(Tools.CallToolParams.class);
                Registry.RegisteredTool tool = registry.tool(p.name());
                if (tool == null) throw McpException.invalidParams("Unknown tool: '" + p.name() + "'");
                if (stateless) refuseMissingCapabilities(p.name(), r);
                Work asTask = tasks == null ? null : tasks.call(session, r, tool, p, stateless);
                submit(session, r, exchange, stateless, "tools://call/" + p.name(), asTask != null ? asTask : c -> features.callTool(tool, p, c));
            }
            case McpMethods.RESOURCES_LIST -> submit(session, r, exchange, stateless, "resources://list", c -> features.listResources(r.params(PaginatedParams.class)));
            case McpMethods.RESOURCES_TEMPLATES_LIST -> submit(session, r, exchange, stateless, "resources://templates", c -> features.listTemplates(r.params(PaginatedParams.class)));
            case McpMethods.RESOURCES_READ -> submit(session, r, exchange, stateless, "resources://read", c -> features.read(r.params(Resources.ReadParams.class).uri(), c));
            case McpMethods.RESOURCES_SUBSCRIBE -> submit(session, r, exchange, stateless, "resources://subscribe", c -> features.subscribe(session, r.params(Resources.SubscribeParams.class).uri()));
            case McpMethods.RESOURCES_UNSUBSCRIBE -> submit(session, r, exchange, stateless, "resources://unsubscribe", c -> features.unsubscribe(session, r.params(Resources.UnsubscribeParams.class).uri()));
            case McpMethods.PROMPTS_LIST -> submit(session, r, exchange, stateless, "prompts://list", c -> features.listPrompts(r.params(PaginatedParams.class)));
            case McpMethods.PROMPTS_GET -> submit(session, r, exchange, stateless, "prompts://get", c -> features.getPrompt(r.params(Prompts.GetPromptParams.class), c));
            case McpMethods.COMPLETION_COMPLETE -> submit(session, r, exchange, stateless, "completion://complete", c -> features.complete(r.params(Completion.CompleteParams.class)));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A request of the stateless era on its throwaway session (see {@link StatelessDispatcher}). */
    void stateless(Session session, Decoded.Request r, Exchange exchange) {
        if (tasks != null && TaskProtocol.STATELESS_METHODS.contains(r.method())) {
            tasks.stateless(r, exchange);
            return;
        }
        try {
            if (!feature(session, r, exchange, true))
                exchange.respondError(codec.encodeError(r.id(), JsonRpc.Error.methodNotFound(r.method())), JsonRpc.METHOD_NOT_FOUND);
        } catch (McpException e) {
            JsonRpc.Error error = statelessError(e.error());
            exchange.respondError(codec.encodeError(r.id(), error), error.code());
        }
    }

    /** SEP-2575: -32021 naming, as an object, the capabilities the client did not declare. */
    private void refuseMissingCapabilities(String tool, Decoded.Request r) {
        java.util.Set<String> needs = registry.toolNeeds(tool);
        if (needs.isEmpty()) return;
        tools.jackson.databind.JsonNode declared = r.meta().get(StatelessDispatcher.META_CAPABILITIES);
        ObjectNode missing = codec.mapper().createObjectNode();
        for (String need : needs.stream().sorted().toList())
            if (declared == null || !declared.has(need)) missing.putObject(need);
        if (missing.isEmpty()) return;
        ObjectNode data = codec.mapper().createObjectNode();
        data.set("requiredCapabilities", missing);
        throw new McpException(JsonRpc.Error.of(StatelessDispatcher.MISSING_CAPABILITY,
                "Missing client capability: tool '" + tool + "' needs " + missing.propertyNames() + ", which the request's clientCapabilities do not declare").withData(data));
    }

    /** The SEP-2243 mirrored arguments of tool {@code name} (none for an unknown tool: that error comes later). */
    MirroredHeaders mirroredHeaders(String name) {
        Registry.RegisteredTool tool = registry.tool(name);
        return tool == null ? MirroredHeaders.NONE : tool.headers();
    }

    Implementation serverInfo() {
        return serverInfo;
    }

    String instructions() {
        return instructions;
    }

    private Lifecycle.InitializeResult initialize(Session session, Lifecycle.InitializeParams p) {
        String version = ProtocolVersion.negotiate(p.protocolVersion());
        session.initialized(version, p.clientInfo(), p.capabilities());
        return new Lifecycle.InitializeResult(version, capabilities(), serverInfo, instructions, null);
    }

    ServerCapabilities capabilities() {
        ServerCapabilities caps = ServerCapabilities.none().withTools(true).withResources(true, true).withPrompts(true).withLogging().withCompletions();
        return tasks == null ? caps : caps.withTasks(tasks.capabilities2025());
    }

    private void submit(Session session, Decoded.Request r, Exchange exchange, boolean stateless, String path, Work work) {
        // a tampered or foreign requestState is refused here, before the request is tracked or any handler runs
        InputRound round = stateless ? inputRound(r) : null;
        Session.InFlight inFlight = session.track(r.id());
        if (inFlight == null) {
            exchange.respond(codec.encodeError(r.id(), JsonRpc.Error.invalidRequest("request id " + r.id() + " is already in use by a request in flight on this session")));
            return;
        }
        // 2026-07-28: a client that closes the response stream has given up on the request
        if (stateless) exchange.onAbort(() -> session.cancel(r.id()));
        Metadata meta = Metadata.now();
        ObjectNode m = r.meta();
        if (m != null && m.get("traceparent") != null && m.get("traceparent").isString()) meta = meta.withTraceparent(m.get("traceparent").asString());
        kernel.submit(Message.of(path, new Invocation(session, r, exchange, inFlight, work, round, this), meta))
                .thenAccept(outcome -> {
                    if (stateless) finishStateless(session, r, exchange, inFlight, outcome);
                    else finish(session, r, exchange, inFlight, outcome);
                })
                .exceptionally(failure -> {
                    // a transport that fails to write must not lose the failure silently
                    System.err.println("switchboard: answering " + r.method() + " (id " + r.id() + ") failed: " + failure);
                    failure.printStackTrace();
                    return null;
                });
    }

    /** The input round of a stateless request that can carry {@code inputResponses}, else {@code null}. */
    private InputRound inputRound(Decoded.Request r) {
        return switch (r.params()) {
            case Tools.CallToolParams p -> InputRound.open(requestStates, codec, r.method(), p.name(), p.inputResponses(), p.requestState());
            case Prompts.GetPromptParams p -> InputRound.open(requestStates, codec, r.method(), p.name(), p.inputResponses(), p.requestState());
            case Resources.ReadParams p -> InputRound.open(requestStates, codec, r.method(), p.uri(), p.inputResponses(), p.requestState());
            default -> null;
        };
    }

    private void finish(Session session, Decoded.Request r, Exchange exchange, Session.InFlight inFlight, Outcome outcome) {
        session.untrack(r.id());
        if (inFlight.cancelled) {
            exchange.abandon();
            return;
        }
        switch (outcome) {
            case Outcome.Delivered d -> exchange.respond(codec.encodeResult(r.id(), d.value()));
            case Outcome.Refused refused -> exchange.respond(codec.encodeError(r.id(), overloaded(refused.detail())));
            case Outcome.Undelivered u -> exchange.respond(codec.encodeError(r.id(), errorFor(u)));
        }
    }

    private void finishStateless(Session session, Decoded.Request r, Exchange exchange, Session.InFlight inFlight, Outcome outcome) {
        session.untrack(r.id());
        if (inFlight.cancelled) {
            exchange.abandon();
            return;
        }
        JsonRpc.Error error = switch (outcome) {
            case Outcome.Delivered d when d.value() instanceof InputRound.Pending pending -> {
                exchange.respond(codec.encodeResult(r.id(), pending.result()));
                yield null;
            }
            case Outcome.Delivered d -> {
                ObjectNode tree = codec.mapper().valueToTree(d.value());
                switch (r.method()) {
                    case McpMethods.TOOLS_LIST, McpMethods.PROMPTS_LIST, McpMethods.RESOURCES_LIST, McpMethods.RESOURCES_TEMPLATES_LIST ->
                            StatelessDispatcher.envelope(tree, LIST_TTL_MS, "public");
                    case McpMethods.RESOURCES_READ -> StatelessDispatcher.envelope(tree, 0, "private");
                    default -> StatelessDispatcher.envelope(tree, 0, null);
                }
                exchange.respond(codec.encodeResult(r.id(), tree));
                yield null;
            }
            case Outcome.Refused refused -> overloaded(refused.detail());
            case Outcome.Undelivered u -> statelessError(errorFor(u));
        };
        if (error != null) exchange.respondError(codec.encodeError(r.id(), error), error.code());
    }

    /** How long a stateless client may cache a list: lists change only when the server adds or removes something. */
    static final long LIST_TTL_MS = 60_000;

    /** SEP-2164: an unknown resource is -32602 in the stateless era (it was -32002). */
    private static JsonRpc.Error statelessError(JsonRpc.Error e) {
        return e.code() == Features.RESOURCE_NOT_FOUND ? JsonRpc.Error.of(JsonRpc.INVALID_PARAMS, e.message()).withData(e.data()) : e;
    }

    private static JsonRpc.Error overloaded(String detail) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("retryAfterMs", RETRY_AFTER_MS);
        return JsonRpc.Error.overloaded("Server overloaded, retry after " + RETRY_AFTER_MS + " ms: " + detail).withData(data);
    }

    private static JsonRpc.Error errorFor(Outcome.Undelivered u) {
        return switch (u.reason()) {
            case HANDLER_FAILED -> u.cause() instanceof McpException e ? e.error()
                    : JsonRpc.Error.internal("Internal error: " + (u.cause() == null ? u.detail() : u.cause().getMessage()));
            case DENIED -> JsonRpc.Error.of(-32001, "Permission denied: " + u.detail());
            case CANCELLED -> JsonRpc.Error.internal("Request cancelled: " + u.detail());
            case NO_ROUTE, NO_SUBSCRIBER -> JsonRpc.Error.internal("Internal error: " + u.detail());
            case DROPPED_OLDEST, DROPPED_NEWEST, DROPPED_LOW_PRIORITY, REJECTED, BLOCK_TIMEOUT, EXPIRED, SHUTDOWN -> overloaded(u.detail());
        };
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
        public java.util.Map<String, java.util.List<String>> headers() {
            return whole.headers();
        }
    }

}
