package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The typed {@code params} of a request or notification. {@link dev.switchboard.mcp.codec.JsonRpcCodec} binds each incoming
 * message's params to the record its method table names ({@code tools/call} to
 * {@link Tools.CallToolParams}, and so on) in the same pass that reads the envelope.
 *
 * <p>Not sealed on purpose: other modules register their own params records with
 * {@link dev.switchboard.mcp.codec.JsonRpcCodec.Builder#method(String, Class)} (tasks, extensions), and methods nobody
 * registered decode to {@link Raw} so the engine can still answer -32601 with the method name.
 */
public interface Params {

    /** The raw {@code _meta} object of these params, or null when absent. */
    ObjectNode meta();

    /** The {@code _meta.progressToken} the requester asked progress for, or null. */
    default ProgressToken progressToken() {
        ObjectNode meta = meta();
        return meta == null ? null : ProgressToken.from(meta.get("progressToken"));
    }

    /**
     * Params that carry nothing but {@code _meta}: {@code ping}, {@code roots/list},
     * {@code notifications/initialized} and the {@code list_changed} notifications.
     *
     * @param meta optional {@code _meta}
     */
    record Empty(@JsonProperty("_meta") ObjectNode meta) implements Params {

        /** The shared instance without {@code _meta}. */
        public static final Empty INSTANCE = new Empty(null);
    }

    /**
     * The params of a method the codec has no record for, kept as JSON.
     *
     * @param value the params as sent: an object (empty when absent) or, for positional params,
     *     an array
     */
    record Raw(@JsonValue JsonNode value) implements Params {

        public Raw {
            Objects.requireNonNull(value, "value");
        }

        /** Raw params holding an empty object. */
        public static Raw empty() {
            return new Raw(JsonNodeFactory.instance.objectNode());
        }

        @Override
        public ObjectNode meta() {
            return value.get("_meta") instanceof ObjectNode meta ? meta : null;
        }
    }
}
