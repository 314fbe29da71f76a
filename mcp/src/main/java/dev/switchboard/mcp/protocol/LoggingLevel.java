package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.switchboard.mcp.McpException;

/**
 * Severity of a log message, the RFC 5424 syslog levels in increasing severity, so
 * {@code compareTo} orders them and {@link #isAtLeast} filters against a client's
 * {@code logging/setLevel}.
 */
public enum LoggingLevel {
    DEBUG("debug", 7),
    INFO("info", 6),
    NOTICE("notice", 5),
    WARNING("warning", 4),
    ERROR("error", 3),
    CRITICAL("critical", 2),
    ALERT("alert", 1),
    EMERGENCY("emergency", 0);

    private final String wireName;
    private final int syslogSeverity;

    LoggingLevel(String wireName, int syslogSeverity) {
        this.wireName = wireName;
        this.syslogSeverity = syslogSeverity;
    }

    /** The name on the wire, e.g. {@code "warning"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The RFC 5424 numeric severity: 0 (emergency) to 7 (debug). */
    public int syslogSeverity() {
        return syslogSeverity;
    }

    /** True when a message at this level passes a {@code threshold} set by the client. */
    public boolean isAtLeast(LoggingLevel threshold) {
        return compareTo(threshold) >= 0;
    }

    /**
     * The level named {@code wireName}.
     *
     * @throws McpException -32602 for a name that is not a level
     */
    public static LoggingLevel fromWireName(String wireName) {
        for (LoggingLevel level : values()) {
            if (level.wireName.equals(wireName)) {
                return level;
            }
        }
        throw McpException.invalidParams("unknown logging level '" + wireName
                + "', expected one of debug, info, notice, warning, error, critical, alert, emergency");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
