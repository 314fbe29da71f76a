package dev.switchboard.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Everything one load run needs. Exactly one target: {@code url} (MCP Streamable HTTP, or plain
 * HTTP when {@code httpMethod} is set) or {@code stdio} (a server command speaking MCP on stdio).
 *
 * @param requests     N: operations for sequential, concurrent and churn ({@link Integer#MAX_VALUE}: as many as fit in {@code duration})
 * @param connections  C: connections (concurrent, churn, sustained); sequential always uses one
 * @param burst        requests fired at once by the burst scenario
 * @param minSuccess   the burst fails below this success rate
 * @param rate         R: operations per second for sustained
 * @param duration     D: how long sustained and fanout run; the most sequential, concurrent and churn may run
 * @param sessions     N for idle-sessions
 * @param sourceAddresses how many loopback source addresses (127.0.0.1, .2, …) idle-sessions spreads over
 * @param hold         how long idle-sessions holds its streams before measuring again and closing
 * @param subscribers  S for fanout
 * @param hz           H: resource updates per second for fanout
 * @param resource     the resource fanout subscribes to
 * @param triggerTool  the tool fanout calls to make the resource change
 * @param serverPid    the server's process, for memory figures (0: unknown)
 * @param warmup       operations run before measuring (closed-loop scenarios)
 */
public record LoadSpec(Scenario scenario, URI url, List<String> stdio, String httpMethod, String body,
                       String tool, String arguments, int requests, int connections, int burst, double minSuccess,
                       double rate, Duration duration, int sessions, int sourceAddresses, Duration hold,
                       int subscribers, double hz, String resource, String triggerTool,
                       long serverPid, Duration timeout, int warmup, int eventLoops) {

    /** Defaults for everything but the scenario and the target. */
    public static LoadSpec of(Scenario scenario, URI url) {
        return new LoadSpec(scenario, url, null, null, null, "add", "{\"a\":1,\"b\":2}",
                scenario == Scenario.SEQUENTIAL ? 2_000 : 20_000, 50, 500, 0.98,
                1_000, scenario == Scenario.SUSTAINED || scenario == Scenario.FANOUT ? Duration.ofSeconds(10) : Duration.ofHours(1), 1_000, 8, Duration.ofSeconds(2),
                100, 10, "switchboard://demo/ticker", "ticker_touch",
                0, Duration.ofSeconds(10), 0, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** What one operation is, for the report. */
    String operation() {
        if (stdio != null) return "tools/call " + tool + " (stdio)";
        if (httpMethod != null) return httpMethod + " " + url.getPath();
        return switch (scenario) {
            case CHURN -> "initialize+initialized+tools/call " + tool + "+DELETE";
            case STATELESS -> "tools/call " + tool + " (2026-07-28, no session)";
            case IDLE_SESSIONS -> "session holding a GET stream";
            case FANOUT -> "notifications/resources/updated of " + resource;
            case TASKS -> "tools/call " + tool + " with params.task (2025-11-25), beside the plain call";
            default -> "tools/call " + tool;
        };
    }

    String targetText() {
        return stdio != null ? "stdio: " + String.join(" ", stdio) : url.toString();
    }

    LoadSpec withScenario(Scenario s) {
        return new LoadSpec(s, url, stdio, httpMethod, body, tool, arguments, requests, connections, burst, minSuccess, rate, duration,
                sessions, sourceAddresses, hold, subscribers, hz, resource, triggerTool, serverPid, timeout, warmup, eventLoops);
    }

    public LoadSpec withTarget(URI target, long pid) {
        return new LoadSpec(scenario, target, null, httpMethod, body, tool, arguments, requests, connections, burst, minSuccess, rate, duration,
                sessions, sourceAddresses, hold, subscribers, hz, resource, triggerTool, pid, timeout, warmup, eventLoops);
    }

    /** Closed loop: {@code connections} connections sending back to back for {@code d}, no count limit and no warm-up. */
    public LoadSpec closedLoop(int connections, Duration d) {
        return new LoadSpec(scenario, url, stdio, httpMethod, body, tool, arguments, Integer.MAX_VALUE, connections, burst, minSuccess, rate, d,
                sessions, sourceAddresses, hold, subscribers, hz, resource, triggerTool, serverPid, timeout, 0, eventLoops);
    }

    /** At most {@code n} requests. */
    public LoadSpec withRequests(int n) {
        return new LoadSpec(scenario, url, stdio, httpMethod, body, tool, arguments, n, connections, burst, minSuccess, rate, duration,
                sessions, sourceAddresses, hold, subscribers, hz, resource, triggerTool, serverPid, timeout, warmup, eventLoops);
    }

    /** Plain HTTP requests of {@code method} instead of MCP calls. */
    public LoadSpec withHttp(String method) {
        return new LoadSpec(scenario, url, stdio, method, body, tool, arguments, requests, connections, burst, minSuccess, rate, duration,
                sessions, sourceAddresses, hold, subscribers, hz, resource, triggerTool, serverPid, timeout, warmup, eventLoops);
    }

    /** For idle-sessions: how many, from how many loopback source addresses, held how long. */
    public LoadSpec withSessions(int n, int addresses, Duration held) {
        return new LoadSpec(scenario, url, stdio, httpMethod, body, tool, arguments, requests, connections, burst, minSuccess, rate, duration,
                n, addresses, held, subscribers, hz, resource, triggerTool, serverPid, timeout, warmup, eventLoops);
    }

    /** The rate of a sustained run, requests per second. */
    public LoadSpec withRate(double perSecond) {
        return new LoadSpec(scenario, url, stdio, httpMethod, body, tool, arguments, requests, connections, burst, minSuccess, perSecond, duration,
                sessions, sourceAddresses, hold, subscribers, hz, resource, triggerTool, serverPid, timeout, warmup, eventLoops);
    }

    /** The generator's event loops. */
    public LoadSpec withEventLoops(int n) {
        return new LoadSpec(scenario, url, stdio, httpMethod, body, tool, arguments, requests, connections, burst, minSuccess, rate, duration,
                sessions, sourceAddresses, hold, subscribers, hz, resource, triggerTool, serverPid, timeout, warmup, n);
    }
}
