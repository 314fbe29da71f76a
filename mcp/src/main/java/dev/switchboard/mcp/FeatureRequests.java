package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.kernel.DeadLetter;
import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.Message;
import dev.switchboard.kernel.Metadata;
import dev.switchboard.kernel.Outcome;
import dev.switchboard.kernel.ScopeDenial;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What both protocol eras do with a feature request: name its kernel path, track it on its session
 * (so it can be cancelled), submit it, and hand the kernel's {@link Outcome} to the era that asked.
 * The eras differ only before (their checks) and after (their result envelope and error mapping);
 * neither calls the other.
 */
final class FeatureRequests {
    private static final System.Logger LOG = System.getLogger(FeatureRequests.class.getName());
    static final int RETRY_AFTER_MS = (int) Outcome.Refused.RETRY_AFTER_MS;

    /** How an era answers once the kernel has run, refused or failed the request. */
    @FunctionalInterface
    interface Answer {
        void outcome(Outcome outcome);
    }

    private final Kernel kernel;
    private final JsonRpcCodec codec;
    private final Deadlines deadlines;
    private final CallBudgets calls;
    private final FrameRules frames;
    /** An error for a tools/call of a name no tool has, in place of "Unknown tool" (null: none); see McpServer.explainUnknownTools. */
    private volatile java.util.function.Function<String, JsonRpc.Error> unknownTools = name -> null;

    FeatureRequests(Kernel kernel, JsonRpcCodec codec) {
        this(kernel, codec, Budgets.none(), FrameRules.defaults());
    }

    FeatureRequests(Kernel kernel, JsonRpcCodec codec, Budgets budgets, FrameRules frames) {
        this.kernel = kernel;
        this.codec = codec;
        this.frames = frames;
        this.deadlines = new Deadlines(budgets);
        this.calls = new CallBudgets(budgets);
    }

    /** The kernel path that serves {@code r}, or {@code null} when its method is not a feature request. */
    static String pathOf(Decoded.Request r) {
        return switch (r.method()) {
            case McpMethods.TOOLS_LIST -> FeatureRoutes.TOOLS_LIST;
            case McpMethods.TOOLS_CALL -> FeatureRoutes.toolPath(r.params(Tools.CallToolParams.class).name());
            case McpMethods.RESOURCES_LIST -> FeatureRoutes.RESOURCES_LIST;
            case McpMethods.RESOURCES_TEMPLATES_LIST -> FeatureRoutes.RESOURCES_TEMPLATES;
            case McpMethods.RESOURCES_READ -> FeatureRoutes.RESOURCES_READ;
            case McpMethods.RESOURCES_SUBSCRIBE -> FeatureRoutes.RESOURCES_SUBSCRIBE;
            case McpMethods.RESOURCES_UNSUBSCRIBE -> FeatureRoutes.RESOURCES_UNSUBSCRIBE;
            case McpMethods.PROMPTS_LIST -> FeatureRoutes.PROMPTS_LIST;
            case McpMethods.PROMPTS_GET -> FeatureRoutes.PROMPTS_GET;
            case McpMethods.COMPLETION_COMPLETE -> FeatureRoutes.COMPLETE;
            default -> null;
        };
    }

    /**
     * Tracks {@code r} on {@code session} and submits it to {@code path}; {@code answer} runs once
     * with the outcome, after the request is untracked. A request id already in flight on the
     * session is refused here. Returns the tracking entry, or {@code null} when refused.
     *
     * @throws McpException -32000 when a tool call is over its session's or tenant's call budget,
     *     -32602 for a malformed deadline in {@code _meta} or an invalid {@link ContextFrame}
     */
    Session.InFlight submit(Session session, Decoded.Request r, Exchange exchange, String path, InputRound round, Answer answer) {
        Deadlines.Deadline deadline = deadlines.of(r);
        Principal principal = exchange.principal();
        ContextFrame frame = frames.frame(r, principal, deadline == null ? null : java.time.Duration.ofMillis(deadline.millis()));
        if (frame != ContextFrame.OPEN) {
            ObservedExchange.frame(exchange, frame);
            if (LOG.isLoggable(System.Logger.Level.DEBUG))
                LOG.log(System.Logger.Level.DEBUG, "{0} (id {1}) by {2} runs in {3}", r.method(), r.id(), principal == null ? "nobody" : principal.subject(), frame);
        }
        if (r.method().equals(McpMethods.TOOLS_CALL)) calls.admit(session, frame.tenant());
        Session.InFlight inFlight = session.track(r.id(), exchange);
        if (inFlight == null) {
            exchange.respond(codec.encodeError(r.id(), JsonRpc.Error.invalidRequest("request id " + r.id() + " is already in use by a request in flight on this session")));
            return null;
        }
        java.util.concurrent.Future<?> timer = deadline == null ? null : deadlines.arm(session, r, inFlight, deadline);
        String traceparent = traceparent(r, exchange);
        Metadata meta = traceparent == null ? Metadata.now() : Metadata.now().withTraceparent(traceparent);
        if (principal != null) meta = meta.withCaller(principal.caller());
        kernel.submit(Message.of(path, new McpCall(session, r, exchange, inFlight, round, frame), meta))
                .thenAccept(outcome -> {
                    if (timer != null) timer.cancel(false);
                    session.untrack(r.id());
                    if (!inFlight.claimAnswer()) return; // the session ended under it and said so
                    if (inFlight.cancelled) exchange.abandon();
                    else answer.outcome(outcome);
                })
                .exceptionally(failure -> {
                    // a transport that fails to write must not lose the failure silently
                    LOG.log(System.Logger.Level.ERROR, "answering " + r.method() + " (id " + r.id() + ") failed", failure);
                    return null;
                });
        return inFlight;
    }

