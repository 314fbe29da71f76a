package dev.switchboard.client;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Logging;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.StatelessEra;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stateless era's requests over HTTP: a POST each, with the routing headers the server checks
 * against the body; the answer is plain JSON or an SSE stream whose notifications (progress, logs,
 * and on a {@code subscriptions/listen} stream resource updates and list changes) go to the
 * client's listeners before the response ends it.
 */
final class StatelessHttp implements StatelessCalls.Sender {
    private final URI endpoint;
    private final HttpClient http;
    private final Duration timeout;
    private final McpClient.Builder options;
    private final JsonRpcCodec codec;
    private final AtomicLong ids = new AtomicLong();

    StatelessHttp(URI endpoint, McpClient.Builder options, JsonRpcCodec codec) {
        this.endpoint = endpoint;
        this.http = options.httpClient != null ? options.httpClient : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.timeout = options.requestTimeout;
        this.options = options;
        this.codec = codec;
    }

    /** One POST; the result of the response, or its error thrown as {@link McpException}. */
    @Override
    public JsonNode send(String method, String name, ObjectNode params, Consumer<ProgressParams> onProgress) {
        long id = ids.incrementAndGet();
        ObjectNode body = codec.mapper().createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        body.set("params", params);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", StatelessEra.VERSION).header("Mcp-Method", method)
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
                JsonNode message = parse(e.data().getBytes(StandardCharsets.UTF_8));
                if (message == null) continue;
                if (message.path("id").asLong(-1) == id && (message.has("result") || message.has("error"))) return message;
                String method = message.path("method").asString("");
                if (method.equals(McpMethods.NOTIFICATION_PROGRESS)) {
                    ProgressParams progress = codec.convert(message.get("params"), ProgressParams.class);
                    if (onProgress != null) onProgress.accept(progress);
                    if (options.onProgress != null) options.onProgress.accept(progress);
                } else if (method.equals(McpMethods.NOTIFICATION_MESSAGE) && options.onLog != null) {
                    options.onLog.accept(codec.convert(message.get("params"), Logging.MessageParams.class));
                } else if (method.equals(McpMethods.NOTIFICATION_RESOURCES_UPDATED) && options.onResourceUpdated != null) {
                    options.onResourceUpdated.accept(message.path("params").path("uri").asString(null)); // a subscriptions/listen stream's
                } else if (method.endsWith("/list_changed") && options.onListChanged != null) {
                    options.onListChanged.accept(method);
                }
                if (!method.isEmpty() && options.onNotification != null
                        && codec.decode(e.data().getBytes(StandardCharsets.UTF_8)) instanceof Decoded.Notification n) options.onNotification.accept(n);
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
