package dev.switchboard.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client side of the stateless era (2026-07-28): every request is self-contained, carrying the
 * protocol version, client info and capabilities in {@code _meta} (over HTTP, a POST with the
 * routing headers {@code Mcp-Method} and {@code Mcp-Name}); there is no session to open or close.
 *
 * <p>An {@code input_required} result is answered here, with the same handlers that answer a
 * session-era server's requests (sampling, elicitation, roots), and the request is sent again
 * with the answers and the server's {@code requestState}, until it completes. Callers of
 * {@link McpClient} see only the final result. Any server instance may answer any round.
 */
final class StatelessCalls {
    static final String VERSION = "2026-07-28";
    /** A server that keeps asking past this many rounds is looping. */
    private static final int MAX_ROUNDS = 16;

    /** Sends one request and returns its result, or throws its error as {@link McpException}. */
    @FunctionalInterface
    interface Sender {
        JsonNode send(String method, String name, ObjectNode params, Consumer<ProgressParams> onProgress);
    }

    private final URI endpoint;
    private final HttpClient http;
    private final Duration timeout;
    private final Sender sender;
    private final McpClient.Builder options;
    private final ClientCapabilities capabilities;
    private final JsonRpcCodec codec;
    private final AtomicLong ids = new AtomicLong();

    /** Over HTTP: one POST per request. */
    StatelessCalls(URI endpoint, McpClient.Builder options, JsonRpcCodec codec) {
        this.endpoint = endpoint;
        this.http = options.httpClient != null ? options.httpClient : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.timeout = options.requestTimeout;
        this.sender = this::post;
        this.options = options;
        this.capabilities = options.capabilities();
        this.codec = codec;
    }

    /** Over a channel shared by every request (stdio): {@code session} matches answers to requests. */
    StatelessCalls(ClientSession session, McpClient.Builder options, JsonRpcCodec codec) {
        this.endpoint = null;
        this.http = null;
        this.timeout = options.requestTimeout;
        this.sender = (method, name, params, onProgress) -> session.request(method, new Params.Raw(params), JsonNode.class, onProgress);
        this.options = options;
        this.capabilities = options.capabilities();
        this.codec = codec;
    }

    /** {@code server/discover}, read as the session era's initialize result so callers need not care. */
    Lifecycle.InitializeResult discover() {
        JsonNode r = call("server/discover", Params.Empty.INSTANCE, null);
        JsonNode info = r.path("_meta").path(StatelessDispatcher.META_SERVER_INFO);
        return new Lifecycle.InitializeResult(VERSION, codec.convert(r.path("capabilities"), ServerCapabilities.class),
                info.isObject() ? codec.convert(info, Implementation.class) : null, r.path("instructions").asString(null), null);
    }

    <R> R request(String method, Params params, Class<R> type, Consumer<ProgressParams> onProgress) {
        return codec.convert(call(method, params, onProgress), type);
    }

