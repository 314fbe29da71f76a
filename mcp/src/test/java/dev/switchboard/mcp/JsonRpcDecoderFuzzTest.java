package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpc;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the JSON-RPC decoder (Jazzer). Whatever the bytes, {@code decode}
 * returns a verdict and never throws, never falls into its internal-error branch, reads a byte
 * array and the same text as a string to the same kind of verdict, and allocates within a budget
 * proportional to the input. {@link DecoderFuzzTest} keeps the seeded mutations beside it.
 *
 * <p>{@code ./sb test} replays the seeds in {@code JsonRpcDecoderFuzzTestInputs/}; {@code ./sb fuzz}
 * fuzzes (JAZZER_FUZZ=1).
 */
class JsonRpcDecoderFuzzTest {
    private static final JsonRpcCodec CODEC = JsonRpcCodec.create();

    static {
        // class loading and Jackson's first buffers are not the input's doing
        CODEC.decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":{}}}");
    }

    @FuzzTest(maxDuration = "10s")
    void decode_anyBytes_givesAVerdictWithinBudget(byte[] input) {
        long budget = 512 * 1024 + 64L * input.length;
        long start = AllocationBudget.now();
        Decoded fromBytes = CODEC.decode(input);
        if (AllocationBudget.now() - start > budget) {
            // the first pass down a new path loads (and instruments) classes on this thread: measure again
            start = AllocationBudget.now();
            CODEC.decode(input);
            AllocationBudget.check(start, budget, "decoding " + input.length + " bytes");
        }
        assertThat(fromBytes).isNotNull();
        assertNoInternalError(fromBytes);
        String text = new String(input, StandardCharsets.UTF_8);
        if (text.getBytes(StandardCharsets.UTF_8).length == input.length) {
            // valid UTF-8: the string path must agree with the byte path
            Decoded fromText = CODEC.decode(text);
            assertThat(fromText.getClass()).as(text).isEqualTo(fromBytes.getClass());
        }
    }

    private static void assertNoInternalError(Decoded decoded) {
        if (decoded instanceof Decoded.Failure failure) {
            assertThat(failure.code()).as(failure.message()).isNotEqualTo(JsonRpc.INTERNAL_ERROR);
        } else if (decoded instanceof Decoded.Batch batch) {
            batch.messages().forEach(JsonRpcDecoderFuzzTest::assertNoInternalError);
        }
    }
}
