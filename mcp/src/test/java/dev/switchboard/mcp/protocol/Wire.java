package dev.switchboard.mcp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import tools.jackson.databind.JsonNode;

/** Test fixtures: the shared codec and JSON comparisons that treat 50 and 50.0 as equal. */
public final class Wire {

    public static final JsonRpcCodec CODEC = JsonRpcCodec.create();

    /** Numbers compare by value: a {@code Double} field re-encodes 50 as 50.0. */
    private static final Comparator<JsonNode> NUMERIC_AWARE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            BigDecimal x = a.decimalValue();
            BigDecimal y = b.decimalValue();
            return x.compareTo(y);
        }
        return a.equals(b) ? 0 : 1;
    };

    private Wire() {}

    public static JsonNode tree(String json) {
        return CODEC.mapper().readTree(json);
    }

    public static JsonNode tree(byte[] json) {
        return CODEC.mapper().readTree(json);
    }

    public static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    public static <T> T read(String json, Class<T> type) {
        return CODEC.mapper().readValue(json, type);
    }

    public static JsonNode write(Object value) {
        return CODEC.mapper().valueToTree(value);
    }

    /** Reads {@code json} as {@code type}, writes it back, and expects the same JSON. */
    public static <T> T assertRoundTrip(String json, Class<T> type) {
        T value = read(json, type);
        assertSameJson(write(value), tree(json));
        return value;
    }

    public static void assertSameJson(JsonNode actual, JsonNode expected) {
        assertThat(actual.equals(NUMERIC_AWARE, expected))
                .as("expected %s%nbut was  %s", expected, actual)
                .isTrue();
    }

    /** Decodes a request, re-encodes it from its typed params, and expects the same JSON. */
    public static Decoded.Request assertRequestRoundTrip(String json) {
        Decoded decoded = CODEC.decode(json);
        assertThat(decoded).isInstanceOf(Decoded.Request.class);
        Decoded.Request request = (Decoded.Request) decoded;
        assertSameJson(tree(CODEC.encodeRequest(request.id(), request.method(), request.params())), tree(json));
        return request;
    }

    /** Decodes a notification, re-encodes it from its typed params, and expects the same JSON. */
    public static Decoded.Notification assertNotificationRoundTrip(String json) {
        Decoded decoded = CODEC.decode(json);
        assertThat(decoded).isInstanceOf(Decoded.Notification.class);
        Decoded.Notification notification = (Decoded.Notification) decoded;
        assertSameJson(tree(CODEC.encodeNotification(notification.method(), notification.params())), tree(json));
        return notification;
    }

    /** Decodes a response, binds its result to {@code type}, re-encodes it and expects the same JSON. */
    public static <T> T assertResultRoundTrip(String json, Class<T> type) {
        Decoded decoded = CODEC.decode(json);
        assertThat(decoded).isInstanceOf(Decoded.Response.class);
        Decoded.Response response = (Decoded.Response) decoded;
        T result = CODEC.convert(response.result(), type);
        assertSameJson(tree(CODEC.encodeResult(response.id(), result)), tree(json));
        return result;
    }
}
