package dev.switchboard.transport;

import dev.switchboard.kernel.Config;
import dev.switchboard.kernel.ConfigKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Streamable HTTP listener's settings.
 *
 * @param host           address to bind; 127.0.0.1 by default so nothing outside the machine reaches it
 * @param port           TCP port; 0 picks a free one
 * @param path           the MCP endpoint
 * @param maxBodyBytes   request bodies above this get 413
 * @param allowedHosts   host names accepted in {@code Host} and {@code Origin} (DNS-rebinding protection)
 * @param keepAlive      interval of keep-alive comments on idle SSE streams
 * @param replayEvents   events kept per SSE stream for {@code Last-Event-ID} resumption
 * @param connections    read, idle and slow-reader timeouts and connection caps
 */
public record HttpSettings(String host, int port, String path, int maxBodyBytes, Set<String> allowedHosts, Duration keepAlive, int replayEvents,
                           ConnectionSettings connections) {
    public static final ConfigKey<String> HOST = ConfigKey.string("http.host", "127.0.0.1", "address the HTTP listener binds");
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("http.port", 8080, 0, 65_535, "port of the HTTP listener (0 picks a free one)");
    public static final ConfigKey<String> PATH = ConfigKey.string("http.path", "/mcp", "path of the MCP endpoint");
    public static final ConfigKey<Integer> MAX_BODY_BYTES = ConfigKey.integer("http.maxBodyBytes", 4 * 1024 * 1024, 1_024, 256 * 1024 * 1024, "request bodies above this get 413");
    public static final ConfigKey<String> ALLOWED_HOSTS = ConfigKey.string("http.allowedHosts", "localhost,127.0.0.1,[::1]", "comma-separated host names accepted in Host and Origin");
    public static final ConfigKey<Long> KEEP_ALIVE_MS = ConfigKey.longInteger("http.keepAliveMs", 15_000, 100, 3_600_000, "interval of keep-alive comments on idle SSE streams");
    public static final ConfigKey<Integer> REPLAY_EVENTS = ConfigKey.integer("http.replayEvents", 256, 0, 100_000, "events kept per SSE stream for resumption");

    /** Every HTTP key, for {@link Config#load}. */
    public static final List<ConfigKey<?>> KEYS = keys();

    private static List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> all = new java.util.ArrayList<>(List.of(HOST, PORT, PATH, MAX_BODY_BYTES, ALLOWED_HOSTS, KEEP_ALIVE_MS, REPLAY_EVENTS));
        all.addAll(ConnectionSettings.KEYS);
        return List.copyOf(all);
    }

    public HttpSettings {
        if (!path.startsWith("/")) throw new IllegalArgumentException("http.path must start with '/', was '" + path + "'");
        if (keepAlive.isNegative() || keepAlive.isZero()) throw new IllegalArgumentException("the SSE keep-alive interval must be positive, was " + keepAlive);
        allowedHosts = Set.copyOf(allowedHosts);
    }

    public static HttpSettings defaults() {
        return from(Config.defaults(KEYS));
    }

    public static HttpSettings from(Config c) {
        Set<String> hosts = new LinkedHashSet<>();
        Arrays.stream(c.get(ALLOWED_HOSTS).split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(hosts::add);
        String host = c.get(HOST);
        if (!host.equals("0.0.0.0") && !host.equals("::")) hosts.add(host);
        return new HttpSettings(host, c.get(PORT), c.get(PATH), c.get(MAX_BODY_BYTES), hosts, Duration.ofMillis(c.get(KEEP_ALIVE_MS)), c.get(REPLAY_EVENTS),
                ConnectionSettings.from(c));
    }

    public HttpSettings withPort(int p) {
        return new HttpSettings(host, p, path, maxBodyBytes, allowedHosts, keepAlive, replayEvents, connections);
    }

    public HttpSettings withHost(String h) {
        Set<String> hosts = new LinkedHashSet<>(allowedHosts);
        if (!h.equals("0.0.0.0") && !h.equals("::")) hosts.add(h);
        return new HttpSettings(h, port, path, maxBodyBytes, hosts, keepAlive, replayEvents, connections);
    }

    public HttpSettings withMaxBodyBytes(int max) {
        return new HttpSettings(host, port, path, max, allowedHosts, keepAlive, replayEvents, connections);
    }

    public HttpSettings withKeepAlive(Duration d) {
        return new HttpSettings(host, port, path, maxBodyBytes, allowedHosts, d, replayEvents, connections);
    }

    public HttpSettings withPath(String p) {
        return new HttpSettings(host, port, p, maxBodyBytes, allowedHosts, keepAlive, replayEvents, connections);
    }

    /** Replaces the allowed host names; a server bound to 0.0.0.0 must list the names clients use to reach it. */
    public HttpSettings withAllowedHosts(Set<String> hosts) {
        return new HttpSettings(host, port, path, maxBodyBytes, hosts, keepAlive, replayEvents, connections);
    }

    public HttpSettings withReplayEvents(int events) {
        return new HttpSettings(host, port, path, maxBodyBytes, allowedHosts, keepAlive, events, connections);
    }

    public HttpSettings withConnections(ConnectionSettings c) {
        return new HttpSettings(host, port, path, maxBodyBytes, allowedHosts, keepAlive, replayEvents, c);
    }

    /** Whether a {@code Host} header (name and optional port) names one of {@link #allowedHosts}: DNS-rebinding protection. */
    boolean allowsHost(String hostHeader) {
        return allowedHosts.contains(hostName(hostHeader));
    }

    private static String hostName(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end < 0 ? hostHeader : hostHeader.substring(0, end + 1);
        }
        int colon = hostHeader.lastIndexOf(':');
        return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
    }
}
