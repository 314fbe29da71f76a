package dev.switchboard.cli;

import dev.switchboard.agents.Affinity;
import dev.switchboard.agents.AgentSpec;
import dev.switchboard.agents.AgentsSettings;
import dev.switchboard.agents.Gateway;
import dev.switchboard.agents.Launch;
import dev.switchboard.load.LoadResult;
import dev.switchboard.load.LoadSpec;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/*
 * ./sb load SCENARIO --url AGENT --gateway: the same load twice, first straight to the MCP server at
 * --url, then through a gateway started here in front of it (as agent "agent", default pool and
 * scheduling, its tools as agent_NAME), and both side by side. Why the gateway runs in the load
 * generator's process: one command, no configuration file; it shares the generator's cores,
 * which counts against the gateway, so the figures are conservative. For a gateway in its own
 * process, `./sb serve --config` with an mcpServers entry and two ./sb load runs do the same.
 */
final class GatewayLoad {
    static final String AGENT = "agent";

    private GatewayLoad() {}

    @FunctionalInterface
    interface Runner {
        LoadResult run(LoadSpec spec) throws Exception;
    }

    /** Runs {@code direct}, then the same through a gateway; prints both and returns the exit code. */
    static int run(LoadSpec direct, Runner runner, PrintStream out) throws Exception {
        McpServer front = McpServer.builder("sb-load-gateway", "0.1.0").build();
        AgentsSettings settings = AgentsSettings.defaults();
        AgentSpec agent = new AgentSpec(AGENT, new Launch.Http(direct.url(), Map.of()), settings.pool(), Affinity.NONE, false, settings.timeoutMs(), 0);
        try (Gateway gateway = Gateway.start(front, List.of(agent), settings);
             StreamableHttpServer http = StreamableHttpServer.start(front, HttpSettings.defaults().withPort(0))) {
            if (!gateway.awaitStarted(Duration.ofSeconds(30))) {
                System.err.println("sb load --gateway: the gateway could not reach " + direct.url() + ": " + gateway.status().getFirst().failure());
                return 2;
            }
            String tool = AGENT + settings.separator() + direct.tool();
            for (int i = 0; i < 100 && front.tool(tool) == null; i++) Thread.sleep(50); // registered just after the first member joins
            if (front.tool(tool) == null) {
                System.err.println("sb load --gateway: the server at " + direct.url() + " has no tool '" + direct.tool() + "' (--tool)");
                return 2;
            }
            URI through = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
            out.println("direct to " + direct.url() + ":");
            LoadResult d = runner.run(direct);
            dev.switchboard.load.TextReport.print(d, out);
            LoadSpec via = new LoadSpec(direct.scenario(), through, direct.stdio(), direct.httpMethod(), direct.body(), tool, direct.arguments(),
                    direct.requests(), direct.connections(), direct.burst(), direct.minSuccess(), direct.rate(), direct.duration(), direct.sessions(),
                    direct.sourceAddresses(), direct.hold(), direct.subscribers(), direct.hz(), direct.resource(), direct.triggerTool(),
                    direct.serverPid(), direct.timeout(), direct.warmup(), direct.eventLoops());
            out.println();
            out.println("through a gateway (in this process, " + gateway.status().getFirst().members() + " pool members) at " + through + ", tool " + tool + ":");
            LoadResult t = runner.run(via);
            dev.switchboard.load.TextReport.print(t, out);
            out.println();
            out.printf(Locale.ROOT, "%-10s %12s %10s %10s %10s%n", "", "calls/s", "p50 ms", "p99 ms", "ok");
            row(out, "direct", d);
            row(out, "gateway", t);
            out.printf(Locale.ROOT, "gateway/direct: throughput %.2fx, p99 %+.2f ms%n", d.throughput() == 0 ? 0 : t.throughput() / d.throughput(),
                    t.latency().p99() - d.latency().p99());
            return d.ok() > 0 && t.ok() > 0 ? 0 : 1;
        } finally {
            front.close();
        }
    }

    private static void row(PrintStream out, String label, LoadResult r) {
        out.printf(Locale.ROOT, "%-10s %12.0f %10.3f %10.3f %9.2f%%%n", label, r.throughput(), r.latency().p50(), r.latency().p99(), 100 * r.successRate());
    }
}
