package dev.switchboard.mcp;

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

/**
 * The lookup every {@code tools/call} does before it validates: the tool by name in the server's
 * {@link Registry}, a copy-on-write map read without a lock. The names cycle through every
 * registered tool, and are fresh strings (their hash not cached), as a name just decoded off the
 * wire is.
 *
 * <p>In the {@code mcp} package (in the benchmarks module) because {@link Registry} is
 * package-private.
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

    private final Registry registry = new Registry();
    private final char[][] names = new char[NAMES][];
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < tools; i++)
            registry.add(new Registry.RegisteredTool(Tools.Tool.withoutArguments("tool_" + i, "tool " + i), null, null, (args, c) -> null, MirroredHeaders.NONE));
        for (int i = 0; i < NAMES; i++) names[i] = ("tool_" + (i * 7919 % tools)).toCharArray();
        for (char[] name : names)
            if (registry.tool(new String(name)) == null) throw new IllegalStateException("no tool " + new String(name));
    }

    @Benchmark
    public Object toolLookup() {
        next = (next + 1) & (NAMES - 1);
        return registry.tool(new String(names[next]));
    }
}
