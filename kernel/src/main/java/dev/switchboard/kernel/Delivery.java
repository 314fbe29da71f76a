package dev.switchboard.kernel;

import java.util.Map;

/**
 * What a {@link Handler} receives: the message, the parameters its route captured, and the
 * capacity the handler holds while it runs.
 *
 * @param message  the message being delivered
 * @param params   route parameters by name ({@code "*"} for a trailing wildcard)
 * @param capacity the handler's in-flight slot and running permit, to {@linkplain Capacity#park park}
 *                 while it waits on something outside the server
 */
public record Delivery(Message message, Map<String, String> params, Capacity capacity) {
    /** A delivery whose capacity is not metered. */
    public Delivery(Message message, Map<String, String> params) {
        this(message, params, Capacity.NONE);
    }

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
