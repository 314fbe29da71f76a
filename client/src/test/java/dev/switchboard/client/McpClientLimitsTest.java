package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link McpClient.Builder#maxMessageBytes}: an answer over the limit fails its call at once, is reported, and the session goes on. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class McpClientLimitsTest {
    static final int LIMIT = 16 * 1024;
    private final McpServer server = McpServer.builder("limits", "1.0")
            .tool("big", "Answers with 50 KB", Map.class, a -> "x".repeat(50_000))
            .tool("small", "Answers with a word", Map.class, a -> "small")
            .build();
    private final List<McpClientException> refused = new CopyOnWriteArrayList<>();

    @Test
    void callTool_stdioAnswerOverLimit_tooLargeWithItsSizeAndTheNextCallAnswered() {
        try (StdioPipes pipes = new StdioPipes(server);
             McpClient client = McpClient.builder().maxMessageBytes(LIMIT).onRefused(refused::add).stdio(pipes.clientIn, pipes.clientOut)) {
            client.initialize();
            assertThatThrownBy(() -> client.callTool("big", Map.of())).isInstanceOf(McpClientException.class)
                    .hasMessageMatching("the server sent a message of 500\\d\\d bytes answering request \\d+, over the limit of 16384 bytes; it was skipped")
                    .extracting(e -> ((McpClientException) e).reason()).isEqualTo(McpClientException.Reason.TOO_LARGE);
            assertThat(((Content.Text) client.callTool("small", Map.of()).content().getFirst()).text()).isEqualTo("small");
            assertThat(refused).singleElement().extracting(McpClientException::reason).isEqualTo(McpClientException.Reason.TOO_LARGE);
        }
    }

    @Test
    void callTool_httpClientAnswerOverLimit_refusedUnreadAndTheSessionGoesOn() throws Exception {
        try (StreamableHttpServer http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
             McpClient client = McpClient.builder().maxMessageBytes(LIMIT).onRefused(refused::add)
                     .http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"))) {
            client.initialize();
            assertThatThrownBy(() -> client.callTool("big", Map.of())).isInstanceOf(McpClientException.class)
                    .hasMessageContaining("over the limit of 16384 bytes")
                    .extracting(e -> ((McpClientException) e).reason()).isEqualTo(McpClientException.Reason.TOO_LARGE);
            assertThat(((Content.Text) client.callTool("small", Map.of()).content().getFirst()).text()).isEqualTo("small");
            assertThat(refused).hasSize(1);
        }
    }
}
