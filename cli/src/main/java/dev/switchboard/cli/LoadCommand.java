package dev.switchboard.cli;

import dev.switchboard.benchmarks.Soak;
import dev.switchboard.load.AbuseSpec;
import dev.switchboard.load.HtmlReport;
import dev.switchboard.load.JsonReport;
import dev.switchboard.load.LoadGenerator;
import dev.switchboard.load.LoadResult;
import dev.switchboard.load.LoadSpec;
import dev.switchboard.load.Progress;
import dev.switchboard.load.Scenario;
import dev.switchboard.load.TerminalProgress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one load scenario against an MCP server or a plain HTTP endpoint and prints what it measured. */
@Command(name = "load", mixinStandardHelpOptions = true, description = "Load an MCP server (Streamable HTTP or stdio) or any HTTP endpoint with one scenario; prints throughput, errors and latency percentiles.",
        footer = {"", "Examples:",
                "  ./sb load concurrent --url http://127.0.0.1:8080/mcp --tool add --args '{\"a\":1,\"b\":2}' -n 50000 -c 50",
                "  ./sb load burst --url http://127.0.0.1:8080/mcp",
                "  ./sb load sustained --url http://127.0.0.1:8080/mcp --rate 2000 --duration 30s --server-pid 1234 --html target/load/sustained.html",
                "  ./sb load churn --url http://127.0.0.1:8080/mcp -n 5000 -c 20",
                "  ./sb load idle-sessions --url http://127.0.0.1:8080/mcp --sessions 10000 --server-pid 1234",
                "  ./sb load fanout --url http://127.0.0.1:8080/mcp --subscribers 200 --hz 20 --duration 5s",
                "  ./sb load fanout --url ws://127.0.0.1:8080/mcp/ws --subscribers 200 --hz 20 --duration 5s",
                "  ./sb load fanout --scale    (own server; 10,000 subscribers, 100 Hz goal and a rate search, WebSocket and Streamable HTTP)",
                "  ./sb load connections --transport websocket --sessions 50000    (own server -Xmx1g; heap per held connection)",
                "  ./sb load concurrent --url http://127.0.0.1:8080/health --http GET",
                "  ./sb load concurrent --url http://127.0.0.1:8080/mcp --gateway -n 20000 -c 16   (direct, then through a gateway in front of it)",
                "  ./sb load sequential --stdio './sb serve --stdio' -n 2000",
                "  ./sb load abuse --url http://127.0.0.1:8080/mcp --server-pid 1234 --quick",
                "  ./sb load soak --minutes 30    (starts its own server; --rate R to skip the capacity measurement)",
                "  ./sb load tasks --url http://127.0.0.1:8080/mcp --tool slow_compute --args '{\"seconds\":0}' -c 16 -d 10s --warmup 2000"})
