package dev.switchboard.ops;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * The operational endpoints' settings.
 *
 * @param enabled          serve /health, /ready, /metrics and the dashboard at all
 * @param adminHost        address of the separate admin listener
 * @param adminPort        port of a separate admin listener; -1 serves the endpoints on the HTTP listener
 * @param readyTimeout     how long /ready waits for each check
 * @param tracing          OpenTelemetry tracing on (configured by the standard OTEL_* variables)
 * @param accessLog        write one JSON line per request
 * @param accessLogFile    where the access log goes; empty for stderr
 */
public record OpsSettings(boolean enabled, String adminHost, int adminPort, Duration readyTimeout, boolean tracing, boolean accessLog, String accessLogFile) {
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("ops.enabled", true, "serve /health, /ready, /metrics and the dashboard at /");
    public static final ConfigKey<String> ADMIN_HOST = ConfigKey.string("admin.host", "127.0.0.1", "address of the separate admin listener (with admin.port)");
    public static final ConfigKey<Integer> ADMIN_PORT = ConfigKey.integer("admin.port", -1, -1, 65_535,
            "port of a separate listener for the operational endpoints (0 picks a free one); -1 serves them on the HTTP listener");
    public static final ConfigKey<Long> READY_TIMEOUT_MS = ConfigKey.longInteger("ready.timeoutMs", 1_000, 1, 60_000, "how long /ready waits for each check");
    public static final ConfigKey<Boolean> TRACING = ConfigKey.bool("tracing.enabled", false, "OpenTelemetry spans per request, exported as the OTEL_* variables say");
    public static final ConfigKey<Boolean> ACCESS_LOG = ConfigKey.bool("accessLog.enabled", false, "write one JSON line per request (method, tool, outcome, latency, session)");
    public static final ConfigKey<String> ACCESS_LOG_FILE = ConfigKey.string("accessLog.file", "", "file the access log is appended to; empty for stderr");

    /** Every operations key, for {@link Config#load}. */
    public static final List<ConfigKey<?>> KEYS = List.of(ENABLED, ADMIN_HOST, ADMIN_PORT, READY_TIMEOUT_MS, TRACING, ACCESS_LOG, ACCESS_LOG_FILE);

    public static OpsSettings defaults() {
        return from(Config.defaults(KEYS));
    }

    public static OpsSettings from(Config c) {
        return new OpsSettings(c.get(ENABLED), c.get(ADMIN_HOST), c.get(ADMIN_PORT), Duration.ofMillis(c.get(READY_TIMEOUT_MS)),
                c.get(TRACING), c.get(ACCESS_LOG), c.get(ACCESS_LOG_FILE));
    }

    public OpsSettings withAdminPort(int port) {
        return new OpsSettings(enabled, adminHost, port, readyTimeout, tracing, accessLog, accessLogFile);
    }

    public OpsSettings withReadyTimeout(Duration d) {
        return new OpsSettings(enabled, adminHost, adminPort, d, tracing, accessLog, accessLogFile);
    }

    public OpsSettings withTracing(boolean on) {
        return new OpsSettings(enabled, adminHost, adminPort, readyTimeout, on, accessLog, accessLogFile);
    }

    public OpsSettings withAccessLog(boolean on, String file) {
        return new OpsSettings(enabled, adminHost, adminPort, readyTimeout, tracing, on, file);
    }
}
