package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.mcp.protocol.JsonRpc;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes what a client can hand back sealed: list cursors and {@code requestState}. Whatever the
 * text, decoding either opens a state this server sealed or refuses with -32602 naming the
 * problem; it never throws anything else, and a forged text never opens. The seeds include a real
 * cursor and a real state (sealed under a fixed clock, so they stay valid), so the fuzzer mutates
 * from valid ones.
 */
class SealedStateFuzzTest {
    private static final String SECRET = "fuzzing-secret-of-some-length";
    private static final Cursor CURSORS = Cursor.forSecret(SECRET);
    private static final RequestStates STATES = new RequestStates(SECRET, Duration.ofMinutes(10), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), JsonMapper.builder().build());
    private static final String VALID_CURSOR = CURSORS.encode(7, 42);
    private static final String VALID_STATE = STATES.seal("tools/call", "t", Map.of(), Set.of("k"));

    @FuzzTest(maxDuration = "10s")
    void cursorDecode_anyText_opensOrIsInvalidParams(byte[] input) {
        String cursor = new String(input, StandardCharsets.UTF_8);
        try {
            Cursor.Position position = CURSORS.decode(cursor);
            assertThat(position.offset()).isNotNegative();
            // a 64-bit tag cannot be guessed by a fuzzer: whatever opens is the one cursor the seeds hold
            // (possibly spelled differently: padding and unused bits are base64's, not ours)
            assertThat(position).isEqualTo(new Cursor.Position(7, 42));
        } catch (McpException e) {
            assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(e.getMessage()).startsWith("Invalid cursor: ");
        }
    }

    @FuzzTest(maxDuration = "10s")
    void requestStateOpen_anyText_opensOrIsInvalidParams(byte[] input) {
        String state = new String(input, StandardCharsets.UTF_8);
        try {
            RequestStates.Opened opened = STATES.open(state, "tools/call", "t");
            assertThat(opened.answers()).isEmpty();
            assertThat(opened.asked()).containsExactly("k");
        } catch (McpException e) {
            assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
            assertThat(e.getMessage()).startsWith("Invalid params: requestState");
        }
    }

    /** The valid texts the seed files hold, for whoever regenerates them. */
    static String[] validSeeds() {
        return new String[] {VALID_CURSOR, VALID_STATE};
    }
}
