package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.TaskMessages;
import dev.switchboard.kernel.Outcome;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Listen;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.StatelessEra;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.Exchange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stateless era (MCP 2026-07-28): no {@code initialize} and no session. Each request carries
 * its protocol version, client info and capabilities in {@code params._meta}, which is checked
 * against the transport's headers, and is served on a throwaway session that lives as long as the
 * request. The work itself is the session era's ({@link Dispatcher}, through the kernel); only the
 * checks, the errors (with their HTTP statuses) and the result envelope ({@code resultType},
 * {@code ttlMs}, {@code cacheScope}) differ.
 */
final class StatelessDispatcher {
    /** Methods of the session era that 2026-07-28 removed: answered like unknown methods. */
    private static final Set<String> REMOVED = Set.of(McpMethods.INITIALIZE, McpMethods.PING, McpMethods.LOGGING_SET_LEVEL,
            McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE);
    /** The methods this era serves. */
    private static final Set<String> KNOWN = Set.of(StatelessEra.DISCOVER, McpMethods.TOOLS_LIST, McpMethods.TOOLS_CALL, McpMethods.RESOURCES_LIST,
            McpMethods.RESOURCES_TEMPLATES_LIST, McpMethods.RESOURCES_READ, McpMethods.PROMPTS_LIST, McpMethods.PROMPTS_GET,
            McpMethods.COMPLETION_COMPLETE, McpMethods.SUBSCRIPTIONS_LISTEN, TaskMessages.GET, TaskMessages.UPDATE, TaskMessages.CANCEL);

    /** How long a stateless client may cache a list: lists change only when the server adds or removes something. */
    static final long LIST_TTL_MS = 60_000;

    private final JsonRpcCodec codec;
    private final FeatureRequests features;
    private final Registry registry;
    private final RequestStates requestStates;
    private final ListenStreams listens;
    private final Implementation serverInfo;
    private final String instructions;
    private final RequestObserver observer;
    /** Only to give each request its throwaway {@link Session}; this era never hands it a message. */
    private final Dispatcher sessionEra;
    /** MCP Tasks (SEP-2663), or null when no tool runs as a task. */
    private final TaskProtocol tasks;

    StatelessDispatcher(JsonRpcCodec codec, FeatureRequests features, Registry registry, RequestStates requestStates, ListenStreams listens,
                        Implementation serverInfo, String instructions, RequestObserver observer, Dispatcher sessionEra, TaskProtocol tasks) {
        this.tasks = tasks;
        this.codec = codec;
        this.features = features;
        this.registry = registry;
        this.requestStates = requestStates;
        this.listens = listens;
        this.serverInfo = serverInfo;
        this.instructions = instructions;
        this.observer = observer;
        this.sessionEra = sessionEra;
    }

    void handle(Decoded message, Exchange exchange) {
        switch (message) {
            case Decoded.Request r -> request(r, exchange);
            case Decoded.Failure f when f.method() != null && !KNOWN.contains(f.method()) ->
                    // a removed method (initialize, ping, …) whose params did not decode is still just not a method here
                    exchange.respondError(codec.encodeError(f.id(), JsonRpc.Error.methodNotFound(f.method())), JsonRpc.METHOD_NOT_FOUND);
            case Decoded.Failure f -> exchange.respondError(codec.encodeError(f), f.code());
            case Decoded.Batch b -> exchange.respondError(codec.encodeError(null,
                    JsonRpc.Error.invalidRequest("JSON-RPC batches are not part of protocol version " + StatelessEra.VERSION)), JsonRpc.INVALID_REQUEST);
            case Decoded.Notification n -> exchange.abandon(); // nothing to act on without a session
            case Decoded.Response r -> exchange.abandon();
        }
    }

    private void request(Decoded.Request r, Exchange exchange) {
        exchange = ObservedExchange.observe(observer, null, r, exchange);
        JsonRpc.Error refusal = check(r, exchange.headers());
        if (refusal != null) {
            exchange.respondError(codec.encodeError(r.id(), refusal), refusal.code());
            return;
        }
        ObjectNode meta = r.meta();
        Session session = new Session("stateless", "stateless", sessionEra);
        ClientCapabilities caps = codec.convert(meta.get(StatelessEra.META_CAPABILITIES), ClientCapabilities.class);
        JsonNode info = meta.get(StatelessEra.META_CLIENT_INFO);
        session.initialized(StatelessEra.VERSION, info == null || !info.isObject() ? null : codec.convert(info, Implementation.class), caps);
        JsonNode level = meta.get(StatelessEra.META_LOG_LEVEL);
        // no level in _meta means no log messages at all for this request
        session.logLevel(level != null && level.isString() ? LoggingLevel.fromWireName(level.asString()) : null);
        if (r.method().equals(StatelessEra.DISCOVER)) {
            exchange.respond(codec.encodeResult(r.id(), discover()));
            return;
        }
        if (r.params() instanceof Listen.ListenParams listen) {
            try {
                if (tasks != null && listen.notifications() != null && listen.notifications().taskIds() != null
                        && !listen.notifications().taskIds().isEmpty() && !TaskProtocol.declaresExtension(r.meta()))
                    throw tasks.missingExtension("task status notifications (notifications.taskIds) belong to the tasks extension");
                listens.open(r, listen, exchange, tasks != null);
            } catch (McpException e) {
                exchange.respondError(codec.encodeError(r.id(), e.error()), e.code());
            }
            return;
        }
        if (REMOVED.contains(r.method())) {
            exchange.respondError(codec.encodeError(r.id(), JsonRpc.Error.methodNotFound(r.method())), JsonRpc.METHOD_NOT_FOUND);
            return;
        }
        feature(session, r, exchange);
    }