    /** The one rule for a request's W3C trace context: {@code params._meta.traceparent}, else the {@code traceparent} header. */
    static String traceparent(Decoded.Request r, Exchange exchange) {
        JsonNode inMeta = r.meta() == null ? null : r.meta().get("traceparent");
        if (inMeta != null && inMeta.isString()) return inMeta.asString();
        // one header, read where the transport keeps it: building every header into a map per request is not free
        return exchange.header("traceparent");
    }

    /** -32000 with {@code data.retryAfterMs}: what a client gets when the kernel cannot take the request. */
    static JsonRpc.Error overloaded(String detail) {
        return overloaded(detail, RETRY_AFTER_MS);
    }

    /** -32000 for a kernel refusal, with the wait the refusal names (an adaptive limit's is its recent p99). */
    static JsonRpc.Error overloaded(Outcome.Refused refused) {
        return overloaded(refused.detail(), refused.retryAfterMs());
    }

    private static JsonRpc.Error overloaded(String detail, long retryAfterMs) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("retryAfterMs", retryAfterMs);
        return JsonRpc.Error.overloaded("Server overloaded, retry after " + retryAfterMs + " ms: " + detail).withData(data);
    }

    /**
     * Answers a request the kernel accepted and could not deliver with its JSON-RPC error; a scope
     * denial goes through {@link Exchange#refuseScope} with the scopes needed, so an authenticating
     * transport can ask the client to step up.
     */
    void unknownTools(java.util.function.Function<String, JsonRpc.Error> explain) {
        this.unknownTools = java.util.Objects.requireNonNull(explain, "explain");
    }

    void answerUndelivered(JsonRpcCodec codec, Decoded.Request r, Exchange exchange, Outcome.Undelivered u) {
        JsonRpc.Error error = errorFor(r, u);
        if (u.cause() instanceof ScopeDenial denial) {
            List<String> needed = denial.requirement().scopes();
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            needed.forEach(data.putArray("requiredScopes")::add);
            error = error.withData(data);
            exchange.refuseScope(codec.encodeError(r.id(), error), error.code(), needed);
        } else {
            exchange.respondError(codec.encodeError(r.id(), error), error.code());
        }
    }

    /** The JSON-RPC error for a request the kernel accepted and could not deliver. */
    JsonRpc.Error errorFor(Decoded.Request r, Outcome.Undelivered u) {
        // every tool has its route, so a call the router cannot place names no tool
        if (u.reason() == DeadLetter.Reason.NO_ROUTE && r.params() instanceof Tools.CallToolParams p) {
            JsonRpc.Error explained = unknownTools.apply(p.name());
            return explained != null ? explained : JsonRpc.Error.invalidParams("Unknown tool: '" + p.name() + "'");
        }
        return switch (u.reason()) {
            case HANDLER_FAILED -> u.cause() instanceof McpException e ? e.error()
                    : JsonRpc.Error.internal("Internal error: " + (u.cause() == null ? u.detail() : u.cause().getMessage()));
            case DENIED -> JsonRpc.Error.of(-32001, "Permission denied: " + u.detail());
            case CANCELLED -> JsonRpc.Error.internal("Request cancelled: " + u.detail());
            case NO_ROUTE, NO_SUBSCRIBER -> JsonRpc.Error.internal("Internal error: " + u.detail());
            case DROPPED_OLDEST, DROPPED_NEWEST, DROPPED_LOW_PRIORITY, REJECTED, BLOCK_TIMEOUT, EXPIRED, SHUTDOWN -> overloaded(u.detail());
        };
    }
}
