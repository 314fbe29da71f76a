package dev.switchboard.kernel;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its dotted name, default, what values are allowed and how to read one.
 *
 * <p>The environment variable for a key is {@code MCP_} plus the key in upper snake case with dots
 * as underscores ({@code router.cacheCapacity} is {@code MCP_ROUTER_CACHE_CAPACITY}); keys of the
 * {@code performance} section drop the section name ({@code performance.maxInflight} is
 * {@code MCP_MAX_INFLIGHT}), because those are the ones operators reach for first.
 *
 * @param name         dotted key, as in {@code .mcp/config.json}
 * @param defaultValue the value when no source sets it
 * @param allowed      the allowed values, as told in errors ({@code "1..1000000"}, {@code "drop-oldest | reject"})
 * @param description  one line for {@code sb config}
 * @param parser       reads a value from text; throws {@link IllegalArgumentException} when it is not allowed
 */
public record ConfigKey<T>(String name, T defaultValue, String allowed, String description, Function<String, T> parser) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parser, "parser");
        if (description == null || description.isBlank())
            throw new IllegalArgumentException("configuration key " + name + " needs a description: sb config shows it");
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new ConfigKey<>(name, defaultValue, "an integer in " + min + ".." + max, description, text -> (int) whole(text, min, max));
    }

    public static ConfigKey<Long> longInteger(String name, long defaultValue, long min, long max, String description) {
        return new ConfigKey<>(name, defaultValue, "an integer in " + min + ".." + max, description, text -> whole(text, min, max));
    }

    private static long whole(String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an integer");
        }
        if (v < min || v > max) throw new IllegalArgumentException(v + " is out of range");
        return v;
    }

    /** A decimal in {@code (minExclusive, maxInclusive]}. */
    public static ConfigKey<Double> decimal(String name, double defaultValue, double minExclusive, double maxInclusive, String description) {
        String allowed = "a number greater than " + minExclusive + " and at most " + maxInclusive;
        return new ConfigKey<>(name, defaultValue, allowed, description, text -> {
            double v;
            try {
                v = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number");
            }
            if (!(v > minExclusive && v <= maxInclusive)) throw new IllegalArgumentException(v + " is out of range");
            return v;
        });
    }

    public static ConfigKey<String> choice(String name, String defaultValue, List<String> choices, String description) {
        String allowed = "one of " + String.join(" | ", choices);
        return new ConfigKey<>(name, defaultValue, allowed, description, text -> {
            if (!choices.contains(text)) throw new IllegalArgumentException("'" + text + "' is not allowed");
            return text;
        });
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new ConfigKey<>(name, defaultValue, "true | false", description, text -> switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        });
    }

    public static ConfigKey<String> string(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, defaultValue, "any text", description, text -> text);
    }

    /**
     * A secret: empty by default, at least 16 characters when set, and never printed
     * ({@link #shown} masks it).
     */
    public static ConfigKey<String> secret(String name, String description) {
        return new ConfigKey<>(name, "", SECRET, description, text -> {
            if (!text.isEmpty() && text.length() < 16) throw new IllegalArgumentException("a secret of " + text.length() + " characters is too short");
            return text;
        });
    }

    private static final String SECRET = "a secret of at least 16 characters (shown masked)";

    /** How {@code value} of this key may be printed: secrets as {@code ****} (or empty when unset). */
    public String shown(Object value) {
        if (SECRET.equals(allowed)) return value == null || value.toString().isEmpty() ? "(unset)" : "****";
        return String.valueOf(value);
    }

    /** The environment variable that overrides this key. */
    public String envName() {
        String key = name.startsWith("performance.") ? name.substring("performance.".length()) : name;
        StringBuilder out = new StringBuilder("MCP_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '-') out.append('_');
            else if (Character.isUpperCase(c)) out.append('_').append(c);
            else out.append(Character.toUpperCase(c));
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** Reads {@code text} as this key's value, or fails with a {@link ConfigException} naming the key and the allowed values. */
    T parse(String text, String origin) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " (from " + origin + "): " + e.getMessage() + "; allowed: " + allowed);
        }
    }
}
