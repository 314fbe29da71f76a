package dev.switchboard.benchmarks;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A whole request inside the server, without the network: the bytes a transport would hand over
 * go through {@link JsonRpcCodec#decode}, an initialized {@link ServerSession}, the dispatcher and
 * the kernel (admission, route {@code tools://call/add}, a virtual thread for the handler), the
 * tool's input validation and the response encoding, until the {@link Exchange} gets the response
 * bytes. The same for {@code resources/read} of a fixed text resource. What remains for a real
 * request is the transport: HTTP parsing and the socket.
 *
 * <p>Each call carries its own id (the session refuses an id still in flight); the ids cycle
 * through {@value #IDS} prebuilt requests, long after each one finished.
 *
 * <pre>
 * ./sb bench mcp --only McpCallBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class McpCallBenchmark {
    static final int IDS = 1024;
    static final String RESOURCE = "bench://greeting";

    /** The tool's arguments, as a record: its schema is generated and compiled at registration. */
    public record Add(double a, double b) {}

    private McpServer server;
    private ServerSession session;
    private JsonRpcCodec codec;
    private final byte[][] toolCalls = new byte[IDS][];
    private final byte[][] resourceReads = new byte[IDS][];
    private int next;

    @Setup
    public void setUp() {
        server = McpServer.builder("bench", "1.0.0")
                .tool("add", "Adds two numbers", Add.class, a -> String.valueOf((long) (a.a() + a.b())))
                .resource(RESOURCE, "greeting", "A fixed text", "text/plain", (uri, vars, c) -> "hello")
                .build();
        codec = server.codec();
        if (!(server.sessionHost().open("bench") instanceof SessionHost.Opened.Session opened))
            throw new IllegalStateException("no session");
        session = opened.session();
        call("""
                {"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}""");
        session.handle(codec.decode(bytes("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")), new Reply());
        for (int i = 0; i < IDS; i++) {
            toolCalls[i] = bytes("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}}}");
            resourceReads[i] = bytes("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"resources/read\",\"params\":{\"uri\":\"" + RESOURCE + "\"}}");
        }
        String sum = new String(toolCall(), StandardCharsets.UTF_8);
        String read = new String(resourceRead(), StandardCharsets.UTF_8);
        if (!sum.contains("\"text\":\"5\"") || sum.contains("isError\":true")) throw new IllegalStateException("tools/call answered " + sum);
        if (!read.contains("\"text\":\"hello\"")) throw new IllegalStateException("resources/read answered " + read);
    }

    @TearDown
    public void tearDown() {
        server.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] call(String request) {
        return call(bytes(request));
    }

    private byte[] call(byte[] request) {
        Reply reply = new Reply();
        session.handle(codec.decode(request), reply);
        return reply.await();
    }

    @Benchmark
    public byte[] toolCall() {
        next = (next + 1) & (IDS - 1);
        return call(toolCalls[next]);
    }

    @Benchmark
    public byte[] resourceRead() {
        next = (next + 1) & (IDS - 1);
        return call(resourceReads[next]);
    }

    /**
     * The exchange a transport would pass. The benchmark thread spins for the response instead of
     * parking: a transport does not block a thread per request (Netty gets a callback), so waking a
     * parked caller is the harness's cost, not the server's, and on a busy machine it can cost as
     * much as the call.
     */
    static final class Reply implements Exchange {
        private static final int SPINS = 1 << 12;

        private volatile byte[] response;
        private volatile boolean abandoned;

        /** Spins a while, then yields, so on an oversubscribed machine the handler's carrier thread gets the core. */
        byte[] await() {
            byte[] r;
            for (int spins = 0; (r = response) == null; spins++) {
                if (abandoned) throw new IllegalStateException("request abandoned");
                if (spins < SPINS) Thread.onSpinWait();
                else Thread.yield();
            }
            return r;
        }

        @Override
        public void send(byte[] message) {
            // the add tool and the resource send nothing before their response
        }

        @Override
        public void respond(byte[] bytes) {
            response = bytes;
        }

        @Override
        public void abandon() {
            abandoned = true;
        }

        @Override
        public Map<String, List<String>> headers() {
            return Map.of();
        }
    }
}
