package dev.switchboard.kernel;

/** Invalid configuration: the message names the key, where the value came from, and what is allowed. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
