package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionHost;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A test's MCP client for a server in the same JVM, on the 2025-11-25 wire: one session opened
 * through {@link SessionHost}, each request answered through its own {@link RecordingExchange},
 * and the server's requests to the client (sampling, elicitation) answered by what the test
 * registered with {@link #answering}, the way a real client answers them: as a separate message.
 */
final class InProcessClient implements AutoCloseable {
    private final McpServer server;
    private final ServerSession session;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Function<JsonNode, String>> answers = new ConcurrentHashMap<>();
    /** The server's requests to this client, as sent. */
    final List<JsonNode> serverRequests = new CopyOnWriteArrayList<>();
    /** Messages that belong to no request (list changes, resource updates), as sent. */
    final List<JsonNode> channel = new CopyOnWriteArrayList<>();
    /** The result of {@code initialize}. */
    final JsonNode initialized;

    private InProcessClient(McpServer server, String capabilities) {
        this.server = server;
        this.session = ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
        session.attach(m -> channel.add(RecordingExchange.MAPPER.readTree(m)));
        this.initialized = result("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":" + capabilities
                + ",\"clientInfo\":{\"name\":\"conformance-test-client\",\"version\":\"1.0.0\"}}");
        session.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), new RecordingExchange());
    }

    /** A client that declares the conformance suite's capabilities: sampling and elicitation. */
    static InProcessClient connect(McpServer server) {
        return connect(server, "{\"sampling\":{},\"elicitation\":{}}");
    }

    /** A client that declares {@code capabilities} (JSON) at initialize. */
    static InProcessClient connect(McpServer server, String capabilities) {
        return new InProcessClient(server, capabilities);
    }

    /** Answers the server's {@code method} requests with {@code result(params)}, a JSON result. */
    InProcessClient answering(String method, Function<JsonNode, String> result) {
        answers.put(method, result);
        return this;
    }

    /** Sends a request ({@code params} is JSON, or {@code null} for none) and waits for its response. */
    RecordingExchange send(String method, String params) {
        String json = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet() + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}";
        RecordingExchange exchange = new RecordingExchange(this::answer);
        session.handle(server.codec().decode(json), exchange);
        exchange.await();
        return exchange;
    }

    /** The result of a request that must succeed. */
    JsonNode result(String method, String params) {
        JsonNode response = send(method, params).await();
        assertThat(response.has("error")).as("%s answered %s", method, response).isFalse();
        return response.get("result");
    }

    /** The error of a request that must fail. */
    JsonNode error(String method, String params) {
        JsonNode response = send(method, params).await();
        assertThat(response.has("error")).as("%s answered %s", method, response).isTrue();
        return response.get("error");
    }

    /** The result of {@code tools/call} of {@code tool} with {@code arguments} (JSON). */
    JsonNode callTool(String tool, String arguments) {
        return result("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
    }

    /** {@code text} parsed, for comparing with what the server sent. */
    static JsonNode json(String text) {
        return RecordingExchange.MAPPER.readTree(text);
    }

    private void answer(JsonNode message) {
        if (!message.has("id") || !message.has("method")) return;
        serverRequests.add(message);
        Function<JsonNode, String> answer = answers.get(message.get("method").asString());
        String reply = answer == null
                ? "\"error\":{\"code\":-32601,\"message\":\"this test client does not answer " + message.get("method").asString() + "\"}"
                : "\"result\":" + answer.apply(message.get("params"));
        String json = "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id") + "," + reply + "}";
        // a real client answers on another connection (HTTP: a separate POST), never inside the send
        Thread.ofVirtual().start(() -> session.handle(server.codec().decode(json), new RecordingExchange()));
    }

    @Override
    public void close() {
        server.sessionHost().end(session.id());
    }
}
