package dev.switchboard.benchmarks;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.RequestObserver;
import dev.switchboard.ops.Operations;
import dev.switchboard.ops.OpsSettings;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the operations side adds to one request, start to end: nothing observed ({@code none}, a
 * server built without {@code Operations}), the metrics observer ({@code metrics}: what
 * {@code ./sb serve} runs with {@code tracing.enabled=false}), and metrics plus OpenTelemetry
 * sampling 1% of requests ({@code tracing1pct}).
 * The difference between {@code tracing1pct} and {@code metrics}, set against the CPU time of a
 * whole request (tens of microseconds over HTTP), is tracing's cost; {@code ./sb bench tracing}
 * measures the same end to end.
 *
 * <pre>
 * ./sb bench ops --quick
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ObserverBenchmark {
    @Param({"none", "metrics", "tracing1pct"})
    public String side;

    private Kernel kernel;
    private Operations ops;
    private RequestObserver observer;
    private final RequestObserver.Request request = new RequestObserver.Request("tools/call", "add", "f3Kq0cVx2mW8pLr9sTu1yA", null);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        kernel = Kernel.create(KernelConfig.defaults());
        switch (side) {
            case "none" -> observer = RequestObserver.NONE;
            case "metrics" -> {
                ops = Operations.create(OpsSettings.defaults(), kernel, null);
                observer = ops.observer();
            }
            case "tracing1pct" -> {
                // a simple processor: in a loop this tight a batch queue would overflow and drop,
                // which is cheaper than a real export and would flatter the figure; composite() of no
                // exporters is the SDK's no-op, so the figure is the server's cost, not a collector's
                OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                        .setSampler(Sampler.traceIdRatioBased(0.01))
                        .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build()).build();
                ops = Operations.create(OpsSettings.defaults().withTracing(true), kernel, sdk);
                observer = ops.observer();
            }
            default -> throw new IllegalArgumentException("no side " + side);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (ops != null) ops.close();
        kernel.close();
    }

    @Benchmark
    public void observe() {
        observer.onStart(request).onEnd("ok", 0, 25_000);
    }
}
