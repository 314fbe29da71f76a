package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.JsonRpc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits on replaying a sealed {@code requestState} (docs/security.md): it opens only for the
 * request it was issued for and only until its TTL runs out.
 */
class RequestStatesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RequestStates at(Instant now) {
        return new RequestStates("a-secret-of-some-length", Duration.ofMinutes(10), Clock.fixed(now, ZoneOffset.UTC), JSON);
    }

    @Test
    void open_withinItsTtl_givesBackTheAnswersAndTheAskedKeys() {
        String state = at(T0).seal("tools/call", "t", Map.of("a", JSON.getNodeFactory().stringNode("x")), Set.of("b"));
        RequestStates.Opened opened = at(T0.plus(Duration.ofMinutes(9))).open(state, "tools/call", "t");
        assertThat(opened.answers()).containsOnlyKeys("a");
        assertThat(opened.asked()).containsExactly("b");
    }

    @Test
    void open_afterItsTtl_isInvalidParamsSayingItExpired() {
        String state = at(T0).seal("tools/call", "t", Map.of(), Set.of("b"));
        McpException e = catchThrowableOfType(McpException.class, () -> at(T0.plus(Duration.ofMinutes(11))).open(state, "tools/call", "t"));
        assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(e.getMessage()).contains("expired");
    }

    @Test
    void open_forAnotherToolOrMethod_isInvalidParamsNamingBoth() {
        String state = at(T0).seal("tools/call", "t", Map.of(), Set.of("b"));
        McpException tool = catchThrowableOfType(McpException.class, () -> at(T0).open(state, "tools/call", "other"));
        assertThat(tool.getMessage()).contains("belongs to another request", "'t'", "'other'");
        McpException method = catchThrowableOfType(McpException.class, () -> at(T0).open(state, "prompts/get", "t"));
        assertThat(method.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
    }
}
