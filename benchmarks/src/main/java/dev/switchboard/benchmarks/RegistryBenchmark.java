package dev.switchboard.benchmarks;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Tools;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The lookup every {@code tools/call} does before it validates: the tool by name in the server's
 * registry, a copy-on-write map read without a lock, reached through {@link McpServer#tool}. The
 * names cycle through every registered tool, and are fresh strings (their hash not cached), as a
 * name just decoded off the wire is.
 *
 * <pre>
 * ./sb bench mcp --only RegistryBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RegistryBenchmark {
    static final int NAMES = 64;

    @Param({"16", "256"})
    public int tools;

    private McpServer server;
    private final char[][] names = new char[NAMES][];
    private int next;

    @Setup
    public void setUp() {
        McpServer.Builder builder = McpServer.builder("registry-benchmark", "1");
        for (int i = 0; i < tools; i++)
            builder.tool(Tools.Tool.withoutArguments("tool_" + i, "tool " + i), (args, c) -> null);
        server = builder.build();
        for (int i = 0; i < NAMES; i++) names[i] = ("tool_" + (i * 7919 % tools)).toCharArray();
        for (char[] name : names)
            if (server.tool(new String(name)) == null) throw new IllegalStateException("no tool " + new String(name));
    }

    @TearDown
    public void tearDown() {
        server.close();
    }

    @Benchmark
    public Object toolLookup() {
        next = (next + 1) & (NAMES - 1);
        return server.tool(new String(names[next]));
    }
}
