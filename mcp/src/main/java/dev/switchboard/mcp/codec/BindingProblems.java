package dev.switchboard.mcp.codec;

import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.ProgressToken;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.ResourceContents;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns Jackson's binding exceptions into the one-line messages a client sees in a -32602:
 * {@code params.arguments must be an object, got a string}. Jackson's own messages name Java
 * classes and suggest {@code CoercionConfig}, which helps no MCP client.
 *
 * <p>Records check their required members with {@code Objects.requireNonNull(value, "member")};
 * Jackson wraps that in a {@link ValueInstantiationException} whose path leads to the record, so
 * path plus the NPE's message names the missing member exactly.
 */
final class BindingProblems {

    private BindingProblems() {}

    /** A message for {@code e}, naming members from {@code root} (e.g. {@code "params"}). */
    static String describe(JacksonException e, String root) {
        String where = path(e, root);
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            if (cause instanceof NullPointerException npe && npe.getMessage() != null) {
                return "missing required member " + where + "." + npe.getMessage();
            }
            return where + ": " + (cause != null && cause.getMessage() != null ? cause.getMessage() : "invalid value");
        }
        if (e instanceof InvalidTypeIdException t) {
            return t.getTypeId() == null
                    ? where + ".type is missing"
                    : where + ".type '" + t.getTypeId() + "' is not a known type";
        }
        if (e instanceof MismatchedInputException m && isWireModuleType(m.getTargetType())) {
            // our own deserializers already word the message for the client
            return where + " " + m.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String got = m instanceof InvalidFormatException f && f.getValue() instanceof String value
                    ? ", got \"" + shortened(value) + "\""
                    : m.getCurrentToken() == null ? "" : ", got " + kind(m.getCurrentToken());
            return where + " must be " + expected(m.getTargetType()) + got;
        }
        if (e instanceof InputCoercionException) {
            return where + " is out of range";
        }
        return where + ": " + e.getOriginalMessage();
    }

    /** The offending value echoed in a message, cut short: a client may have sent a megabyte. */
    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    /** {@code params.argument.name}, {@code params.messages[2].content}. */
    static String path(JacksonException e, String root) {
        StringBuilder out = new StringBuilder(root);
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                out.append('.').append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** "a string", "an object"... for the JSON kind of a token. */
    static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT, END_OBJECT, PROPERTY_NAME -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a fractional number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "unexpected input";
        };
    }

    private static String expected(Class<?> type) {
        if (type == String.class || type == CharSequence.class || type == Character.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == BigDecimal.class
                || type == Number.class) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (ArrayNode.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (JsonNode.class.isAssignableFrom(type) && !ObjectNode.class.isAssignableFrom(type)) {
            return "valid JSON";
        }
        // maps, object nodes and records all travel as JSON objects
        return "an object";
    }

    private static boolean isWireModuleType(Class<?> type) {
        return type == RequestId.class || type == ProgressToken.class || type == ResourceContents.class
                || type == Elicitation.ElicitParams.class;
    }
}
