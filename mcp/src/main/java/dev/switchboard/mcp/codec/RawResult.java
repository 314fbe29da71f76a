package dev.switchboard.mcp.codec;

import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * A JSON-RPC {@code result} kept as the JSON text it arrived as: {@link JsonRpcCodec#encodeResult}
 * writes it into the response verbatim, with no tree, no record and no serializer in between. What
 * a proxy uses to forward another server's result unchanged (the agents gateway does, for
 * {@code tools/call}); a tool handler may return one, and the server sends it as the call's
 * {@code CallToolResult} (see {@code ToolHandler}).
 *
 * <p>A codec built with {@link JsonRpcCodec.Builder#rawResults()} decodes responses into these
 * ({@link Decoded.Response#rawResult()}) after checking that the text is well-formed JSON; {@link #of}
 * checks the same for text from anywhere else.
 */
public final class RawResult {
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String json;

    private RawResult(String json) {
        this.json = json;
    }

    /**
     * The result whose JSON text is {@code json}: exactly one JSON object.
     *
     * @throws IllegalArgumentException when {@code json} is not one well-formed JSON object
     */
    public static RawResult of(String json) {
        Objects.requireNonNull(json, "json");
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("a result must be a JSON object");
            p.skipChildren();
            if (p.nextToken() != null) throw new IllegalArgumentException("a result must be one JSON object, found more after it");
        } catch (JacksonException e) {
            throw new IllegalArgumentException("a result must be well-formed JSON: " + e.getOriginalMessage(), e);
        }
        return new RawResult(json);
    }

    /** Text the decoder has already read as one JSON object. */
    static RawResult checked(String json) {
        return new RawResult(json);
    }

    /** The JSON text of the result object (also what a mapper writes for this value). */
    @com.fasterxml.jackson.annotation.JsonValue
    @com.fasterxml.jackson.annotation.JsonRawValue
    public String json() {
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawResult r && r.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json;
    }
}
