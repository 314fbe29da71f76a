package dev.switchboard.mcp;

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
    static final String VERSION = "2026-07-28";
    static final List<String> SUPPORTED = List.of(VERSION);
    static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    static final int HEADER_MISMATCH = -32020;
    static final int MISSING_CAPABILITY = -32021;
    static final int UNSUPPORTED_VERSION = -32022;
    /** Methods of the session era that 2026-07-28 removed: answered like unknown methods. */
    private static final Set<String> REMOVED = Set.of(McpMethods.INITIALIZE, McpMethods.PING, McpMethods.LOGGING_SET_LEVEL,
            McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE);
    static final String DISCOVER = "server/discover";
    /** The methods this era serves. */
    private static final Set<String> KNOWN = Set.of(DISCOVER, McpMethods.TOOLS_LIST, McpMethods.TOOLS_CALL, McpMethods.RESOURCES_LIST,
            McpMethods.RESOURCES_TEMPLATES_LIST, McpMethods.RESOURCES_READ, McpMethods.PROMPTS_LIST, McpMethods.PROMPTS_GET,
            McpMethods.COMPLETION_COMPLETE, McpMethods.SUBSCRIPTIONS_LISTEN, TaskMessages.GET, TaskMessages.UPDATE, TaskMessages.CANCEL);

    private final Dispatcher dispatcher;
    private final JsonRpcCodec codec;
    private final ListenStreams listens;

    StatelessDispatcher(Dispatcher dispatcher, JsonRpcCodec codec, ListenStreams listens) {
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.listens = listens;
    }

    void handle(Decoded message, Exchange exchange) {
        switch (message) {
            case Decoded.Request r -> request(r, exchange);
            case Decoded.Failure f when f.method() != null && !KNOWN.contains(f.method()) ->
                    // a removed method (initialize, ping, …) whose params did not decode is still just not a method here
                    exchange.respondError(codec.encodeError(f.id(), JsonRpc.Error.methodNotFound(f.method())), JsonRpc.METHOD_NOT_FOUND);
            case Decoded.Failure f -> exchange.respondError(codec.encodeError(f), f.code());
            case Decoded.Batch b -> exchange.respondError(codec.encodeError(null,
                    JsonRpc.Error.invalidRequest("JSON-RPC batches are not part of protocol version " + VERSION)), JsonRpc.INVALID_REQUEST);
            case Decoded.Notification n -> exchange.abandon(); // nothing to act on without a session
            case Decoded.Response r -> exchange.abandon();
        }
    }

    private void request(Decoded.Request r, Exchange exchange) {
        exchange = ObservedExchange.observe(dispatcher.observer, null, r, exchange);
        JsonRpc.Error refusal = check(r, exchange.headers());
        if (refusal != null) {
            exchange.respondError(codec.encodeError(r.id(), refusal), refusal.code());
            return;
        }
        ObjectNode meta = r.meta();
        Session session = new Session("stateless", "stateless", dispatcher);
        ClientCapabilities caps = codec.convert(meta.get(META_CAPABILITIES), ClientCapabilities.class);
        JsonNode info = meta.get(META_CLIENT_INFO);
        session.initialized(VERSION, info == null || !info.isObject() ? null : codec.convert(info, Implementation.class), caps);
        JsonNode level = meta.get(META_LOG_LEVEL);
        // no level in _meta means no log messages at all for this request
        session.logLevel(level != null && level.isString() ? LoggingLevel.fromWireName(level.asString()) : null);
        if (r.method().equals(DISCOVER)) {
            exchange.respond(codec.encodeResult(r.id(), discover()));
            return;
        }
        if (r.params() instanceof Listen.ListenParams listen) {
            try {
                listens.open(r, listen, exchange);
            } catch (McpException e) {
                exchange.respondError(codec.encodeError(r.id(), e.error()), e.code());
            }
            return;
        }
        if (REMOVED.contains(r.method())) {
            exchange.respondError(codec.encodeError(r.id(), JsonRpc.Error.methodNotFound(r.method())), JsonRpc.METHOD_NOT_FOUND);
            return;
        }
        dispatcher.stateless(session, r, exchange);
    }

    /** The first problem with the request's envelope, in the order the spec gives, or {@code null}. */
    private JsonRpc.Error check(Decoded.Request r, Map<String, List<String>> headers) {
        ObjectNode meta = r.meta();
        JsonNode version = meta == null ? null : meta.get(META_VERSION);
        JsonNode caps = meta == null ? null : meta.get(META_CAPABILITIES);
        if (version == null || !version.isString() || caps == null || !caps.isObject())
            return JsonRpc.Error.invalidParams("Invalid params: params._meta must carry " + META_VERSION + " and " + META_CAPABILITIES
                    + " (protocol version " + VERSION + " has no initialize)");
        String requested = version.asString();
        if (!headers.isEmpty()) {
            String header = first(headers, "mcp-protocol-version");
            if (!requested.equals(header))
                return JsonRpc.Error.of(HEADER_MISMATCH, "Header mismatch: MCP-Protocol-Version is " + (header == null ? "absent" : "'" + header + "'")
                        + " but params._meta says '" + requested + "'");
        }
        if (!SUPPORTED.contains(requested)) {
            ObjectNode data = codec.mapper().createObjectNode();
            data.putArray("supported").add(VERSION);
            data.put("requested", requested);
            return JsonRpc.Error.of(UNSUPPORTED_VERSION, "Unsupported protocol version '" + requested + "'; supported: " + SUPPORTED).withData(data);
        }
        if (!headers.isEmpty()) {
            String method = first(headers, "mcp-method");
            if (!r.method().equals(method))
                return JsonRpc.Error.of(HEADER_MISMATCH, "Header mismatch: Mcp-Method is " + (method == null ? "absent" : "'" + method + "'")
                        + " but the body's method is '" + r.method() + "'");
            String named = namedTarget(r);
            if (named != null) {
                String name = first(headers, "mcp-name");
                if (!named.equals(name))
                    return JsonRpc.Error.of(HEADER_MISMATCH, "Header mismatch: Mcp-Name is " + (name == null ? "absent" : "'" + name + "'")
                            + " but the request names '" + named + "'");
            }
            if (r.params() instanceof Tools.CallToolParams call) {
                String problem = dispatcher.mirroredHeaders(call.name()).mismatch(call.arguments(), headers);
                if (problem != null) return JsonRpc.Error.of(HEADER_MISMATCH, "Header mismatch: " + problem);
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
        result.putArray("supportedVersions").add(VERSION);
        ObjectNode caps = result.putObject("capabilities");
        // list changes and resource updates reach stateless clients through subscriptions/listen
        caps.putObject("tools").put("listChanged", true);
        caps.putObject("resources").put("listChanged", true).put("subscribe", true);
        caps.putObject("prompts").put("listChanged", true);
        caps.putObject("completions");
        caps.putObject("logging");
        if (dispatcher.tasks != null) caps.putObject("extensions").putObject(TaskMessages.EXTENSION);
        result.putObject("_meta").set(META_SERVER_INFO, codec.mapper().valueToTree(dispatcher.serverInfo()));
        if (dispatcher.instructions() != null) result.put("instructions", dispatcher.instructions());
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
