package dev.switchboard.mcp.protocol;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The token a requester puts in {@code _meta.progressToken} and the receiver echoes in every
 * {@code notifications/progress}: a string or an integer, kept as sent.
 */
public sealed interface ProgressToken permits ProgressToken.StringToken, ProgressToken.NumberToken {

    /** A string token. */
    static ProgressToken of(String value) {
        return new StringToken(value);
    }

    /** A numeric token. */
    static ProgressToken of(long value) {
        return new NumberToken(value);
    }

    /**
     * Reads a token from a JSON value.
     *
     * @return the token, or null when {@code node} is missing or neither a string nor an integer
     *     that fits in a long
     */
    static ProgressToken from(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return new StringToken(node.stringValue());
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return new NumberToken(node.longValue());
        }
        return null;
    }

    /**
     * A token sent as a JSON string.
     *
     * @param value the string, never null
     */
    record StringToken(String value) implements ProgressToken {
        public StringToken {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A token sent as a JSON integer.
     *
     * @param value the number
     */
    record NumberToken(long value) implements ProgressToken {}
}
