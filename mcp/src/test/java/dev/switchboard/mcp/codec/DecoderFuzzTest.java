package dev.switchboard.mcp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.switchboard.mcp.protocol.JsonRpc;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random byte mutations of valid messages: the decoder must always return a result, never throw,
 * and never fall back to its internal-error branch (which would mean an unexpected exception).
 * Seeded, so a failure reproduces: the seed is in the test name.
 */
class DecoderFuzzTest {

    private static final List<byte[]> SEEDS = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_weather\",\"arguments\":{\"location\":\"New York\"},\"_meta\":{\"progressToken\":\"p1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"roots\":{\"listChanged\":true},\"sampling\":{},\"elicitation\":{\"form\":{}}},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"code_review\"},\"argument\":{\"name\":\"language\",\"value\":\"py\"},\"context\":{\"arguments\":{\"a\":\"b\"}}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"sampling/createMessage\",\"params\":{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"},{\"type\":\"tool_result\",\"toolUseId\":\"x\",\"content\":[]}]}],\"maxTokens\":100}}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"elicitation/create\",\"params\":{\"mode\":\"url\",\"message\":\"m\",\"elicitationId\":\"e\",\"url\":\"https://x\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":7,\"progress\":0.5,\"total\":1}}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"result\":{\"role\":\"assistant\",\"content\":{\"type\":\"image\",\"data\":\"AA==\",\"mimeType\":\"image/png\"},\"model\":\"m\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\",\"data\":[1,{\"a\":null}]}}",
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}]",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///\\u00e9\\ud83d\\ude00\"}}")
            .stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();

    private static final byte[] INTERESTING = "{}[]\":,0-9.eE\\ntfu\u0000 ".getBytes(StandardCharsets.UTF_8);

    private final JsonRpcCodec codec = JsonRpcCodec.create();

    static LongStream seeds() {
        return LongStream.range(0, 64).map(i -> 0x5eed_0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void decode_mutatedMessages_alwaysReturnsAResult(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 300; round++) {
            byte[] input = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            assertThatCode(() -> {
                Decoded decoded = codec.decode(input);
                assertThat(decoded).isNotNull();
                assertNoInternalError(decoded, input);
            }).as("seed %d round %d input %s", seed, round, new String(input, StandardCharsets.UTF_8))
                    .doesNotThrowAnyException();
        }
    }

    private static void assertNoInternalError(Decoded decoded, byte[] input) {
        if (decoded instanceof Decoded.Failure failure) {
            assertThat(failure.code()).as("decoder fell into its catch-all for %s: %s",
                    new String(input, StandardCharsets.UTF_8), failure.message()).isNotEqualTo(JsonRpc.INTERNAL_ERROR);
        } else if (decoded instanceof Decoded.Batch batch) {
            batch.messages().forEach(message -> assertNoInternalError(message, input));
        }
    }

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] bytes = original.clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            switch (random.nextInt(5)) {
                case 0 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                case 1 -> bytes[random.nextInt(bytes.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> bytes = cut(bytes, random.nextInt(bytes.length), random.nextInt(1, 8));
                case 3 -> bytes = duplicate(bytes, random.nextInt(bytes.length), random.nextInt(1, 16));
                default -> bytes = java.util.Arrays.copyOf(bytes, Math.max(1, random.nextInt(bytes.length + 1)));
            }
            if (bytes.length == 0) {
                return bytes;
            }
        }
        return bytes;
    }

    private static byte[] cut(byte[] bytes, int from, int length) {
        int end = Math.min(bytes.length, from + length);
        byte[] out = new byte[bytes.length - (end - from)];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(bytes, end, out, from, bytes.length - end);
        return out;
    }

    private static byte[] duplicate(byte[] bytes, int from, int length) {
        int end = Math.min(bytes.length, from + length);
        byte[] out = new byte[bytes.length + (end - from)];
        System.arraycopy(bytes, 0, out, 0, end);
        System.arraycopy(bytes, from, out, end, bytes.length - from);
        return out;
    }
}
