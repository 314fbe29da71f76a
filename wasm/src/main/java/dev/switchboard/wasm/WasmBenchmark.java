package dev.switchboard.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./sb bench wasm}: the compute-bound example tool ({@code wasm/examples/primes.wat}, built
 * from source here) against the same algorithm in Java, and what an instance costs per call.
 * Goals (issue 18): a WebAssembly call at most 3× Java's time; instantiation per call under 1 ms.
 * It prints medians and PASS/MISS; it is a measurement, not a test.
 */
public final class WasmBenchmark {
    private static final long N = 200_000;

    private WasmBenchmark() {}

    /** Runs the benchmark; {@code true} when both goals are met. */
    public static boolean run(boolean quick, Path root, PrintStream out) throws IOException, InterruptedException {
        int rounds = quick ? 30 : 200;
        int warmup = quick ? 300 : 2_000;
        Path dir = Files.createTempDirectory("sb-bench-wasm");
        Path wasm = dir.resolve("primes.wasm");
        out.println("sb bench wasm: building " + root.resolve("wasm/examples/primes.wat") + " with wat2wasm (on Chicory)");
        WatCompiler.load().compile(root.resolve("wasm/examples/primes.wat"), wasm);
        Files.copy(root.resolve("wasm/examples/primes.json"), dir.resolve("primes.json"));
        ObjectMapper json = JsonMapper.builder().build();
        WasmSettings settings = WasmSettings.of(dir).withWatch(false).withTimeoutMs(60_000);
        long compileStart = System.nanoTime();
        CompiledTool tool = CompiledTool.load(wasm, Files.readAllBytes(wasm), ToolManifest.read(wasm, json), settings, json);
        long compileNanos = System.nanoTime() - compileStart;

        ObjectNode args = json.createObjectNode().put("n", N);
        long expected = javaPrimes(N);
        PooledInstance direct = tool.lease();
        ExportFunction countPrimes = direct.export("count_primes");
        if (countPrimes.apply(N)[0] != expected) throw new IllegalStateException("WebAssembly and Java disagree on primes up to " + N);

        for (int i = 0; i < warmup / 10; i++) {
            blackhole(javaPrimes(N));
            blackhole(countPrimes.apply(N)[0]);
            tool.call(args);
        }
        double javaMs = median(rounds, () -> blackhole(javaPrimes(N)));
        double wasmComputeMs = median(rounds, () -> blackhole(countPrimes.apply(N)[0]));
        double wasmCallMs = median(rounds, () -> {
            if (tool.call(args).failed()) throw new IllegalStateException("the primes tool failed");
        });
        for (int i = 0; i < warmup; i++) tool.release(tool.lease());
        double pooledMs = median(warmup, () -> tool.release(tool.lease()));
        double freshMs = median(quick ? 50 : 300, () -> blackhole(tool.newInstance()));

        double ratio = wasmCallMs / javaMs;
        boolean speed = ratio <= 3.0;
        boolean instance = pooledMs < 1.0;
        out.printf("module compiled to JVM bytecode once:            %8.1f ms%n", compileNanos / 1e6);
        out.printf("primes up to %,d (%d primes), median of %d:%n", N, expected, rounds);
        out.printf("  Java, same algorithm:                          %8.3f ms%n", javaMs);
        out.printf("  WebAssembly, exported function alone:          %8.3f ms  (%.2f× Java)%n", wasmComputeMs, wasmComputeMs / javaMs);
        out.printf("  WebAssembly tool call (JSON in, _start, out):  %8.3f ms  (%.2f× Java)%n", wasmCallMs, ratio);
        out.printf("instance per call, from the pool (take + reset): %8.4f ms%n", pooledMs);
        out.printf("instance built fresh (for comparison):           %8.4f ms%n", freshMs);
        out.printf("goal: tool call <= 3x Java ............ %s (%.2fx)%n", speed ? "PASS" : "MISS", ratio);
        out.printf("goal: instantiation per call < 1 ms ... %s (%.4f ms)%n", instance ? "PASS" : "MISS", pooledMs);
        return speed && instance;
    }

    /** The Java twin of {@code count_primes} in primes.wat: trial division by odd divisors. */
    static long javaPrimes(long n) {
        if (n < 2) return 0;
        long count = 1;
        for (long p = 3; p <= n; p += 2) {
            boolean prime = true;
            for (long d = 3; d * d <= p; d += 2) {
                if (p % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) count++;
        }
        return count;
    }

    private static volatile Object sink;

    private static void blackhole(Object o) {
        sink = o;
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private static double median(int rounds, Body body) throws InterruptedException {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            try {
                body.run();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos[rounds / 2] / 1e6;
    }
}
