package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzed bytes on stdin of the stdio transport, with a small line cap so over-long lines are
 * exercised too. Whatever arrives, {@code run()} returns at end of input, and what it wrote is
 * newline-delimited JSON-RPC: one JSON object per line, never a torn or interleaved line, never
 * an internal error for the client's bad input. The engine is {@link SyncHost}, so no input waits
 * on a handler.
 */
class StdioLineFuzzTest {
    private static final int MAX_LINE = 1_024;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonRpcCodec CODEC = JsonRpcCodec.create();
    private static final SyncHost HOST = new SyncHost();

    @FuzzTest(maxDuration = "10s")
    void anyInput_isAnsweredLineByLine(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StdioTransport(HOST, CODEC, new ByteArrayInputStream(input), out, MAX_LINE, 2_000).run();
        String written = out.toString(StandardCharsets.UTF_8);
        if (written.isEmpty()) return;
        assertThat(written).endsWith("\n");
        for (String line : written.split("\n")) {
            JsonNode message = JSON.readTree(line);
            assertThat(message.isObject()).as(line).isTrue();
            assertThat(message.path("jsonrpc").asString()).as(line).isEqualTo("2.0");
            assertThat(message.path("error").path("code").asInt(0)).as(line).isNotEqualTo(-32603);
        }
    }
}
