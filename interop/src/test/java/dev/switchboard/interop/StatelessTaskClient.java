package dev.switchboard.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bare 2026-07-28 client for task tests: one POST per request with the routing headers and the
 * tasks extension declared in {@code _meta} (McpClient declares no extensions yet). Answers the
 * whole JSON-RPC response, so tests can look at errors as well as results.
 */
final class StatelessTaskClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final boolean declareTasks;
    private final AtomicLong ids = new AtomicLong();

    StatelessTaskClient(String endpoint, boolean declareTasks) {
        this.endpoint = URI.create(endpoint);
        this.declareTasks = declareTasks;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The response envelope: {@code result} or {@code error}. */
    JsonNode send(String method, ObjectNode params) throws Exception {
        HttpResponse<String> response = http.send(request(method, params), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        if (text.startsWith("event:") || text.startsWith("data:") || text.startsWith("id:")) {
            // an SSE answer: the last data line carries the response
            String last = null;
            for (String line : text.split("\n")) if (line.startsWith("data:")) last = line.substring(5).trim();
            text = last;
        }
        return JSON.readTree(text);
    }

    /**
     * Opens a {@code subscriptions/listen} stream asking for {@code notifications}; every message it
     * carries (the acknowledgement, notifications, an error) lands in {@code messages} as it arrives.
     * Closing the returned stream ends the subscription.
     */
    java.util.stream.Stream<String> listen(ObjectNode notifications, java.util.Queue<JsonNode> messages) throws Exception {
        ObjectNode params = object();
        params.set("notifications", notifications);
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request("subscriptions/listen", params),
                HttpResponse.BodyHandlers.ofLines());
        java.util.stream.Stream<String> lines = response.body();
        Thread.ofVirtual().start(() -> {
            try {
                lines.forEach(line -> {
                    String t = line.startsWith("data:") ? line.substring(5).trim() : line.startsWith("{") ? line : null;
                    if (t != null && !t.isEmpty()) messages.add(JSON.readTree(t));
                });
            } catch (RuntimeException e) {
                // the stream was closed by the test
            }
        });
        return lines;
    }

    private HttpRequest request(String method, ObjectNode params) {
        ObjectNode meta = params.get("_meta") instanceof ObjectNode m ? m : params.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "task-test").put("version", "1");
        ObjectNode caps = meta.putObject("io.modelcontextprotocol/clientCapabilities");
        if (declareTasks) caps.putObject("extensions").putObject("io.modelcontextprotocol/tasks");
        ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
        body.set("params", params);
        String name = switch (method) {
            case "tools/call" -> params.path("name").asString(null);
            case "tasks/get", "tasks/update", "tasks/cancel" -> params.path("taskId").isString() ? params.path("taskId").asString() : null;
            default -> null;
        };
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (name != null) req.header("Mcp-Name", name);
        return req.build();
    }

    JsonNode call(String tool, ObjectNode arguments) throws Exception {
        ObjectNode p = object().put("name", tool);
        p.set("arguments", arguments);
        return send("tools/call", p);
    }

    JsonNode get(String taskId) throws Exception {
        return send("tasks/get", object().put("taskId", taskId));
    }
}
