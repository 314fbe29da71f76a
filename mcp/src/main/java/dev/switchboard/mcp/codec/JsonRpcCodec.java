package dev.switchboard.mcp.codec;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.RequestId;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes MCP's JSON-RPC 2.0 messages. One instance is shared by every session and
 * thread: it holds a configured {@link JsonMapper} and the method table, both immutable.
 *
 * <pre>{@code
 * JsonRpcCodec codec = JsonRpcCodec.create();
 * if (codec.decode(bytes) instanceof Decoded.Request r
 *         && r.params() instanceof Tools.CallToolParams call) {
 *     send(codec.encodeResult(r.id(), Tools.CallToolResult.text("hi " + call.name())));
 * }
 * }</pre>
 *
 * <p>Decoding never throws; encoding throws {@link McpException} (-32603) only when a payload
 * cannot be serialized, so the caller can still answer with {@link #encodeError}.
 */
public final class JsonRpcCodec {

    /** How deep JSON may nest before a message is refused. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 512;

    private final JsonMapper mapper;
    private final MessageDecoder decoder;
    private final MessageEncoder encoder;

    private JsonRpcCodec(Builder builder) {
        this.mapper = WireMapper.create(builder.maxNestingDepth);
        this.decoder = new MessageDecoder(mapper, new MethodTable(mapper, builder.methods), builder.maxNestingDepth, builder.rawResults);
        this.encoder = new MessageEncoder(mapper);
    }

    /** A codec for the standard MCP methods. */
    public static JsonRpcCodec create() {
        return builder().build();
    }

    /** A builder starting from the standard MCP methods. */
    public static Builder builder() {
        return new Builder();
    }

    /** Decodes one message (or batch) from UTF-8 bytes. */
    public Decoded decode(byte[] message) {
        return decoder.decode(message, 0, message.length);
    }

    /** Decodes one message (or batch) from a slice of a buffer holding UTF-8 bytes. */
    public Decoded decode(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        return decoder.decode(buffer, offset, length);
    }

    /** Decodes one message (or batch) from a string, e.g. a WebSocket text frame. */
    public Decoded decode(String message) {
        return decoder.decode(message);
    }

    /** A success response; a null {@code result} is written as {@code {}}, a {@link RawResult} as its text, verbatim. */
    public byte[] encodeResult(RequestId id, Object result) {
        return encoder.result(Objects.requireNonNull(id, "id"), result);
    }

    /** An error response; a null {@code id} is written as {@code "id": null}. */
    public byte[] encodeError(RequestId id, JsonRpc.Error error) {
        return encoder.error(id, Objects.requireNonNull(error, "error"));
    }

    /** The error response to a message that failed to decode. */
    public byte[] encodeError(Decoded.Failure failure) {
        return encoder.error(failure.id(), failure.error());
    }

    /** A notification; null params, or params that would encode as {@code {}}, leave {@code params} out. */
    public byte[] encodeNotification(String method, Params params) {
        return encoder.request(null, Objects.requireNonNull(method, "method"), params);
    }

    /** A request from this side ({@code sampling/createMessage}, {@code ping}...). */
    public byte[] encodeRequest(RequestId id, String method, Params params) {
        return encoder.request(Objects.requireNonNull(id, "id"), Objects.requireNonNull(method, "method"), params);
    }

    /** Joins encoded messages into a JSON array, the answer to a {@link Decoded.Batch}. */
    public static byte[] encodeBatch(List<byte[]> messages) {
        int size = 2 + Math.max(0, messages.size() - 1);
        for (byte[] message : messages) {
            size += message.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write('[');
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(messages.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }

    /**
     * Binds a JSON tree to a protocol record, typically a {@link Decoded.Response#result()} to the
     * result type of the request it answers. {@code RawResult.class} gives the tree's JSON text.
     *
     * @throws McpException -32602 naming the member at fault
     */
    public <T> T convert(JsonNode node, Class<T> type) {
        if (type == RawResult.class) {
            if (!node.isObject()) throw McpException.invalidParams("Invalid RawResult: a result must be an object, got " + node.getNodeType());
            return type.cast(RawResult.checked(mapper.writeValueAsString(node)));
        }
        try {
            return mapper.treeToValue(node, type);
        } catch (JacksonException e) {
            throw McpException.invalidParams("Invalid " + type.getSimpleName() + ": "
                    + BindingProblems.describe(e, "result"));
        }
    }

    /**
     * Binds a result kept as JSON text to a protocol record, parsing the text straight into it;
     * {@code RawResult.class} returns {@code raw} itself and {@code JsonNode.class} its tree.
     *
     * @throws McpException -32602 naming the member at fault
     */
    public <T> T convert(RawResult raw, Class<T> type) {
        if (type == RawResult.class) return type.cast(raw);
        try {
            return mapper.readValue(raw.json(), type);
        } catch (JacksonException e) {
            throw McpException.invalidParams("Invalid " + type.getSimpleName() + ": "
                    + BindingProblems.describe(e, "result"));
        }
    }

    /** The configured mapper, for protocol JSON the envelope methods do not cover. */
    public JsonMapper mapper() {
        return mapper;
    }

    /** Configures a {@link JsonRpcCodec}. */
    public static final class Builder {

        private final Map<String, Class<? extends Params>> methods = new LinkedHashMap<>(MethodTable.standard());
        private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
        private boolean rawResults;

        private Builder() {}

        /**
         * Responses keep an object {@code result} as its JSON text ({@link Decoded.Response#rawResult()})
         * instead of a tree: the text is still read token by token (well-formed, no member twice,
         * within the nesting limit), but nothing is built, so a proxy can forward the result with
         * {@link #encodeResult} as it arrived, and {@link #convert(RawResult, Class)} binds it
         * without a tree in between.
         */
        public Builder rawResults() {
            this.rawResults = true;
            return this;
        }

        /** Binds {@code method}'s params to {@code type}, adding or replacing an entry. */
        public Builder method(String method, Class<? extends Params> type) {
            methods.put(Objects.requireNonNull(method, "method"), Objects.requireNonNull(type, "type"));
            return this;
        }

        /** The deepest nesting accepted, {@value JsonRpcCodec#DEFAULT_MAX_NESTING_DEPTH} by default. */
        public Builder maxNestingDepth(int depth) {
            if (depth < 4) {
                throw new IllegalArgumentException("maxNestingDepth must be at least 4, got " + depth);
            }
            this.maxNestingDepth = depth;
            return this;
        }

        /** The codec. */
        public JsonRpcCodec build() {
            return new JsonRpcCodec(this);
        }
    }
}