    private void feature(Session session, Decoded.Request r, Exchange exchange) {
        if (tasks != null && TaskProtocol.STATELESS_METHODS.contains(r.method())) {
            tasks.stateless(r, exchange);
            return;
        }
        try {
            String path = FeatureRequests.pathOf(r);
            if (path == null) {
                exchange.respondError(codec.encodeError(r.id(), JsonRpc.Error.methodNotFound(r.method())), JsonRpc.METHOD_NOT_FOUND);
                return;
            }
            if (r.params() instanceof Tools.CallToolParams call) refuseMissingCapabilities(call.name(), r);
            // a tampered or foreign requestState is refused here, before the request is tracked or any handler runs
            InputRound round = inputRound(r);
            Session.InFlight inFlight = features.submit(session, r, exchange, path, round, outcome -> answer(r, exchange, outcome));
            // a client that closes the response stream has given up on the request
            if (inFlight != null) exchange.onAbort(() -> session.cancel(r.id()));
        } catch (McpException e) {
            JsonRpc.Error error = statelessError(e.error());
            exchange.respondError(codec.encodeError(r.id(), error), error.code());
        }
    }

    /** SEP-2575: -32021 naming, as an object, the capabilities the client did not declare. */
    private void refuseMissingCapabilities(String tool, Decoded.Request r) {
        Set<String> needs = registry.toolNeeds(tool);
        if (needs.isEmpty()) return;
        JsonNode declared = r.meta().get(StatelessEra.META_CAPABILITIES);
        ObjectNode missing = codec.mapper().createObjectNode();
        for (String need : needs.stream().sorted().toList())
            if (declared == null || !declared.has(need)) missing.putObject(need);
        if (missing.isEmpty()) return;
        ObjectNode data = codec.mapper().createObjectNode();
        data.set("requiredCapabilities", missing);
        throw new McpException(JsonRpc.Error.of(StatelessEra.MISSING_CAPABILITY,
                "Missing client capability: tool '" + tool + "' needs " + missing.propertyNames() + ", which the request's clientCapabilities do not declare").withData(data));
    }

    /** The input round of a request that can carry {@code inputResponses}, else {@code null}. */
    private InputRound inputRound(Decoded.Request r) {
        return switch (r.params()) {
            case Tools.CallToolParams p -> InputRound.open(requestStates, codec, r.method(), p.name(), p.inputResponses(), p.requestState());
            case Prompts.GetPromptParams p -> InputRound.open(requestStates, codec, r.method(), p.name(), p.inputResponses(), p.requestState());
            case Resources.ReadParams p -> InputRound.open(requestStates, codec, r.method(), p.uri(), p.inputResponses(), p.requestState());
            default -> null;
        };
    }

    /** The result in this era's envelope, an {@code input_required} round, or the error with its HTTP status. */
    private void answer(Decoded.Request r, Exchange exchange, Outcome outcome) {
        JsonRpc.Error error = switch (outcome) {
            case Outcome.Delivered d when d.value() instanceof InputRound.Pending pending -> {
                exchange.respond(codec.encodeResult(r.id(), pending.result()));
                yield null;
            }
            case Outcome.Delivered d -> {
                ObjectNode tree = d.value() instanceof dev.switchboard.mcp.codec.RawResult raw
                        ? (ObjectNode) codec.mapper().readTree(raw.json()) // this era adds its envelope members to the result
                        : codec.mapper().valueToTree(d.value());
                switch (r.method()) {
                    case McpMethods.TOOLS_LIST, McpMethods.PROMPTS_LIST, McpMethods.RESOURCES_LIST, McpMethods.RESOURCES_TEMPLATES_LIST ->
                            // a list filtered by the caller's scopes must not be shared by caches
                            envelope(tree, LIST_TTL_MS, exchange.principal() == null ? "public" : "private");
                    case McpMethods.RESOURCES_READ -> envelope(tree, 0, "private");
                    default -> envelope(tree, 0, null);
                }
                exchange.respond(codec.encodeResult(r.id(), tree));
                yield null;
            }
            case Outcome.Refused refused -> FeatureRequests.overloaded(refused);
            case Outcome.Undelivered u when u.cause() instanceof dev.switchboard.kernel.ScopeDenial -> {
                features.answerUndelivered(codec, r, exchange, u);
                yield null;
            }
            case Outcome.Undelivered u -> statelessError(features.errorFor(r, u));
        };
        if (error != null) exchange.respondError(codec.encodeError(r.id(), error), error.code());
    }

