package dev.switchboard.mcp.protocol;

import java.util.Objects;

/**
 * A JSON-RPC request id: a string or an integer, kept exactly as the peer sent it so that the
 * echo in the response is byte-for-byte the same kind ({@code "1"} stays a string, {@code 1} a
 * number).
 *
 * <p>Fractional and out-of-64-bit-range numbers are refused at decode time: echoing them exactly
 * would need {@code BigDecimal} for an edge case JSON-RPC already discourages.
 */
public sealed interface RequestId permits RequestId.StringId, RequestId.NumberId {

    /** A string id. */
    static RequestId of(String value) {
        return new StringId(value);
    }

    /** A numeric id. */
    static RequestId of(long value) {
        return new NumberId(value);
    }

    /**
     * An id sent as a JSON string.
     *
     * @param value the string, never null
     */
    record StringId(String value) implements RequestId {
        public StringId {
            Objects.requireNonNull(value, "value");
        }

        /** The id as it appears in JSON, quoted. */
        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    /**
     * An id sent as a JSON integer.
     *
     * @param value the number
     */
    record NumberId(long value) implements RequestId {
        /** The id as it appears in JSON. */
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }
}
