package dev.switchboard.mcp;

import dev.switchboard.mcp.spi.Exchange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An {@link Exchange} that records what the engine sends, for tests. */
class RecordingExchange implements Exchange {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    final List<JsonNode> related = new CopyOnWriteArrayList<>();
    final CompletableFuture<JsonNode> response = new CompletableFuture<>();
    volatile boolean abandoned;
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
        onRelated.accept(n);
    }

    @Override
    public void respond(byte[] r) {
        response.complete(MAPPER.readTree(r));
    }

    @Override
    public void abandon() {
        abandoned = true;
        response.complete(null);
    }

    @Override
    public Map<String, List<String>> headers() {
        return Map.of("x-test", List.of("yes"));
    }

    JsonNode await() {
        try {
            return response.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no response within 10 s", e);
        }
    }
}
