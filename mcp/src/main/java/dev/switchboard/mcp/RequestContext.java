package dev.switchboard.mcp;

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

    RequestContext(Session session, Decoded.Request request, Exchange exchange, Session.InFlight inFlight, JsonRpcCodec codec, Duration clientTimeout) {
        this.session = session;
        this.request = request;
        this.exchange = exchange;
        this.inFlight = inFlight;
        this.codec = codec;
        this.clientTimeout = clientTimeout;
    }

    @Override
    public ProgressToken progressToken() {
        return request.progressToken();
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
    public Sampling.CreateMessageResult sample(Sampling.CreateMessageParams params) {
        if (session.capabilities().sampling() == null)
            throw new McpException(JsonRpc.INVALID_REQUEST, "client '" + clientName() + "' did not declare the sampling capability");
        return codec.convert(ask(McpMethods.SAMPLING_CREATE_MESSAGE, params), Sampling.CreateMessageResult.class);
    }

    @Override
    public Elicitation.ElicitResult elicit(String message, ObjectNode requestedSchema) {
        if (session.capabilities().elicitation() == null)
            throw new McpException(JsonRpc.INVALID_REQUEST, "client '" + clientName() + "' did not declare the elicitation capability");
        return codec.convert(ask(McpMethods.ELICITATION_CREATE, Elicitation.ElicitParams.form(message, requestedSchema)), Elicitation.ElicitResult.class);
    }

    @Override
    public Elicitation.ElicitResult elicitUrl(String message, String elicitationId, String url) {
        ClientCapabilities.ElicitationCapability e = session.capabilities().elicitation();
        if (e == null || e.url() == null)
            throw new McpException(JsonRpc.INVALID_REQUEST, "client '" + clientName() + "' did not declare URL-mode elicitation");
        return codec.convert(ask(McpMethods.ELICITATION_CREATE, Elicitation.ElicitParams.url(message, elicitationId, url)), Elicitation.ElicitResult.class);
    }

    @Override
    public List<Roots.Root> roots() {
        if (session.capabilities().roots() == null)
            throw new McpException(JsonRpc.INVALID_REQUEST, "client '" + clientName() + "' did not declare the roots capability");
        return codec.convert(ask(McpMethods.ROOTS_LIST, Params.Empty.INSTANCE), Roots.ListRootsResult.class).roots();
    }

    private JsonNode ask(String method, Params params) {
        if ("stateless".equals(session.transport()))
            // 2026-07-28 forbids requests on a response stream; its way is an input_required result
            throw new McpException(JsonRpc.INVALID_REQUEST, method + " is not available to stateless (2026-07-28) clients yet: "
                    + "this server does not implement input_required round trips");
        try {
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
    public Map<String, List<String>> headers() {
        return exchange.headers();
    }

    @Override
    public Duration clientTimeout() {
        return clientTimeout;
    }
}
