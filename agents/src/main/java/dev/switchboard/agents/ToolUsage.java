package dev.switchboard.agents;

import dev.switchboard.mcp.RequestObserver;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts {@code tools/call} per tool, so a compact {@code tools/list} can show the most used
 * tools. Wrap the server's observer with {@link #observing} to feed it.
 */
public final class ToolUsage {
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    /**
     * An observer that counts every answered {@code tools/call} (a result, failed or not; a
     * JSON-RPC error such as an unknown tool is not counted) and then tells {@code next}.
     */
    public RequestObserver observing(RequestObserver next) {
        return request -> {
            RequestObserver.Observation downstream = next.onStart(request);
            if (request.tool() == null) return downstream;
            return new RequestObserver.Observation() {
                @Override
                public void onEnd(String outcome, int errorCode, long nanos) {
                    if (outcome.equals("ok") || outcome.equals("tool_error")) record(request.tool());
                    downstream.onEnd(outcome, errorCode, nanos);
                }

                @Override
                public void onFrame(dev.switchboard.mcp.ContextFrame frame) {
                    downstream.onFrame(frame);
                }

                @Override
                public RequestObserver.Scope enter() {
                    return downstream.enter();
                }
            };
        };
    }

    /** Counts one call of {@code tool}. */
    public void record(String tool) {
        calls.computeIfAbsent(tool, t -> new LongAdder()).increment();
    }

    /** Calls counted for {@code tool}. */
    public long count(String tool) {
        LongAdder n = calls.get(tool);
        return n == null ? 0 : n.sum();
    }

    /** The {@code n} most called tools, most first (ties by name). */
    public List<String> top(int n) {
        return calls.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(Map.Entry::getKey).toList();
    }
}