final class LoadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", completionCandidates = ScenarioNames.class, description = "One of: ${COMPLETION-CANDIDATES}.")
    String scenario;

    /** Every scenario but soak (which starts its own server) needs one. */
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    static final class Target {
        @Option(names = "--url", paramLabel = "URL", description = "The MCP endpoint (or, with --http, any URL) on this machine.")
        URI url;

        @Option(names = "--stdio", paramLabel = "COMMAND", description = "A server command speaking MCP on stdio (sequential, concurrent, burst, sustained).")
        String stdio;
    }

    @Option(names = "--http", paramLabel = "METHOD", description = "Plain HTTP mode: send METHOD requests to --url, no MCP (sequential, concurrent, burst, sustained).")
    String httpMethod;

    @Option(names = "--body", paramLabel = "TEXT", description = "Request body in plain HTTP mode (sent as application/json).")
    String body;

    @Option(names = "--tool", paramLabel = "NAME", description = "The tool to call (default: ${DEFAULT-VALUE}).")
    String tool = "add";

    @Option(names = "--args", paramLabel = "JSON", description = "The tool's arguments (default: ${DEFAULT-VALUE}).")
    String arguments = "{\"a\":1,\"b\":2}";

    @Option(names = {"-n", "--requests"}, paramLabel = "N", description = "Operations for sequential, concurrent, churn (default: 2000 sequential, 20000 others).")
    Integer requests;

    @Option(names = {"-c", "--connections"}, paramLabel = "C", description = "Connections for concurrent, churn, sustained (default: ${DEFAULT-VALUE}).")
    int connections = 50;

    @Option(names = "--burst", paramLabel = "N", description = "Requests fired at once by burst (default: ${DEFAULT-VALUE}).")
    int burst = 500;

    @Option(names = "--min-success", paramLabel = "RATIO", description = "burst exits 1 below this success rate (default: ${DEFAULT-VALUE}).")
    double minSuccess = 0.98;

    @Option(names = "--rate", paramLabel = "R", description = "Operations per second for sustained (default: 1000) and soak (default: half the capacity it measures first).")
    Double rate;

    @Option(names = "--minutes", paramLabel = "N", description = "How long soak runs (default: ${DEFAULT-VALUE}).")
    int minutes = 30;

    @Option(names = "--out", paramLabel = "DIR", description = "Where soak writes soak.csv and soak.svg (default: target/soak).")
    Path out = Path.of("target/soak");

    @Option(names = {"-d", "--duration"}, paramLabel = "D", converter = DurationConverter.class,
            description = "How long sustained and fanout run: 10s, 2m (default: 10s). For sequential, concurrent and churn: run this long instead of N operations (unless -n is given too).")
    Duration duration;

    @Option(names = "--sessions", paramLabel = "N", description = "Sessions for idle-sessions (default: ${DEFAULT-VALUE}).")
    int sessions = 1_000;

    @Option(names = "--source-addresses", paramLabel = "K", description = "Loopback source addresses 127.0.0.1..K for idle-sessions (default: ${DEFAULT-VALUE}).")
    int sourceAddresses = 8;

    @Option(names = "--hold", paramLabel = "D", converter = DurationConverter.class, description = "How long idle-sessions holds the streams (default: 2s).")
    Duration hold = Duration.ofSeconds(2);

    @Option(names = "--subscribers", paramLabel = "S", description = "Subscribers for fanout (default: 100; 10000 with --scale).")
    Integer subscribers;

    @Option(names = "--hz", paramLabel = "H", description = "Resource updates per second for fanout (default: 10; the 100 Hz goal with --scale).")
    Double hz;

    @Option(names = "--scale", description = "fanout: start a server of its own (-Xmx1g), run the goal rate and a rate search over WebSocket and Streamable HTTP; prints delivery, p99 and server CPU per event.")
    boolean scale;

    @Option(names = "--transport", paramLabel = "NAME", split = ",",
            description = "fanout --scale: websocket, streamable-http (default: both); connections: websocket or legacy-sse (default: websocket).")
    List<String> transports;

    @Option(names = "--server-set", paramLabel = "KEY=VALUE", description = "fanout --scale: a configuration key for the server it starts, e.g. http.replayEvents=16 (repeatable).")
    List<String> serverSettings = new ArrayList<>();

    @Option(names = "--step", paramLabel = "D", converter = DurationConverter.class, description = "fanout --scale: how long each rate step sends (default: 3s).")
    Duration step = Duration.ofSeconds(3);

    @Option(names = "--resource", paramLabel = "URI", description = "The resource fanout subscribes to (default: ${DEFAULT-VALUE}, the demo's).")
    String resource = "switchboard://demo/ticker";

    @Option(names = "--trigger-tool", paramLabel = "NAME", description = "The tool fanout calls to change the resource (default: ${DEFAULT-VALUE}).")
    String triggerTool = "ticker_touch";

    @Option(names = "--server-pid", paramLabel = "PID", description = "The server's process, for memory figures (RSS from /proc; heap from jcmd for a JVM).")
    long serverPid;

    @Option(names = "--timeout", paramLabel = "D", converter = DurationConverter.class, description = "Per-request timeout (default: 10s).")
    Duration timeout = Duration.ofSeconds(10);

    @Option(names = "--warmup", paramLabel = "N", description = "Unmeasured operations before the run (closed-loop scenarios; default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--event-loops", paramLabel = "N", description = "Generator event loops (default: one per core).")
    Integer eventLoops;

    @Option(names = "--io", paramLabel = "KIND", description = "Generator I/O: auto (io_uring when the kernel allows it, else epoll), io_uring, epoll or nio (default: ${DEFAULT-VALUE}).")
    String io = "auto";

    @Option(names = "--quick", description = "abuse: fewer abusers (150 slowloris, 150 silent, 25 never-reading), 2 rounds of 5 s phases (default 3 rounds of 10 s).")
    boolean quick;

    @Option(names = "--slowloris", paramLabel = "N", description = "abuse: connections sending their head a byte a second (default: 300).")
    Integer slowloris;

    @Option(names = "--silent", paramLabel = "N", description = "abuse: connections that send nothing (default: 300).")
    Integer silent;

    @Option(names = "--never-reading", paramLabel = "N", description = "abuse: clients whose SSE stream and pipelined answers are never read (default: 50).")
    Integer neverReading;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with plots.")
    Path html;

    @Option(names = "--gateway", description = "Run the load twice: straight to --url, then through a gateway started here in front of it (its tool as agent_NAME); prints both side by side.")
    boolean gateway;

    @Override
    public Integer call() throws Exception {
        if (scenario.equals("soak")) return soak();
        if (scenario.equals("connections")) return connections();
        if (scenario.equals("fanout") && scale) return fanoutScale();
        if (target == null) {
            System.err.println("sb load: " + scenario + " needs --url or --stdio");
            return 2;
        }
        Scenario s;
        try {
            s = Scenario.named(scenario);
        } catch (IllegalArgumentException e) {
            System.err.println("sb load: " + e.getMessage());
            return 2;
        }
        LoadSpec defaults = LoadSpec.of(s, target.url);
        if (s == Scenario.ABUSE && duration == null) duration = Duration.ofSeconds(quick ? 5 : 10);
        boolean closedLoop = s == Scenario.SEQUENTIAL || s == Scenario.CONCURRENT || s == Scenario.CHURN || s == Scenario.ABUSE || s == Scenario.STATELESS
                || s == Scenario.TASKS;
        int n = requests != null ? requests : closedLoop && duration != null ? Integer.MAX_VALUE : defaults.requests();
        Duration d = duration != null ? duration : closedLoop ? Duration.ofHours(1) : defaults.duration();
        LoadSpec spec = new LoadSpec(s, target.url, target.stdio == null ? null : words(target.stdio), httpMethod, body, tool, arguments,
                n, connections, burst, minSuccess, rate != null ? rate : 1_000, d, sessions, sourceAddresses, hold,
                subscribers != null ? subscribers : 100, hz != null ? hz : 10, resource, triggerTool, serverPid, timeout, warmup, eventLoops != null ? eventLoops : defaults.eventLoops());
        if (!List.of("auto", "io_uring", "epoll", "nio").contains(io)) {
            System.err.println("sb load: --io must be auto, io_uring, epoll or nio, was '" + io + "'");
            return 2;
        }
        System.setProperty("sb.load.io", io);
        if (gateway) {
            if (target.url == null || httpMethod != null || s == Scenario.ABUSE) {
                System.err.println("sb load: --gateway needs an MCP server's --url (not --stdio, --http or abuse)");
                return 2;
            }
            return GatewayLoad.run(spec, one -> {
                try (Progress progress = TerminalProgress.forTask(s.label())) {
                    return LoadGenerator.run(one, progress);
                }
            }, System.out);
        }
        LoadResult result;
        try (Progress progress = TerminalProgress.forTask(s.label())) {
            result = s == Scenario.ABUSE ? LoadGenerator.abuse(spec, abuseSpec(), progress) : LoadGenerator.run(spec, progress);
        } catch (IllegalArgumentException e) {
            System.err.println("sb load: " + e.getMessage());
            return 2;
        }
        dev.switchboard.load.TextReport.print(result, System.out);
        if (json != null) {
            JsonReport.write(result, json);
            System.out.println("  json: " + json);
        }
        if (html != null) {
            HtmlReport.write(result, html);
            System.out.println("  html: " + html);
        }
        if (Boolean.FALSE.equals(result.extra().get("goalsMet"))) {
            System.out.println("MISS: at least one abuse goal was not met");
            return 1;
        }
        if (Boolean.FALSE.equals(result.extra().get("passed"))) {
            System.out.printf("FAIL: success rate %.4f is below %.2f%n", result.successRate(), minSuccess);
            return 1;
        }
        if (result.requests() > 0 && result.ok() == 0) {
            System.out.println("FAIL: no operation succeeded");
            return 1;
        }
        return 0;
    }

    /** The long soak (issue 18): its own in-process server, mixed traffic at half capacity, PASS/MISS on heap, p99 drift and errors. */
    private int soak() throws Exception {
        if (minutes < 1 || (rate != null && !(rate > 0))) {
            System.err.println("sb load soak: --minutes must be at least 1 and --rate positive");
            return 2;
        }
        Duration interval = Duration.ofSeconds(minutes <= 5 ? 10 : 60);
        Soak.Result r = Soak.run(new Soak.Settings(Duration.ofMinutes(minutes), interval, rate == null ? 0 : rate,
                out.resolve("soak.csv"), out.resolve("soak.svg")), System.out);
        return r.passed() ? 0 : 1;
    }

    /** Issue 17's fanout at scale: its own server, the goal rate and a rate search per transport. */
    private int fanoutScale() throws Exception {
        System.setProperty("sb.load.io", io);
        Path root = Path.of(System.getProperty("sb.root", System.getProperty("user.dir")));
        int loops = eventLoops != null ? eventLoops : 1;
        boolean met = dev.switchboard.load.FanoutScale.run(new dev.switchboard.load.FanoutScale.Options(root,
                transports != null ? transports : List.of("websocket", "streamable-http"), subscribers != null ? subscribers : 10_000,
                hz != null ? hz : 100, step, loops, serverSettings), System.out);
        return met ? 0 : 1;
    }

    /** Issue 17's held connections: N idle sessions against a server of its own (-Xmx1g), heap per connection. */
    private int connections() throws Exception {
        // epoll unless asked: closing tens of thousands of streams at once overflows io_uring's completion queue
        System.setProperty("sb.load.io", io.equals("auto") ? "epoll" : io);
        Path root = Path.of(System.getProperty("sb.root", System.getProperty("user.dir")));
        String transport = transports == null || transports.isEmpty() ? "websocket" : transports.getFirst();
        int loops = eventLoops != null ? eventLoops : 1;
        try {
            boolean met = dev.switchboard.load.HeldConnections.run(new dev.switchboard.load.HeldConnections.Options(root, transport, sessions,
                    hold.compareTo(Duration.ofSeconds(2)) == 0 ? Duration.ofSeconds(5) : hold, Math.max(sourceAddresses, sessions / 20_000 + 1), loops), System.out);
            return met ? 0 : 1;
        } catch (IllegalArgumentException e) {
            System.err.println("sb load: " + e.getMessage());
            return 2;
        }
    }

    private AbuseSpec abuseSpec() {
        AbuseSpec base = quick ? AbuseSpec.quick() : AbuseSpec.defaults();
        return new AbuseSpec(slowloris != null ? slowloris : base.slowloris(), silent != null ? silent : base.silent(),
                neverReading != null ? neverReading : base.neverReading(), base.trickle(), base.warmup(), base.settle(), base.echoBytes(), base.touchHz(), base.rounds());
    }

    /** Splits a command line into words; single or double quotes group words. */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || !word.isEmpty()) out.add(word.toString());
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
            }
        }
        if (any || !word.isEmpty()) out.add(word.toString());
        return out;
    }

    static final class ScenarioNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Scenario.labels().iterator();
        }
    }
}
