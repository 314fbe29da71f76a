package dev.switchboard.benchmarks;

import dev.switchboard.kernel.Handler;
import dev.switchboard.kernel.Route;
import dev.switchboard.kernel.RouteMatch;
import dev.switchboard.kernel.Router;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Router.match} on a routing table shaped like the MCP engine's (tools, resources, prompts,
 * completion, plus a two-parameter route): a static path and a path with a parameter, both without
 * the cache, and the parameter path again through a router with its match cache. Each benchmark
 * cycles through {@value #PATHS} distinct path strings, so neither the cache nor the branch predictor
 * sees one path over and over. The strings are reused, so their hash codes are cached (a path freshly
 * parsed off the wire would hash once more): the cached score is a lower bound.
 *
 * <pre>
 * ./sb bench kernel --only RouterBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmark {
    static final int PATHS = 64;
    private static final Handler NOTHING = d -> null;
    private static final List<String> TABLE = List.of(
            "tools://list", "tools://call/{name}", "tools://call/{name}/cancel",
            "resources://list", "resources://templates", "resources://subscribe", "resources://unsubscribe", "resources://read/*",
            "prompts://list", "prompts://get/{name}",
            "completion://complete",
            "math://add/{a}/{b}");
    private static final List<String> STATIC = List.of(
            "tools://list", "resources://list", "resources://templates", "resources://subscribe",
            "resources://unsubscribe", "prompts://list", "completion://complete", "tools://list");

    private final String[] staticPaths = new String[PATHS];
    private final String[] paramPaths = new String[PATHS];
    private Router uncached;
    private Router cached;
    private int next;

    @Setup
    public void setUp() {
        uncached = table(new Router(0));
        cached = table(new Router(1_000));
        for (int i = 0; i < PATHS; i++) {
            staticPaths[i] = STATIC.get(i % STATIC.size());
            paramPaths[i] = "tools://call/tool-" + i;
        }
        for (String p : paramPaths) {
            if (!(cached.match(p) instanceof RouteMatch.Found f) || !f.params().containsKey("name"))
                throw new IllegalStateException("table does not route " + p);
        }
    }

    private static Router table(Router router) {
        for (String pattern : TABLE) router.add(Route.of(pattern, NOTHING));
        return router;
    }

    private int nextIndex() {
        return next = (next + 1) & (PATHS - 1);
    }

    @Benchmark
    public RouteMatch staticPath() {
        return uncached.match(staticPaths[nextIndex()]);
    }

    @Benchmark
    public RouteMatch withParams() {
        return uncached.match(paramPaths[nextIndex()]);
    }

    @Benchmark
    public RouteMatch withParamsCached() {
        return cached.match(paramPaths[nextIndex()]);
    }
}
