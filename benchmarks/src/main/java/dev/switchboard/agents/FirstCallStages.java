package dev.switchboard.agents;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.RequestObserver;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Where a pre-warmed pool's first call spends its time, stage by stage. The gateway runs in a JVM
 * of its own (a child process with this classpath), fresh for each scenario, so "first" means what
 * it means for a gateway just started: the first tools/call that JVM handles, sent once its pool
 * finished starting and pre-warming (every member up and the agent ready, as {@code /ready}
 * reports). The client runs here, in the benchmark's JVM, its own call path warmed first against
 * a server of this JVM: a client's cold start is the client's, not the gateway's. The gateway
 * stamps each call and prints its stages:
 *
 * <ul>
 *   <li>transport: the client's total minus the server's time (HTTP on both sides, Netty in the gateway)</li>
 *   <li>server: from dispatch to the handler (decoding the params, admission, the route)</li>
 *   <li>gateway: the handler's time minus the member's round trip (AgentCall, the pool, the result)</li>
 *   <li>member: the forwarded call on the member's connection, the agent's own work included</li>
 * </ul>
 *
 * <p>Counted beside the times, per call: the classes the gateway JVM loaded during it, the CPU
 * the gateway JVM spent (its JIT compiler threads apart) and the CPU of its agent processes, read
 * from {@code /proc} ({@link CpuTime}). To look closer: {@code -Dsb.bench.gatewayJvmOptions="-Xlog:class+load:file=/tmp/cl.log:uptime"}
 * (any flags) reaches each gateway JVM, and {@code -Dsb.bench.verbose=true} prints the gateway
 * JVM's uptime at each call's start, to find the call in such a log.
 *
 * <p>Scenarios: {@code agent} (the client's first call is the agent's tool) and
 * {@code local-then-agent} (an in-process tool first, which warms the server's own path, then the
 * agent's tool); {@code cold}: the same as {@code agent} on a pool with no member left (min 0, its
 * start-up member closed once idle), so the first call waits for a member to spawn and initialize,
 * against which pre-warming is measured; {@code member}: a member started directly and pre-warmed
 * as the pool does, its first real echo against the next ones (the agent process's own cold path).
 */
final class FirstCallStages {
    private FirstCallStages() {}

    /** Stamps each tools/call and prints its stages in µs, then the classes loaded and the JIT's ms during it: "STAGE server before gateway member classes jit". */
    private static final class Clock implements RequestObserver {
        private static final java.lang.management.ClassLoadingMXBean CLASSES = java.lang.management.ManagementFactory.getClassLoadingMXBean();
        private static final java.lang.management.CompilationMXBean JIT = java.lang.management.ManagementFactory.getCompilationMXBean();
        volatile long entered;
        volatile AgentPool pool;

        @Override
        public Observation onStart(Request request) {
            if (!"tools/call".equals(request.method())) return Observation.NONE;
            long memberBefore = pool == null ? 0 : pool.counters.callNanos.sum(), started = System.nanoTime();
            long classesBefore = CLASSES.getTotalLoadedClassCount(), jitBefore = JIT.getTotalCompilationTime();
            long startedUptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(); // ms, to match -Xlog's uptime
            return new Observation() {
                @Override
                public void onEnd(String outcome, int errorCode, long nanos) {
                    long member = pool == null ? 0 : pool.counters.callNanos.sum() - memberBefore;
                    long before = Math.max(0, entered - started);
                    System.out.printf(Locale.ROOT, "STAGE %.0f %.0f %.0f %.0f %d %d %d%n", nanos / 1e3, before / 1e3, (nanos - before - member) / 1e3, member / 1e3,
                            CLASSES.getTotalLoadedClassCount() - classesBefore, JIT.getTotalCompilationTime() - jitBefore, startedUptime);
                    System.out.flush();
                }

                @Override
                public Scope enter() {
                    entered = System.nanoTime();
                    return Scope.NONE;
                }
            };
        }
    }

    /** One call's stages in µs. */
    record Stages(double total, double transport, double server, double gateway, double member, double classes, double gatewayCpu, double jitCpu, double agentCpu) {
        String line() {
            return String.format(Locale.ROOT, "%8.0f %9.0f %8.0f %8.0f %8.0f %8.0f %8.0f %8.0f %8.0f", total, transport, server, gateway, member, classes,
                    gatewayCpu, jitCpu, agentCpu);
        }

        static Stages median(List<Stages> all) {
            return new Stages(med(all, Stages::total), med(all, Stages::transport), med(all, Stages::server), med(all, Stages::gateway),
                    med(all, Stages::member), med(all, Stages::classes), med(all, Stages::gatewayCpu), med(all, Stages::jitCpu),
                    med(all, Stages::agentCpu));
        }

        private static double med(List<Stages> all, java.util.function.ToDoubleFunction<Stages> f) {
            double[] v = all.stream().mapToDouble(f).sorted().toArray();
            return v[v.length / 2];
        }
    }

    static final String HEADER = String.format(Locale.ROOT, "  %-44s %8s %9s %8s %8s %8s %8s %8s %8s %8s", "µs", "total", "transport", "server", "gateway", "member",
            "classes", "gw cpu", "jit cpu", "agt cpu");

    /**
     * Starts a fresh gateway JVM in front of {@code launch}, makes this JVM's client path warm,
     * then runs {@code scenario} against the gateway and prints each stage; returns {first, warm} in µs.
     */
    /**
     * One fresh gateway's first agent call, its warm calls' medians, the median first call of
     * {@link #NEW_CLIENTS} new clients once that gateway is warm (like for like: each a fresh
     * client session's first call), and how long that gateway took to be ready (ms from its JVM's start).
     */
    record Outcome(Stages first, Stages warm, Stages newClientOnWarm, double readyMs) {}

    /** New clients that each make one call once the gateway is warm. */
    static final int NEW_CLIENTS = 5;

    static Outcome run(String scenario, Launch.Stdio launch, PrintStream out) throws Exception {
        warmClient();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path")));
        String extra = System.getProperty("sb.bench.gatewayJvmOptions", "");
        if (!extra.isBlank()) cmd.addAll(List.of(extra.trim().split("\\s+")));
        if (scenario.equals("cold")) cmd.add("-D" + COLD_POOL + "=true");
        cmd.addAll(List.of(FirstCallStages.class.getName(), "serve"));
        cmd.addAll(launch.command());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
            } catch (java.io.IOException ignored) {
                // the child ended
            }
            lines.add("END");
        });
        try {
            double readyMs = Double.parseDouble(next(lines, "READY "));
            String port = next(lines, "PORT ");
            URI gateway = URI.create("http://127.0.0.1:" + port + "/mcp");
            try (McpClient client = McpClient.http(gateway)) {
                client.initialize();
                if (scenario.equals("local-then-agent")) {
                    out.println("  " + pad("first in-process tool call") + call(client, "local_echo", lines, p.pid()).line());
                    out.println("  " + pad("second in-process tool call") + call(client, "local_echo", lines, p.pid()).line());
                }
                Stages first = call(client, "every_echo", lines, p.pid());
                out.println("  " + pad("first agent call" + (scenario.equals("agent") ? " (the client's first)" : scenario.equals("cold") ? " (cold pool, the client's first)" : "")) + first.line());
                out.println("  " + pad("second agent call") + call(client, "every_echo", lines, p.pid()).line());
                List<Stages> warm = new ArrayList<>();
                for (int i = 0; i < 300; i++) warm.add(call(client, "every_echo", lines, p.pid()));
                Stages w = Stages.median(warm.subList(100, 300));
                out.println("  " + pad("warm agent call (median of 200)") + w.line());
                List<Stages> newClients = new ArrayList<>();
                for (int i = 0; i < NEW_CLIENTS; i++) {
                    try (McpClient another = McpClient.http(gateway)) {
                        another.initialize();
                        newClients.add(call(another, "every_echo", lines, p.pid()));
                    }
                }
                Stages n = Stages.median(newClients);
                out.println("  " + pad("a new client's first call, gateway warm (median of " + NEW_CLIENTS + ")") + n.line());
                return new Outcome(first, w, n, readyMs);
            }
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String next(LinkedBlockingQueue<String> lines, String prefix) throws InterruptedException {
        while (true) {
            String line = lines.poll(90, TimeUnit.SECONDS);
            if (line == null || line.equals("END")) throw new IllegalStateException("the gateway process ended or went silent before '" + prefix + "'");
            if (line.startsWith(prefix)) return line.substring(prefix.length());
        }
    }

    /** This JVM's client path, warmed against a server of its own (the gateway's JVM is another). */
    private static void warmClient() throws Exception {
        McpServer local = McpServer.builder("client-warm-up", "1.0").tool("echo", "echo", Map.class, a -> "Echo: x").build();
        try (StreamableHttpServer http = StreamableHttpServer.start(local, HttpSettings.defaults().withPort(0));
             McpClient client = McpClient.http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"))) {
            client.initialize();
            for (int i = 0; i < 3_000; i++) client.callTool("echo", Map.of("message", "x"));
        }
    }

    private static Stages call(McpClient client, String tool, LinkedBlockingQueue<String> lines, long gatewayPid) throws InterruptedException {
        long gatewayCpu = CpuTime.ofProcess(gatewayPid), jitCpu = CpuTime.ofCompilers(gatewayPid), agentCpu = CpuTime.ofDescendants(gatewayPid);
        long t0 = System.nanoTime();
        Tools.CallToolResult r = client.callTool(tool, Map.of("message", "x"));
        double total = (System.nanoTime() - t0) / 1e3;
        if (Boolean.TRUE.equals(r.isError())) throw new IllegalStateException(tool + " failed: " + r);
        String[] f = next(lines, "STAGE ").split(" ");
        if (Boolean.getBoolean("sb.bench.verbose")) System.err.println("gateway JVM uptime at the call's start: " + f[6] + " ms");
        double server = Double.parseDouble(f[0]);
        // the STAGE line is printed after the answer is written: by then the gateway's CPU for the call is spent, and the agent's
        return new Stages(total, total - server, Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                (CpuTime.ofProcess(gatewayPid) - gatewayCpu) / 1e3, (CpuTime.ofCompilers(gatewayPid) - jitCpu) / 1e3,
                (CpuTime.ofDescendants(gatewayPid) - agentCpu) / 1e3);
    }

    public static void main(String[] args) throws Exception {
        Launch.Stdio launch = new Launch.Stdio(List.of(Arrays.copyOfRange(args, 1, args.length)), Map.of());
        if (args[0].equals("serve")) serve(launch);
        else {
            System.out.println(HEADER);
            if (args[0].equals("member")) {
                double[] r = member(launch, System.out);
                System.out.printf(Locale.ROOT, "first %.0f µs, warm %.0f µs%n", r[0], r[1]);
            } else {
                Outcome r = run(args[0], launch, System.out);
                System.out.printf(Locale.ROOT, "first %.0f µs, warm %.0f µs, a new client's first on the warm gateway %.0f µs, ready after %.0f ms%n",
                        r.first().total(), r.warm().total(), r.newClientOnWarm().total(), r.readyMs());
            }
        }
        System.exit(0);
    }

    /** Set on the child for the {@code cold} scenario. */
    private static final String COLD_POOL = "sb.bench.coldPool";

    /**
     * The child: a gateway with an in-process tool and a pool of 3 (or, cold, of none once its
     * start-up member is closed as idle); prints its port once ready, then each call's stages until stdin ends.
     */
    private static void serve(Launch.Stdio launch) throws Exception {
        Clock clock = new Clock();
        McpServer front = McpServer.builder("gateway", "1.0").observer(clock).tool("local_echo", "echo, in process", Map.class, a -> "Echo: x").build();
        boolean cold = Boolean.getBoolean(COLD_POOL);
        AgentsSettings d = AgentsSettings.defaults();
        AgentsSettings settings = cold // members idle for 2 s closed at the keeper's next round (its interval, 1 s here)
                ? new AgentsSettings(d.separator(), new PoolSize(0, 3, 2_000), d.memberConcurrency(), d.timeoutMs(), d.queuePrimary(), d.queueOverflow(),
                        1_000, d.restartBackoffMs(), d.startTimeoutMs(), d.maxMessageBytes())
                : d.withPool(new PoolSize(3, 3, 30_000));
        int members = cold ? 0 : 3;
        try (Gateway gateway = Gateway.start(front, List.of(new AgentSpec("every", launch, settings.pool(), Affinity.NONE, false, 20_000, 0)), settings);
             StreamableHttpServer http = StreamableHttpServer.start(front, HttpSettings.defaults().withPort(0))) {
            gateway.servedAt(URI.create("http://127.0.0.1:" + http.port() + "/mcp")); // as sb serve does once it listens
            AgentPool pool = gateway.pool("every");
            clock.pool = pool;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // ready as /ready says it (every agent ready), and every member of the pool started and pre-warmed
            while (!(gateway.awaitStarted(Duration.ofSeconds(1)) && pool.members.size() == (cold ? 1 : members)) && System.nanoTime() < deadline)
                Thread.sleep(10);
            while (cold && !pool.members.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10); // its start-up member closed as idle
            System.out.println("READY " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
            System.out.println("PORT " + http.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our stdin or ends us
            }
        }
    }

    private static String pad(String s) {
        return String.format(Locale.ROOT, "%-44s", s);
    }

    /**
     * The agent process's own first call: a member started and pre-warmed as the pool does, its
     * first echo against the next ones; returns {first, warm median} in µs of wall time, then the
     * same two in µs of the agent process's CPU.
     */
    static double[] member(Launch.Stdio launch, PrintStream out) throws Exception {
        AgentSpec spec = new AgentSpec("every", launch, new PoolSize(1, 1, 30_000), Affinity.NONE, false, 20_000, 0);
        // a first member warms this JVM's client path, so the second shows only its process's own cold path
        Member jvmWarmer = Member.start(spec, 0, 20_000, m -> {}, (m, uri) -> {});
        for (int i = 0; i < 200; i++) jvmWarmer.client.callTool("echo", Map.of("message", "x"));
        jvmWarmer.kill("done");
        Member m = Member.start(spec, 1, 20_000, x -> {}, (x, uri) -> {});
        long pid = m.client.process().orElseThrow().pid();
        AgentCatalogue.of(m);
        MemberWarmUp.run(m); // the pool's pre-warm of each member
        Thread.sleep(500);
        double[] us = new double[52], cpu = new double[us.length];
        for (int i = 0; i < us.length; i++) {
            long c = CpuTime.ofProcess(pid), t = System.nanoTime();
            m.client.callTool("echo", Map.of("message", "x"));
            us[i] = (System.nanoTime() - t) / 1e3;
            cpu[i] = (CpuTime.ofProcess(pid) - c) / 1e3;
        }
        double warm = Arrays.stream(Arrays.copyOfRange(us, 2, us.length)).sorted().toArray()[25];
        double warmCpu = Arrays.stream(Arrays.copyOfRange(cpu, 2, cpu.length)).sorted().toArray()[25];
        out.printf(Locale.ROOT, "  %s %8.0f  (second %.0f, warm median %.0f; the agent's CPU: first %.0f, warm %.0f; this JVM's client path already warm)%n",
                pad("a pre-warmed member's first echo, directly"), us[0], us[1], warm, cpu[0], warmCpu);
        m.kill("done");
        return new double[] {us[0], warm, cpu[0], warmCpu};
    }
}
