package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.kernel.AutotuneSettings;
import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.spi.SessionHost;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AdaptiveAdmissionTest {
    @Test
    void toolsCall_pastTheAdaptiveLimit_answersMinus32000WithRetryAfterMs() {
        AutotuneSettings one = AutotuneSettings.defaults().withEnabled(true).withBounds(1, 1, 1);
        Kernel kernel = Kernel.create(KernelConfig.defaults().withAutotune(one));
        CountDownLatch release = new CountDownLatch(1);
        McpServer busy = McpServer.builder("busy", "1").kernel(kernel)
                .tool("hold", "holds", ObjectNode.class, (a, c) -> { release.await(); return "done"; }).build();
        try {
            Session s = (Session) ((SessionHost.Opened.Session) busy.sessionHost().open("t")).session();
            s.handle(busy.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}"), new RecordingExchange());
            RecordingExchange first = new RecordingExchange();
            s.handle(busy.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}"), first);
            RecordingExchange second = new RecordingExchange();
            s.handle(busy.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}"), second);
            JsonNode refused = second.await();
            assertThat(refused.at("/error/code").asInt()).isEqualTo(-32000);
            assertThat(refused.at("/error/message").asString()).contains("overloaded", "adaptive limit of 1");
            long retryAfter = refused.at("/error/data/retryAfterMs").asLong();
            assertThat(retryAfter).isBetween(10L, 1_000L);
            assertThat(refused.at("/error/message").asString()).contains("retry after " + retryAfter + " ms");
            release.countDown();
            assertThat(first.await().at("/result/content/0/text").asString()).isEqualTo("done");
        } finally {
            busy.close();
            kernel.close();
        }
    }
}
