package dev.switchboard.ops;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.RequestObserver;
import dev.switchboard.transport.ConnectionClosure;
import dev.switchboard.transport.HttpRoutes;
import dev.switchboard.transport.HttpTraffic;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server's operations side: metrics, readiness, tracing, the access log and the dashboard.
 *
 * <pre>{@code
 * try (Operations ops = Operations.create(OpsSettings.from(config), kernel)) {
 *     McpServer server = McpServer.builder("demo", "1.0").kernel(kernel).observer(ops.observer())…build();
 *     ops.bind(server);
 *     var http = StreamableHttpServer.start(server, httpSettings, ops.routes());
 *     ops.bind(http.traffic());
 * }
 * }</pre>
 *
 * <p>Tracing is off unless {@code tracing.enabled}: then, and only then, the OpenTelemetry SDK is
 * built from the standard {@code OTEL_*} variables (exporter, endpoint, sampler); off, no SDK class
 * is touched and requests pay nothing for it.
 */
public final class Operations implements AutoCloseable {
    private final OpsSettings settings;
    private final Kernel kernel;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final RequestMetrics requests;
    private final KernelMetrics kernelMetrics;
    private final ReadinessChecks readiness;
    private final RequestObserver observer;
    private final AccessLog accessLog;
    private final OpenTelemetrySdk otel;
    private final AtomicReference<HttpTraffic> traffic = new AtomicReference<>();
    private final AtomicReference<HttpTraffic> adminTraffic = new AtomicReference<>();
    private volatile IntSupplier sessions = () -> 0;
    private volatile java.util.function.Supplier<java.util.Map<String, Long>> taskLedger = java.util.Map::of;
    private final DashboardFeed feed;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<Runnable> beforeScrape = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Operations(OpsSettings settings, Kernel kernel, OpenTelemetrySdk otel) throws IOException {
        this.settings = settings;
        this.kernel = kernel;
        this.requests = new RequestMetrics(registry);
        this.kernelMetrics = new KernelMetrics(kernel, registry);
        this.readiness = new ReadinessChecks(settings.readyTimeout());
        readiness.addKernel(kernel);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        List<RequestObserver> observers = new ArrayList<>();
        observers.add(requests);
        this.otel = otel;
        if (otel != null) observers.add(new TracingObserver(otel));
        this.accessLog = settings.accessLog() ? AccessLog.open(settings.accessLogFile()) : null;
        if (accessLog != null) {
            observers.add(accessLog);
            FunctionCounter.builder("switchboard.accesslog.dropped", accessLog, AccessLog::dropped).description("access log lines dropped because the writer fell behind").register(registry);
        }
        this.observer = CombinedObserver.of(observers);
        Gauge.builder("mcp.sessions", this, o -> o.sessions.getAsInt()).description("open MCP sessions").register(registry);
        this.feed = new DashboardFeed(requests, kernel, () -> sessions.getAsInt(), traffic::get, () -> taskLedger.get(), mapper);
        Gauge.builder("switchboard.dashboard.viewers", feed, DashboardFeed::viewers).description("dashboard pages watching the live feed").register(registry);
    }

    /** Operations for {@code kernel}; tracing from the OTEL_* environment when the settings turn it on. */
    public static Operations create(OpsSettings settings, Kernel kernel) throws IOException {
        return new Operations(settings, kernel, settings.tracing() ? tracingFromEnvironment() : null);
    }