    /** SEP-2164: an unknown resource is -32602 in this era (it was -32002). */
    private static JsonRpc.Error statelessError(JsonRpc.Error e) {
        return e.code() == Features.RESOURCE_NOT_FOUND ? JsonRpc.Error.of(JsonRpc.INVALID_PARAMS, e.message()).withData(e.data()) : e;
    }

    /** The first problem with the request's envelope, in the order the spec gives, or {@code null}. */
    private JsonRpc.Error check(Decoded.Request r, Map<String, List<String>> headers) {
        ObjectNode meta = r.meta();
        JsonNode version = meta == null ? null : meta.get(StatelessEra.META_VERSION);
        JsonNode caps = meta == null ? null : meta.get(StatelessEra.META_CAPABILITIES);
        if (version == null || !version.isString() || caps == null || !caps.isObject())
            return JsonRpc.Error.invalidParams("Invalid params: params._meta must carry " + StatelessEra.META_VERSION + " and " + StatelessEra.META_CAPABILITIES
                    + " (protocol version " + StatelessEra.VERSION + " has no initialize)");
        String requested = version.asString();
        if (!headers.isEmpty()) {
            String header = first(headers, "mcp-protocol-version");
            if (!requested.equals(header))
                return JsonRpc.Error.of(StatelessEra.HEADER_MISMATCH, "Header mismatch: MCP-Protocol-Version is " + (header == null ? "absent" : "'" + header + "'")
                        + " but params._meta says '" + requested + "'");
        }
        if (!StatelessEra.SUPPORTED.contains(requested)) {
            ObjectNode data = codec.mapper().createObjectNode();
            data.putArray("supported").add(StatelessEra.VERSION);
            data.put("requested", requested);
            return JsonRpc.Error.of(StatelessEra.UNSUPPORTED_VERSION, "Unsupported protocol version '" + requested + "'; supported: " + StatelessEra.SUPPORTED).withData(data);
        }
        if (!headers.isEmpty()) {
            String method = first(headers, "mcp-method");
            if (!r.method().equals(method))
                return JsonRpc.Error.of(StatelessEra.HEADER_MISMATCH, "Header mismatch: Mcp-Method is " + (method == null ? "absent" : "'" + method + "'")
                        + " but the body's method is '" + r.method() + "'");
            String named = namedTarget(r);
            if (named != null) {
                String name = first(headers, "mcp-name");
                if (!named.equals(name))
                    return JsonRpc.Error.of(StatelessEra.HEADER_MISMATCH, "Header mismatch: Mcp-Name is " + (name == null ? "absent" : "'" + name + "'")
                            + " but the request names '" + named + "'");
            }
            if (r.params() instanceof Tools.CallToolParams call) {
                Registry.RegisteredTool tool = registry.tool(call.name());
                // an unknown tool has no mirrored arguments: its error comes from the router
                String problem = tool == null ? null : tool.headers().mismatch(call.arguments(), headers);
                if (problem != null) return JsonRpc.Error.of(StatelessEra.HEADER_MISMATCH, "Header mismatch: " + problem);
            }
        }
        return null;
    }

    /** What {@code Mcp-Name} must repeat: the tool, the prompt, or the resource URI. */
    private static String namedTarget(Decoded.Request r) {
        return switch (r.params()) {
            case Tools.CallToolParams p -> p.name();
            case Prompts.GetPromptParams p -> p.name();
            case Resources.ReadParams p -> p.uri();
            // SEP-2663: tasks/get, tasks/update and tasks/cancel route by Mcp-Name = params.taskId
            case TaskMessages.TaskIdParams p when TaskProtocol.STATELESS_METHODS.contains(r.method()) ->
                    p.taskId() != null && p.taskId().isString() ? p.taskId().asString() : null;
            case TaskMessages.UpdateParams p -> p.taskId() != null && p.taskId().isString() ? p.taskId().asString() : null;
            default -> null;
        };
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private ObjectNode discover() {
        ObjectNode result = codec.mapper().createObjectNode();
        result.putArray("supportedVersions").add(StatelessEra.VERSION);
        ObjectNode caps = result.putObject("capabilities");
        // list changes and resource updates reach stateless clients through subscriptions/listen
        caps.putObject("tools").put("listChanged", true);
        caps.putObject("resources").put("listChanged", true).put("subscribe", true);
        caps.putObject("prompts").put("listChanged", true);
        caps.putObject("completions");
        caps.putObject("logging");
        if (tasks != null) caps.putObject("extensions").putObject(TaskMessages.EXTENSION);
        result.putObject("_meta").set(StatelessEra.META_SERVER_INFO, codec.mapper().valueToTree(serverInfo));
        if (instructions != null) result.put("instructions", instructions);
        return envelope(result, 0, "private");
    }

    /** Adds {@code resultType} and, for a cacheable result, how long and by whom it may be cached. */
    static ObjectNode envelope(ObjectNode result, long ttlMs, String cacheScope) {
        // a result that names its own type (a task's CreateTaskResult: "task") keeps it
        if (!result.has("resultType")) result.put("resultType", "complete");
        if (cacheScope != null) result.put("ttlMs", ttlMs).put("cacheScope", cacheScope);
        return result;
    }
}
