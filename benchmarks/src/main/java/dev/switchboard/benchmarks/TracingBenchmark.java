package dev.switchboard.benchmarks;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.RequestObserver;
import dev.switchboard.ops.Operations;
import dev.switchboard.ops.OpsSettings;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What tracing costs: {@code tools/call add} over Streamable HTTP from keep-alive connections on
 * 127.0.0.1, against one server whose rounds alternate between tracing off (the metrics observer
 * only, as in production with {@code tracing.enabled=false}) and the OpenTelemetry SDK sampling 1%
 * of requests into a batch processor. Same server, listener and kernel for both, so only tracing
 * differs; the ABBA order spreads drift on a shared machine over both sides; the medians are
 * compared. Goal: under 5% fewer requests per second with tracing on.
 *
 * <p>Run it with {@code ./sb bench tracing} (or {@code --quick}). The exporter counts the spans and
 * drops them, so the figure is the cost of the SDK in the server, not of a collector.
 */
public final class TracingBenchmark {
    record Settings(int connections, Duration warmup, Duration round, int rounds, double sampleRatio) {
        static Settings standard() {
            return new Settings(16, Duration.ofSeconds(5), Duration.ofSeconds(5), 6, 0.01);
        }

        static Settings quick() {
            return new Settings(8, Duration.ofSeconds(2), Duration.ofSeconds(2), 2, 0.01);
        }
    }

    /** The result: requests per second of each round, per side. */
    public record Result(List<Double> off, List<Double> on, long spansExported) {
        public double medianOff() {
            return median(off);
        }

        public double medianOn() {
            return median(on);
        }

        /** Throughput lost with tracing on, in percent of the tracing-off figure. */
        public double overheadPercent() {
            return 100 * (medianOff() - medianOn()) / medianOff();
        }
    }

    private TracingBenchmark() {}

    public static Result run(boolean quick, PrintStream out) throws Exception {
        Settings s = quick ? Settings.quick() : Settings.standard();
        out.printf(Locale.ROOT, "tracing benchmark: tools/call add over HTTP, %d keep-alive connections, rounds of %d s, %d rounds per side, sampling %.0f%%%n",
                s.connections(), s.round().toSeconds(), s.rounds(), 100 * s.sampleRatio());
        CountingExporter exporter = new CountingExporter();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(s.sampleRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build()).build();
        List<Double> off = new ArrayList<>(), on = new ArrayList<>();
        // the traced side's Operations closes the SDK, flushing the batch processor
        try (Served served = new Served(sdk)) {
            out.println("warming up, tracing off then on…");
            served.tracing(false);
            served.load(s.connections(), s.warmup());
            served.tracing(true);
            served.load(s.connections(), s.warmup());
            for (int i = 0; i < s.rounds(); i++) {
                // ABBA order: whichever side runs second in a round is not always the same one
                boolean offFirst = i % 2 == 0;
                double a = 0, b;
                if (offFirst) a = served.round(false, s);
                b = served.round(true, s);
                if (!offFirst) a = served.round(false, s);
                off.add(a);
                on.add(b);
                out.printf(Locale.ROOT, "  round %d: tracing off %,10.0f req/s   tracing on (%.0f%%) %,10.0f req/s%n", i + 1, a, 100 * s.sampleRatio(), b);
            }
        }
        Result r = new Result(off, on, exporter.spans.sum());
        out.printf(Locale.ROOT, "median: off %,.0f req/s, on %,.0f req/s; overhead %.2f%% (goal < 5%%: %s); spans exported %,d%n",
                r.medianOff(), r.medianOn(), r.overheadPercent(), r.overheadPercent() < 5 ? "met" : "NOT met", r.spansExported());
        out.println("(figures from a shared or busy machine are noisy; the client runs on the same cores as the server)");
        return r;
    }

    public static void main(String[] args) throws Exception {
        run(args.length > 0 && args[0].equals("--quick"), System.out);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    record Add(int a, int b) {}

    /**
     * One server with the add tool, whose observer switches between two operations sides: plain
     * (metrics only, what tracing off is in production) and traced (metrics and the SDK). One
     * server, one listener, one kernel: the rounds differ in tracing only.
     */
    private static final class Served implements AutoCloseable {
        final Kernel kernel = Kernel.create(KernelConfig.defaults());
        final Operations plain;
        final Operations traced;
        final McpServer server;
        final StreamableHttpServer listener;
        volatile boolean tracing;

        Served(OpenTelemetrySdk sdk) throws Exception {
            plain = Operations.create(OpsSettings.defaults(), kernel, null);
            traced = Operations.create(OpsSettings.defaults().withTracing(true), kernel, sdk);
            RequestObserver off = plain.observer(), on = traced.observer();
            server = McpServer.builder("bench", "1.0").kernel(kernel).observer(request -> (tracing ? on : off).onStart(request))
                    .tool("add", "Adds a and b", Add.class, a -> Integer.toString(a.a() + a.b())).build();
            listener = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        }

        void tracing(boolean on) {
            tracing = on;
        }

        double round(boolean on, Settings s) throws Exception {
            tracing(on);
            return load(s.connections(), s.round());
        }

        /** Runs {@code connections} closed-loop clients for {@code time}; returns requests per second. */
        double load(int connections, Duration time) throws Exception {
            LongAdder done = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int c = 0; c < connections; c++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    try (KeepAliveConnection conn = new KeepAliveConnection(listener.port())) {
                        conn.initialize();
                        int id = 1;
                        while (running.get()) {
                            int status = conn.post("{\"jsonrpc\":\"2.0\",\"id\":" + id++ + ",\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}}");
                            if (status != 200) throw new IllegalStateException("HTTP " + status + " from the server");
                            done.increment();
                        }
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }));
            }
            long start = System.nanoTime();
            Thread.sleep(time);
            long count = done.sum();
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Thread t : clients) t.join();
            if (!failures.isEmpty()) throw new IllegalStateException("load failed: " + failures.getFirst(), failures.getFirst());
            return count / seconds;
        }

        @Override
        public void close() throws Exception {
            listener.close();
            server.close();
            traced.close();
            plain.close();
            kernel.close();
        }
    }

    /** Counts spans and drops them: the benchmark measures the SDK in the server, not a collector. */
    private static final class CountingExporter implements SpanExporter {
        final LongAdder spans = new LongAdder();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.add(batch.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
