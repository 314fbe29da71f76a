package dev.switchboard.kernel;

import java.util.Map;

/**
 * What a {@link Handler} receives: the message and the parameters its route captured.
 *
 * @param message the message being delivered
 * @param params  route parameters by name ({@code "*"} for a trailing wildcard)
 */
public record Delivery(Message message, Map<String, String> params) {
    /** The parameter {@code name}, or an error naming the missing parameter. */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) throw new IllegalArgumentException("route parameter '" + name + "' is absent; have " + params.keySet());
        return value;
    }

    /** The message body cast to the type the handler expects. */
    public <T> T body(Class<T> type) {
        return type.cast(message.body());
    }
}