    private JsonNode call(String method, Params params, Consumer<ProgressParams> onProgress) {
        ObjectNode p = params == null ? codec.mapper().createObjectNode() : codec.mapper().valueToTree(params);
        ObjectNode meta = p.get("_meta") instanceof ObjectNode m ? m : p.putObject("_meta");
        meta.put(StatelessDispatcher.META_VERSION, VERSION);
        meta.set(StatelessDispatcher.META_CLIENT_INFO, codec.mapper().valueToTree(options.clientInfo));
        meta.set(StatelessDispatcher.META_CAPABILITIES, codec.mapper().valueToTree(capabilities));
        String name = switch (method) {
            case McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET -> p.path("name").asString(null);
            case McpMethods.RESOURCES_READ -> p.path("uri").asString(null);
            default -> null;
        };
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            JsonNode result = sender.send(method, name, p, onProgress);
            if (!"input_required".equals(result.path("resultType").asString(null))) return result;
            p.set("inputResponses", answer(result.path("inputRequests")));
            if (result.path("requestState").isString()) p.put("requestState", result.path("requestState").asString());
            else p.remove("requestState");
        }
        throw new McpClientException(McpClientException.Reason.PROTOCOL, method + " still asked for input after " + MAX_ROUNDS + " rounds");
    }

    /** Answers each input request with this client's handlers, by key. */
    private ObjectNode answer(JsonNode requests) {
        ObjectNode answers = codec.mapper().createObjectNode();
        for (Map.Entry<String, JsonNode> e : requests.properties()) {
            String method = e.getValue().path("method").asString("");
            JsonNode params = e.getValue().path("params");
            Object answer;
            try {
                answer = switch (method) {
                    case McpMethods.ELICITATION_CREATE -> handler(options.elicitation, method).handle(codec.convert(params, Elicitation.ElicitParams.class));
                    case McpMethods.SAMPLING_CREATE_MESSAGE -> handler(options.sampling, method).handle(codec.convert(params, Sampling.CreateMessageParams.class));
                    case McpMethods.ROOTS_LIST -> new Roots.ListRootsResult(handler(options.roots, method).get(), null);
                    default -> throw new McpClientException(McpClientException.Reason.PROTOCOL, "the server asked for input by an unknown method '" + method + "'");
                };
            } catch (McpClientException | McpException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new McpClientException(McpClientException.Reason.PROTOCOL, "answering " + method + " (key '" + e.getKey() + "') failed: " + ex, ex);
            }
            answers.set(e.getKey(), codec.mapper().valueToTree(answer));
        }
        return answers;
    }

    private static <H> H handler(H handler, String method) {
        if (handler == null) throw new McpClientException(McpClientException.Reason.PROTOCOL, "the server asked for " + method + " but this client has no handler for it");
        return handler;
    }

    /** One POST; the result of the response, or its error thrown as {@link McpException}. */
    private JsonNode post(String method, String name, ObjectNode params, Consumer<ProgressParams> onProgress) {
        long id = ids.incrementAndGet();
        ObjectNode body = codec.mapper().createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        body.set("params", params);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", VERSION).header("Mcp-Method", method)
                .POST(HttpRequest.BodyPublishers.ofByteArray(codec.mapper().writeValueAsBytes(body)));
        if (name != null) request.header("Mcp-Name", name);
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new McpClientException(McpClientException.Reason.CLOSED, method + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpClientException(McpClientException.Reason.CLOSED, method + " interrupted", e);
        }
        try (InputStream in = response.body()) {
            JsonNode answer = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")
                    ? fromStream(in, id, onProgress) : parse(in.readAllBytes());
            if (answer == null || !(answer.has("result") || answer.has("error")))
                throw new McpClientException(response.statusCode(), answer == null ? "" : answer.toString(), method + " got no JSON-RPC response (HTTP " + response.statusCode() + ")");
            if (answer.has("error")) throw new McpException(codec.convert(answer.get("error"), JsonRpc.Error.class));
            return answer.get("result");
        } catch (IOException e) {
            throw new McpClientException(McpClientException.Reason.CLOSED, method + ": the response broke off: " + e.getMessage(), e);
        }
    }

    /** Reads an SSE reply: notifications go to the listeners, the response to request {@code id} ends it. */
    private JsonNode fromStream(InputStream in, long id, Consumer<ProgressParams> onProgress) throws IOException {
        try (ClientEventStream events = new ClientEventStream(in)) {
            for (ClientEventStream.Event e = events.next(); e != null; e = events.next()) {
                JsonNode message = parse(e.data().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (message == null) continue;
                if (message.path("id").asLong(-1) == id && (message.has("result") || message.has("error"))) return message;
                String method = message.path("method").asString("");
                if (method.equals(McpMethods.NOTIFICATION_PROGRESS)) {
                    ProgressParams progress = codec.convert(message.get("params"), ProgressParams.class);
                    if (onProgress != null) onProgress.accept(progress);
                    if (options.onProgress != null) options.onProgress.accept(progress);
                } else if (method.equals(McpMethods.NOTIFICATION_MESSAGE) && options.onLog != null) {
                    options.onLog.accept(codec.convert(message.get("params"), Logging.MessageParams.class));
                }
            }
        }
        return null;
    }

    private JsonNode parse(byte[] json) {
        if (json.length == 0) return null;
        try {
            return codec.mapper().readTree(json);
        } catch (JacksonException e) {
            throw new McpClientException(McpClientException.Reason.PROTOCOL, "the server sent something that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
