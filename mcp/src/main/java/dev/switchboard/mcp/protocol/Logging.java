package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** Logging: {@code logging/setLevel} and {@code notifications/message}. */
public final class Logging {

    private Logging() {}

    /**
     * Params of {@code logging/setLevel}.
     *
     * @param level the least severe level the client wants to receive
     * @param meta  optional {@code _meta}
     */
    public record SetLevelParams(LoggingLevel level, @JsonProperty("_meta") ObjectNode meta) implements Params {
        public SetLevelParams {
            Objects.requireNonNull(level, "level");
        }
    }

    /**
     * Params of {@code notifications/message}.
     *
     * @param level  the severity
     * @param logger optional logger name
     * @param data   the payload: any JSON, usually a string or an object
     * @param meta   optional {@code _meta}
     */
    public record MessageParams(
            LoggingLevel level, String logger, JsonNode data, @JsonProperty("_meta") ObjectNode meta)
            implements Params {
        public MessageParams {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(data, "data");
        }

        /** A text message. */
        public static MessageParams of(LoggingLevel level, String logger, String message) {
            return new MessageParams(level, logger, StringNode.valueOf(message), null);
        }
    }
}
