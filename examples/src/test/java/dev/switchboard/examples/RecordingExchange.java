package dev.switchboard.examples;

import dev.switchboard.mcp.spi.Exchange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link Exchange} that records what the engine sends for one request: the related messages
 * (progress, logs, server-to-client requests) and the response, in the order they went out, so a
 * test can tell that everything a request produced preceded its response (what Streamable HTTP
 * puts on the request's SSE stream).
 */
final class RecordingExchange implements Exchange {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    final List<JsonNode> related = new CopyOnWriteArrayList<>();
    /** Related messages and then the response, as sent. */
    final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    final CompletableFuture<JsonNode> response = new CompletableFuture<>();
    private final Consumer<JsonNode> onRelated;

    RecordingExchange() {
        this(n -> {});
    }

    RecordingExchange(Consumer<JsonNode> onRelated) {
        this.onRelated = onRelated;
    }

    @Override
    public void send(byte[] message) {
        JsonNode n = MAPPER.readTree(message);
        related.add(n);
        sent.add(n);
        onRelated.accept(n);
    }

    @Override
    public void respond(byte[] r) {
        JsonNode n = MAPPER.readTree(r);
        sent.add(n);
        response.complete(n);
    }

    @Override
    public void abandon() {
        response.complete(null);
    }

    @Override
    public Map<String, List<String>> headers() {
        return Map.of();
    }

    /** The related messages whose method is {@code method}. */
    List<JsonNode> related(String method) {
        return related.stream().filter(n -> method.equals(n.path("method").asString(null))).toList();
    }

    JsonNode await() {
        try {
            return response.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no response within 10 s", e);
        }
    }
}
