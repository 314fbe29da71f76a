package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Logging;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.ProgressToken;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.kernel.Capacity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The {@link Context} of one request in the session era: related messages (progress, logs,
 * server-to-client requests) go out through the request's {@link Exchange}, so on Streamable HTTP
 * they travel on the request's own SSE stream ahead of its response.
 */
final class RequestContext implements Context {
    private final Session session;
    private final Decoded.Request request;
    private final Exchange exchange;
    private final Session.InFlight inFlight;
    private final JsonRpcCodec codec;
    private final Duration clientTimeout;
    /** The stateless era's input round, or {@code null} in the session era. */
    private final InputRound round;
    /** The handler runs inline on a transport's thread (a tool declared non-blocking): it must never wait for the client. */
    private final boolean nonBlocking;
    /** Numbers the keys of the one-shot asks ({@link #sample}, {@link #elicit}, …); replays number them alike. */
    private int oneShotAsks;
    private final ContextFrame frame;

    RequestContext(Session session, Decoded.Request request, Exchange exchange, Session.InFlight inFlight, JsonRpcCodec codec,
                   Duration clientTimeout, InputRound round, boolean nonBlocking, ContextFrame frame) {
        this.frame = frame;
        this.nonBlocking = nonBlocking;
        this.session = session;
        this.request = request;
        this.exchange = exchange;
        this.inFlight = inFlight;
        this.codec = codec;
        this.clientTimeout = clientTimeout;
        this.round = round;
    }

    @Override
    public ProgressToken progressToken() {
        return request.progressToken();
    }

    @Override
    public tools.jackson.databind.node.ObjectNode meta() {
        return request.meta();
    }

    @Override
    public void progress(double progress, Double total, String message) {
        ProgressToken token = request.progressToken();
        if (token == null) return;
        exchange.send(codec.encodeNotification(McpMethods.NOTIFICATION_PROGRESS, new ProgressParams(token, progress, total, message, null)));
    }

    @Override
    public void log(LoggingLevel level, String logger, Object data) {
        LoggingLevel threshold = session.logLevel();
        if (threshold == null || !level.isAtLeast(threshold)) return;
        JsonNode payload = data instanceof String s ? StringNode.valueOf(s) : codec.mapper().valueToTree(data);
        exchange.send(codec.encodeNotification(McpMethods.NOTIFICATION_MESSAGE, new Logging.MessageParams(level, logger, payload, null)));
    }

    @Override
    public void closeStream() {
        exchange.closeStream();
    }

    @Override
    public boolean cancelled() {
        return inFlight.cancelled;
    }

    @Override
    public Duration timeLeft() {
        long deadline = inFlight.deadlineNanos;
        return deadline == 0 ? null : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    @Override
    public Sampling.CreateMessageResult sample(Sampling.CreateMessageParams params) {
        return oneShot("sampling", InputRequest.sample(params)).sampling("sampling-" + oneShotAsks);
    }

    @Override
    public Elicitation.ElicitResult elicit(String message, ObjectNode requestedSchema) {
        return oneShot("elicitation", InputRequest.elicit(message, requestedSchema)).elicitation("elicitation-" + oneShotAsks);
    }

    @Override
    public Elicitation.ElicitResult elicitUrl(String message, String elicitationId, String url) {
        return oneShot("elicitation", InputRequest.elicitUrl(message, elicitationId, url)).elicitation("elicitation-" + oneShotAsks);
    }

    @Override
    public List<Roots.Root> roots() {
        return oneShot("roots", InputRequest.roots()).roots("roots-" + oneShotAsks);
    }

    private InputResponses oneShot(String kind, InputRequest request) {
        return ask(Map.of(kind + "-" + ++oneShotAsks, request));
    }

    @Override
    public InputResponses ask(Map<String, InputRequest> requests) {
        if (requests.isEmpty()) throw new IllegalArgumentException("ask needs at least one input request");
        requests.values().forEach(this::requireCapability);
        if (round != null) return round.answer(requests);
        if ("stateless".equals(session.transport()))
            // 2026-07-28 forbids requests on a response stream; input rounds exist where the params carry inputResponses
            throw new McpException(JsonRpc.INVALID_REQUEST, request.method() + " cannot ask a stateless (2026-07-28) client for input: "
                    + "only tools/call, prompts/get and resources/read carry inputResponses");
        Map<String, Object> answers = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, InputRequest> e : requests.entrySet())
            answers.put(e.getKey(), InputRound.convert(codec, e.getKey(), e.getValue(), sendToClient(e.getValue().method(), e.getValue().params())));
        return new InputResponses(answers);
    }

    private void requireCapability(InputRequest request) {
        ClientCapabilities caps = session.capabilities();
        String missing = switch (request) {
            case InputRequest.Sample s -> caps.sampling() == null ? "the sampling capability" : null;
            case InputRequest.ListRoots r -> caps.roots() == null ? "the roots capability" : null;
            case InputRequest.Elicit e when e.params() instanceof Elicitation.Url ->
                    caps.elicitation() == null || caps.elicitation().url() == null ? "URL-mode elicitation" : null;
            case InputRequest.Elicit e -> caps.elicitation() == null ? "the elicitation capability" : null;
        };
        if (missing != null) throw new McpException(JsonRpc.INVALID_REQUEST, "client '" + clientName() + "' did not declare " + missing);
    }

    private JsonNode sendToClient(String method, Params params) {
        if (nonBlocking)
            throw new McpException(JsonRpc.INTERNAL_ERROR, request.method() + " is served by a handler declared non-blocking, which cannot wait for the client's answer to "
                    + method + "; declare it blocking (the default) to ask the client");
        // the answer may take minutes (a person filling in an elicitation): the handler parks its kernel
        // slot meanwhile, so waiting sessions cannot starve the others of performance.maxInflight; the
        // request still counts against its session's sessions.maxInflight
        try (Capacity.Parked away = inFlight.capacity.park()) {
            return session.request(method, params, exchange::send, clientTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException(JsonRpc.INTERNAL_ERROR, "request cancelled while waiting for the client's answer to " + method);
        }
    }

    private String clientName() {
        Implementation c = session.info().client();
        return c == null ? "unknown" : c.name();
    }

    @Override
    public SessionInfo session() {
        return session.info();
    }

    @Override
    public Principal principal() {
        return exchange.principal();
    }

    @Override
    public ContextFrame frame() {
        return frame;
    }

    @Override
    public Map<String, List<String>> headers() {
        return exchange.headers();
    }

    @Override
    public Duration clientTimeout() {
        return clientTimeout;
    }
}
