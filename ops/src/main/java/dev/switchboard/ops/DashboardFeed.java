package dev.switchboard.ops;

import dev.switchboard.kernel.AdaptiveLimit;
import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.LimitChange;
import dev.switchboard.kernel.MailboxStats;
import dev.switchboard.transport.ConnectionClosure;
import dev.switchboard.transport.HttpTraffic;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

/**
 * Computes one {@link Snapshot} a second and pushes the same encoded event to every dashboard
 * viewer. The cost does not grow with viewers beyond one write each: the JSON is built once, and
 * each viewer's channel gets a duplicate of the same buffer. A viewer whose socket is not writable
 * (a stalled tab) skips seconds instead of piling them up.
 */
final class DashboardFeed implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DashboardFeed.class.getName());
    private final RequestMetrics requests;
    private final Kernel kernel;
    private final IntSupplier sessions;
    private final Supplier<HttpTraffic> traffic;
    private final Supplier<Map<String, Long>> tasks;
    private final JsonMapper mapper;
    private final ChannelGroup viewers = new DefaultChannelGroup("dashboard", GlobalEventExecutor.INSTANCE);
    private final ScheduledExecutorService clock;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private Histogram interval;
    private long lastTotal, lastErrors, lastIn, lastOut, lastAt = System.nanoTime();
    private volatile Supplier<Map<String, Object>> cluster = Map::of;
    private volatile Supplier<List<Map<String, Object>>> agents = List::of;
    private volatile byte[] latest;
    private volatile Snapshot latestSnapshot;

    DashboardFeed(RequestMetrics requests, Kernel kernel, IntSupplier sessions, Supplier<HttpTraffic> traffic,
                  Supplier<Map<String, Long>> tasks, JsonMapper mapper) {
        this.requests = requests;
        this.kernel = kernel;
        this.sessions = sessions;
        this.traffic = traffic;
        this.tasks = tasks;
        this.mapper = mapper;
        this.clock = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("dashboard-clock").factory());
        tick();
        clock.scheduleAtFixedRate(this::tickQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /** Adds a viewer whose SSE head is written: it gets the latest second now and every second after. */
    void subscribe(Channel ch) {
        viewers.add(ch);
        byte[] now = latest;
        if (now != null) ch.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(now)));
    }

    /** Shows what {@code status} reports as the snapshot's {@code cluster} from the next second on. */
    void cluster(Supplier<Map<String, Object>> status) {
        this.cluster = status;
    }

    /** Shows what {@code status} reports as the snapshot's {@code agents} from the next second on. */
    void agents(Supplier<List<Map<String, Object>>> status) {
        this.agents = status;
    }

    private List<Map<String, Object>> agentsNow() {
        try {
            return agents.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "agents' status failed", e);
            return List.of(Map.of("error", String.valueOf(e.getMessage()))); // the page says so, the feed goes on
        }
    }

    private Map<String, Object> clusterNow() {
        try {
            return cluster.get();
        } catch (RuntimeException e) {
            return Map.of("error", String.valueOf(e.getMessage())); // NATS away: the page says so, the feed goes on
        }
    }

    int viewers() {
        return viewers.size();
    }

    Snapshot latest() {
        return latestSnapshot;
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "dashboard snapshot failed", e);
        }
    }

    private void tick() {
        Snapshot s = take();
        latestSnapshot = s;
        byte[] event = ("data: " + mapper.writeValueAsString(s) + "\n\n").getBytes(StandardCharsets.UTF_8);
        latest = event;
        if (!viewers.isEmpty()) viewers.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(event)), Channel::isWritable);
    }

    private Snapshot take() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastAt) / 1e9);
        lastAt = now;
        interval = requests.takeInterval(interval);
        long total = requests.total(), errors = requests.errors();
        double rps = (total - lastTotal) / seconds, eps = (errors - lastErrors) / seconds;
        lastTotal = total;
        lastErrors = errors;
        Map<String, Long> depths = new LinkedHashMap<>();
        for (Map.Entry<String, MailboxStats> e : kernel.mailboxStats().entrySet()) depths.put(e.getKey(), (long) e.getValue().depth());
        HttpTraffic t = traffic.get();
        long in = t == null ? 0 : t.bytesIn(), out = t == null ? 0 : t.bytesOut();
        double inRate = (in - lastIn) / seconds, outRate = (out - lastOut) / seconds;
        lastIn = in;
        lastOut = out;
        Map<String, Long> refused = new LinkedHashMap<>(), closed = new LinkedHashMap<>();
        for (ConnectionClosure why : ConnectionClosure.values())
            (why.refusal() ? refused : closed).put(why.label(), t == null ? 0 : t.closed(why));
        var heap = memory.getHeapMemoryUsage();
        Map<String, Integer> limits = new LinkedHashMap<>();
        long changes = 0, rollbacks = 0;
        for (AdaptiveLimit l : kernel.adaptiveLimits().values()) {
            limits.put(l.name(), l.limit());
            changes += l.changes();
            rollbacks += l.rollbacks();
        }
        return new Snapshot(System.currentTimeMillis(), round(rps), millis(interval, 50), millis(interval, 95), millis(interval, 99), round(eps),
                total, errors, requests.inFlight(), depths, kernel.deadLetters().total(), sessions.getAsInt(),
                t == null ? 0 : t.openStreams(), heap.getUsed(), heap.getMax(), round(Math.max(0, os.getProcessCpuLoad())), round(inRate), round(outRate), refused, closed,
                tasks.get(), limits, changes, rollbacks, recentChanges(), clusterNow(), agentsNow());
    }

    private List<String> recentChanges() {
        List<LimitChange> all = kernel.limitChanges();
        List<String> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < 5; i--) {
            LimitChange c = all.get(i);
            out.add(String.format("%tT %s %s %d → %d: %s", c.atMillis(), c.limitName(), c.rollback() ? "rolled back" : "changed", c.from(), c.to(), c.reason()));
        }
        return out;
    }

    private static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : round(h.getValueAtPercentile(percentile) / 1_000.0);
    }

    private static double round(double v) {
        return Math.round(v * 1_000) / 1_000.0;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        viewers.close();
    }
}