    /**
     * The SDK as the {@code OTEL_*} variables (or {@code otel.*} system properties) configure it. Our
     * defaults, which they override: service name {@code switchboard}, and only traces exported
     * (this module's metrics go to /metrics, not OTLP).
     */
    static OpenTelemetrySdk tracingFromEnvironment() {
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> java.util.Map.of("otel.service.name", "switchboard", "otel.metrics.exporter", "none", "otel.logs.exporter", "none"))
                .build().getOpenTelemetrySdk();
    }

    /** Whether requests are traced; {@code false} means no OpenTelemetry SDK exists in this process for us. */
    public boolean tracing() {
        return otel != null;
    }

    /** Operations tracing with {@code otel} (tests and the tracing benchmark build their own SDK). */
    public static Operations create(OpsSettings settings, Kernel kernel, OpenTelemetrySdk otel) throws IOException {
        return new Operations(settings, kernel, otel);
    }

    public OpsSettings settings() {
        return settings;
    }

    /** Give it to {@link McpServer.Builder#observer}. */
    public RequestObserver observer() {
        return observer;
    }

    /** Reads the server's session count from now on. */
    public void bind(McpServer server) {
        this.sessions = server::sessionCount;
        server.taskEngine().ifPresent(engine -> {
            TaskMetrics.register(registry, engine);
            this.taskLedger = () -> TaskMetrics.columns(engine.ledger());
        });
        kernelMetrics.refresh();
    }

    /**
     * Shows a cluster node's view of the cluster on the dashboard (the snapshot's {@code cluster}:
     * {@code nodes} as name → sessions, task redeliveries, task queue pending and ack pending);
     * the caller registers the matching meters on {@link #registry()}.
     */
    public void showCluster(java.util.function.Supplier<Map<String, Object>> status) {
        feed.cluster(status);
    }

    /**
     * Shows the agents behind the gateway on the dashboard (the snapshot's {@code agents}), read once a
     * second: one map per agent, in the order to show them, with {@code name}, {@code ready},
     * {@code failure} (or null), {@code members}, {@code inFlight}, {@code queued}, {@code openCircuits},
     * {@code restarts}, {@code failovers}, {@code calls}, {@code meanMicros}, and {@code memberList}: one
     * map per member with {@code id}, {@code outstanding}, {@code calls}, {@code circuit} and
     * {@code alive}. The maps are shown as given, so ops need not know the agents module; when
     * {@code status} throws, the page shows its message instead.
     */
    public void showAgents(java.util.function.Supplier<List<Map<String, Object>>> status) {
        feed.agents(status);
    }

    /** Reads a listener's bytes, SSE streams, connections, and connections refused or cut (by reason) from now on. */
    public void bind(HttpTraffic t) {
        if (!traffic.compareAndSet(null, t)) throw new IllegalStateException("a listener's traffic is already bound");
        FunctionCounter.builder("switchboard.http.bytes.in", t, HttpTraffic::bytesIn).description("bytes read from HTTP clients").register(registry);
        FunctionCounter.builder("switchboard.http.bytes.out", t, HttpTraffic::bytesOut).description("bytes written to HTTP clients").register(registry);
        Gauge.builder("switchboard.http.sse.streams", t, HttpTraffic::openStreams).description("SSE streams open now").register(registry);
        FunctionCounter.builder("switchboard.http.sse.streams.opened", t, HttpTraffic::streamsOpened).description("SSE streams opened since start").register(registry);
        Gauge.builder("switchboard.http.connections", t, HttpTraffic::openConnections).description("HTTP connections open now").register(registry);
        registerClosures("switchboard.http.connections", "HTTP", t);
    }

    /**
     * Counts the separate admin listener's ({@code admin.port}) connections refused and cut, by reason, as
     * {@code switchboard_admin_connections_refused_total} and {@code switchboard_admin_connections_closed_total}:
     * its guard keeps counts of its own, apart from the MCP listener's.
     */
    public void bindAdmin(HttpTraffic t) {
        if (!adminTraffic.compareAndSet(null, t)) throw new IllegalStateException("the admin listener's traffic is already bound");
        registerClosures("switchboard.admin.connections", "admin listener", t);
    }

    private void registerClosures(String prefix, String listener, HttpTraffic t) {
        for (ConnectionClosure why : ConnectionClosure.values()) {
            var counter = why.refusal()
                    ? FunctionCounter.builder(prefix + ".refused", t, x -> x.closed(why))
                            .description(listener + " connections refused with a 503 at a cap (http.maxConnections, http.maxConnectionsPerAddress), by reason")
                    : FunctionCounter.builder(prefix + ".closed", t, x -> x.closed(why))
                            .description(listener + " connections the server cut: a header, body or idle timeout (http.*TimeoutMs) or a slow reader, by reason");
            counter.tag("reason", why.label()).register(registry);
        }
    }

    /** Reads the TCP listener's bytes, messages, connections, and connections refused or cut (by reason) from now on. */
    public void bindTcp(dev.switchboard.transport.TcpServer tcp) {
        HttpTraffic t = tcp.traffic();
        FunctionCounter.builder("switchboard.tcp.bytes.in", t, HttpTraffic::bytesIn).description("bytes read from TCP clients").register(registry);
        FunctionCounter.builder("switchboard.tcp.bytes.out", t, HttpTraffic::bytesOut).description("bytes written to TCP clients").register(registry);
        FunctionCounter.builder("switchboard.tcp.messages.in", tcp, dev.switchboard.transport.TcpServer::messagesIn).description("JSON-RPC messages read from TCP clients").register(registry);
        FunctionCounter.builder("switchboard.tcp.messages.out", tcp, dev.switchboard.transport.TcpServer::messagesOut).description("JSON-RPC messages written to TCP clients").register(registry);
        Gauge.builder("switchboard.tcp.connections", t, HttpTraffic::openConnections).description("TCP connections open now").register(registry);
        for (ConnectionClosure why : List.of(ConnectionClosure.REFUSED_TOTAL_CAP, ConnectionClosure.SLOW_READER)) {
            FunctionCounter.builder(why.refusal() ? "switchboard.tcp.connections.refused" : "switchboard.tcp.connections.closed", t, x -> x.closed(why))
                    .description(why.refusal() ? "TCP connections refused at tcp.maxConnections" : "TCP connections the server cut (a slow reader)")
                    .tag("reason", why.label()).register(registry);
        }
    }

    /** Requests that ended in anything but {@code ok} or {@code cancelled}, tool errors included: what the dashboard's error rate counts. */
    /** The dashboard's latest second (tests read it). */
    Snapshot dashboardSnapshot() {
        return feed.latest();
    }

    long requestErrors() {
        return requests.errors();
    }

    /** Plugs a check into {@code /ready}. */
    public void addReadinessCheck(ReadinessCheck check) {
        readiness.add(check);
    }

    /** The Micrometer registry, for meters of the application's own. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Runs {@code refresh} before each /metrics scrape, after the kernel's own: for meters whose set
     * changes (a MultiGauge of the members alive now), so a scrape sees the set as it is.
     */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    private void refreshMeters() {
        kernelMetrics.refresh();
        for (Runnable r : beforeScrape) {
            try {
                r.run();
            } catch (RuntimeException e) { // the other meters are still worth a scrape
                System.getLogger(Operations.class.getName()).log(System.Logger.Level.WARNING, "a meter refresh before /metrics failed", e);
            }
        }
    }

    /** /health, /ready, /metrics, the dashboard page at / and its feed at /dashboard/events. */
    public HttpRoutes routes() {
        DashboardRoutes dashboard = new DashboardRoutes(feed);
        return HttpRoutes.builder()
                .route("/health", new HealthRoute())
                .route("/ready", new ReadyRoute(readiness, mapper))
                .route("/metrics", new MetricsRoute(registry, this::refreshMeters))
                .route(DashboardRoutes.PAGE_PATH, dashboard.page())
                .route(DashboardRoutes.EVENTS_PATH, dashboard.events())
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        feed.close();
        gc.close();
        if (accessLog != null) accessLog.close();
        if (otel != null) otel.close();
        registry.close();
    }
}
