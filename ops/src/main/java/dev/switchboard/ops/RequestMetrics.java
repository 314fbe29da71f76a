package dev.switchboard.ops;

import dev.switchboard.mcp.RequestObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Request metrics: a Micrometer timer (count and latency histogram) per method, tool and outcome,
 * every outcome but {@code ok} and {@code cancelled} counting as an error (so a failing tool, whose
 * JSON-RPC answer is a result, shows in the dashboard's error rate),
 * the number in flight, and for the dashboard an HdrHistogram {@link Recorder} whose interval
 * histogram gives each second's percentiles.
 *
 * <p>Timers are looked up in a map keyed by the three labels instead of through Micrometer's
 * builder, which would build a meter id per request. Tools come from the server's registry, so
 * the label sets stay bounded.
 */
final class RequestMetrics implements RequestObserver {
    private record Key(String method, String tool, String outcome) {}

    /** Distinct tool labels kept; names past it (a client calling made-up tools) share {@link #OTHER_TOOL}. */
    static final int MAX_TOOLS = 256;
    static final String OTHER_TOOL = "_other";
    private final Set<String> tools = ConcurrentHashMap.newKeySet();

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder total = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Recorder latencyMicros = new Recorder(3);

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("mcp.requests.inflight", inFlight, AtomicInteger::get).description("MCP requests dispatched and not yet answered").register(registry);
    }

    @Override
    public Observation onStart(Request request) {
        inFlight.incrementAndGet();
        return (outcome, errorCode, nanos) -> {
            inFlight.decrementAndGet();
            String label = Outcomes.label(outcome, errorCode);
            total.increment();
            if (!label.equals("ok") && !label.equals("cancelled")) errors.increment();
            latencyMicros.recordValue(Math.max(0, nanos / 1_000));
            timer(new Key(request.method(), toolLabel(request.tool()), label)).record(nanos, TimeUnit.NANOSECONDS);
        };
    }

    private String toolLabel(String tool) {
        if (tool == null) return "";
        if (tools.contains(tool)) return tool;
        if (tools.size() >= MAX_TOOLS) return OTHER_TOOL;
        tools.add(tool);
        return tool;
    }

    private Timer timer(Key key) {
        Timer t = timers.get(key);
        if (t != null) return t;
        return timers.computeIfAbsent(key, k -> Timer.builder("mcp.requests")
                .description("MCP requests by method, tool and outcome (ok, tool_error: a tool result with isError, cancelled, or the JSON-RPC error), with their latency")
                .tags("method", k.method(), "tool", k.tool(), "outcome", k.outcome())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry));
    }

    int inFlight() {
        return inFlight.get();
    }

    long total() {
        return total.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** Latencies recorded since the last call, in microseconds; the dashboard's clock calls it once a second. */
    Histogram takeInterval(Histogram recycle) {
        return latencyMicros.getIntervalHistogram(recycle);
    }
}
