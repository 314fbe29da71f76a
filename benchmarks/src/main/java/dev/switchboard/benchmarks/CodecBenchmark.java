package dev.switchboard.benchmarks;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Tools;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

/**
 * One small message each way, the commonest pair on the wire: decoding a {@code tools/call} request
 * and encoding its text result. Ours ({@link JsonRpcCodec}) decodes into the typed records a
 * handler gets ({@code Tools.CallToolParams}, arguments as a tree) and encodes a result record;
 * the peer, {@code jackson}, is plain Jackson databind to and from a {@code Map}, what a server
 * that "just parses JSON" does, and the SDK pattern STYLE.md warns about (a map, converted again
 * per method). The peer does strictly less work (no method table, no typed params, no envelope
 * checks), so a ratio near 1 is a good result.
 *
 * <pre>
 * ./sb bench codec
 * ./sb bench codec -p impl=switchboard --prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    static final byte[] REQUEST = """
            {"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}"""
            .getBytes(StandardCharsets.UTF_8);

    @Param({ResultTable.OURS, "jackson"})
    public String impl;

    private CodecUnderTest codec;

    /** Decode and encode behind one shape, so one benchmark method measures both implementations. */
    interface CodecUnderTest {
        Object decode(byte[] message);

        byte[] encodeResponse();
    }

    @Setup
    public void setUp() {
        codec = switch (impl) {
            case ResultTable.OURS -> ours();
            case "jackson" -> jackson();
            default -> throw new IllegalArgumentException("impl " + impl);
        };
        Object decoded = codec.decode(REQUEST);
        String response = new String(codec.encodeResponse(), StandardCharsets.UTF_8);
        if (!response.contains("\"text\":\"5\"") || !response.contains("\"id\":42"))
            throw new IllegalStateException(impl + " encodes " + response);
        if (decoded == null) throw new IllegalStateException(impl + " decodes nothing");
    }

    private static CodecUnderTest ours() {
        JsonRpcCodec jsonRpc = JsonRpcCodec.create();
        RequestId id = RequestId.of(42);
        Tools.CallToolResult result = Tools.CallToolResult.text("5");
        if (!(jsonRpc.decode(REQUEST) instanceof Decoded.Request r && r.params() instanceof Tools.CallToolParams call
                && call.name().equals("add") && call.arguments().path("b").asInt() == 3))
            throw new IllegalStateException("our codec does not decode a tools/call");
        return new CodecUnderTest() {
            @Override
            public Object decode(byte[] message) {
                return jsonRpc.decode(message);
            }

            @Override
            public byte[] encodeResponse() {
                return jsonRpc.encodeResult(id, result);
            }
        };
    }

    private static CodecUnderTest jackson() {
        JsonMapper mapper = JsonMapper.builder().build();
        Map<String, Object> response = Map.of("jsonrpc", "2.0", "id", 42,
                "result", Map.of("content", List.of(Map.of("type", "text", "text", "5"))));
        return new CodecUnderTest() {
            @Override
            public Object decode(byte[] message) {
                return mapper.readValue(message, Map.class);
            }

            @Override
            public byte[] encodeResponse() {
                return mapper.writeValueAsBytes(response);
            }
        };
    }

    @Benchmark
    public Object decode() {
        return codec.decode(REQUEST);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encodeResponse();
    }
}
