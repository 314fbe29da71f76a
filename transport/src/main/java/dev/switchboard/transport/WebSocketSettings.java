package dev.switchboard.transport;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * MCP over WebSocket on the HTTP listener (subprotocol {@code mcp}, one JSON-RPC message per text
 * frame), and the legacy HTTP+SSE transport of 2024-11-05 beside it ({@code GET /sse},
 * {@code POST /messages}). Both share the HTTP listener's host checks, connection caps and
 * slow-reader bound.
 *
 * @param enabled         whether the listener accepts WebSocket upgrades
 * @param path            where it accepts them
 * @param maxFrameBytes   a frame whose payload is larger is refused: the connection closes with 1009
 * @param maxMessageBytes a message (a text frame and its continuations) larger than this closes with 1009
 * @param pingInterval    a connection silent this long is pinged; silent twice as long, it is closed
 * @param legacySse       whether {@code GET /sse} and {@code POST /messages} are served
 */
public record WebSocketSettings(boolean enabled, String path, int maxFrameBytes, int maxMessageBytes, Duration pingInterval, boolean legacySse) {
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("ws.enabled", true, "accept WebSocket upgrades (subprotocol mcp) on the HTTP listener");
    public static final ConfigKey<String> PATH = ConfigKey.string("ws.path", "/mcp/ws", "path of the WebSocket endpoint");
    public static final ConfigKey<Integer> MAX_FRAME_BYTES = ConfigKey.integer("ws.maxFrameBytes", 1024 * 1024, 1_024, 256 * 1024 * 1024,
            "a WebSocket frame with a larger payload closes the connection with 1009");
    public static final ConfigKey<Integer> MAX_MESSAGE_BYTES = ConfigKey.integer("ws.maxMessageBytes", 4 * 1024 * 1024, 1_024, 256 * 1024 * 1024,
            "a WebSocket message (a frame and its continuations) above this closes the connection with 1009");
    public static final ConfigKey<Long> PING_INTERVAL_MS = ConfigKey.longInteger("ws.pingIntervalMs", 30_000, 100, 3_600_000,
            "a WebSocket silent this long is pinged; silent twice as long, it is closed");
    public static final ConfigKey<Boolean> LEGACY_SSE = ConfigKey.bool("sse.legacy", true,
            "serve the 2024-11-05 HTTP+SSE transport: GET /sse and POST /messages?sessionId=");

    /** Every key, for {@link Config#load}. */
    public static final List<ConfigKey<?>> KEYS = List.of(ENABLED, PATH, MAX_FRAME_BYTES, MAX_MESSAGE_BYTES, PING_INTERVAL_MS, LEGACY_SSE);

    /** The legacy transport's stream path and message path. */
    static final String SSE_PATH = "/sse";
    static final String MESSAGES_PATH = "/messages";

    public WebSocketSettings {
        if (!path.startsWith("/")) throw new IllegalArgumentException("ws.path must start with '/', was '" + path + "'");
        if (maxFrameBytes > maxMessageBytes) maxFrameBytes = maxMessageBytes;
    }

    public static WebSocketSettings defaults() {
        return from(Config.defaults(KEYS));
    }

    public static WebSocketSettings from(Config c) {
        return new WebSocketSettings(c.get(ENABLED), c.get(PATH), c.get(MAX_FRAME_BYTES), c.get(MAX_MESSAGE_BYTES),
                Duration.ofMillis(c.get(PING_INTERVAL_MS)), c.get(LEGACY_SSE));
    }

    public WebSocketSettings withLimits(int frameBytes, int messageBytes) {
        return new WebSocketSettings(enabled, path, frameBytes, messageBytes, pingInterval, legacySse);
    }

    public WebSocketSettings withPingInterval(Duration d) {
        return new WebSocketSettings(enabled, path, maxFrameBytes, maxMessageBytes, d, legacySse);
    }

    /** Neither WebSocket nor legacy SSE: Streamable HTTP only. */
    public static WebSocketSettings off() {
        WebSocketSettings d = defaults();
        return new WebSocketSettings(false, d.path, d.maxFrameBytes, d.maxMessageBytes, d.pingInterval, false);
    }
}
