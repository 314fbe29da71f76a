package dev.switchboard.examples;

import static dev.switchboard.examples.EverythingToolsTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * tools-call-with-logging and tools-call-with-progress: the suite reads the notifications it
 * collected the instant the result arrives, so they must all precede the response on the request's
 * own stream (what {@link RecordingExchange#sent} records in order).
 */
class EverythingProgressAndLoggingTest {
    private static final McpServer SERVER = EverythingServer.create();

    private final InProcessClient client = InProcessClient.connect(SERVER);

    @AfterEach
    void disconnect() {
        client.close();
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void toolWithLogging_afterSetLevelDebug_sendsThreeInfoLogsBeforeItsResult() {
        client.result("logging/setLevel", "{\"level\":\"debug\"}");
        RecordingExchange call = client.send("tools/call", "{\"name\":\"test_tool_with_logging\",\"arguments\":{}}");
        List<JsonNode> logs = call.related("notifications/message");
        assertThat(logs).extracting(n -> n.at("/params/data").asString())
                .containsExactly("Tool execution started", "Tool processing data", "Tool execution completed");
        assertThat(logs).allSatisfy(n -> assertThat(n.at("/params/level").asString()).isEqualTo("info"));
        assertThat(call.sent.getLast()).isSameAs(call.await());
        assertThat(text(call.await().get("result"))).isEqualTo("Tool with logging executed successfully");
    }

    @Test
    void toolWithLogging_levelAboveInfo_sendsNoLogs() {
        client.result("logging/setLevel", "{\"level\":\"error\"}");
        RecordingExchange call = client.send("tools/call", "{\"name\":\"test_tool_with_logging\",\"arguments\":{}}");
        assertThat(call.related("notifications/message")).isEmpty();
        assertThat(text(call.await().get("result"))).isEqualTo("Tool with logging executed successfully");
    }

    @Test
    void toolWithProgress_stringToken_reportsZeroFiftyHundredThenAnswersTheToken() {
        RecordingExchange call = client.send("tools/call",
                "{\"name\":\"test_tool_with_progress\",\"arguments\":{},\"_meta\":{\"progressToken\":\"progress-test-1\"}}");
        List<JsonNode> progress = call.related("notifications/progress");
        assertThat(progress).hasSize(3).allSatisfy(n -> {
            assertThat(n.at("/params/progressToken").isString()).isTrue();
            assertThat(n.at("/params/progressToken").asString()).isEqualTo("progress-test-1");
            assertThat(n.at("/params/total").asDouble()).isEqualTo(100.0);
        });
        assertThat(progress).extracting(n -> n.at("/params/progress").asDouble()).containsExactly(0.0, 50.0, 100.0);
        assertThat(progress).extracting(n -> n.at("/params/message").asString())
                .containsExactly("Completed step 0 of 100", "Completed step 50 of 100", "Completed step 100 of 100");
        assertThat(call.sent).hasSize(4);
        assertThat(call.sent.getLast()).isSameAs(call.await());
        assertThat(text(call.await().get("result"))).isEqualTo("progress-test-1");
    }

    @Test
    void toolWithProgress_numericToken_isEchoedAsNumberAndAnsweredAsText() {
        RecordingExchange call = client.send("tools/call", "{\"name\":\"test_tool_with_progress\",\"_meta\":{\"progressToken\":7}}");
        List<JsonNode> progress = call.related("notifications/progress");
        assertThat(progress).extracting(n -> n.at("/params/progressToken").asLong()).containsExactly(7L, 7L, 7L);
        assertThat(progress).extracting(n -> n.at("/params/progress").asDouble()).isSorted().doesNotHaveDuplicates();
        assertThat(text(call.await().get("result"))).isEqualTo("7");
    }

    @Test
    void toolWithProgress_withoutToken_sendsNoProgress() {
        RecordingExchange call = client.send("tools/call", "{\"name\":\"test_tool_with_progress\",\"arguments\":{}}");
        assertThat(call.related).isEmpty();
        assertThat(text(call.await().get("result"))).isEqualTo("No progress token provided");
    }
}
