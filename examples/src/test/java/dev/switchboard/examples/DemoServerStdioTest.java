package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.Tools;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo server through the real stdio transport loop, with our own client. */
class DemoServerStdioTest {
    private static String text(Tools.CallToolResult r) {
        return ((Content.Text) r.content().getFirst()).text();
    }

    @Test
    void demoTools_answerAsDocumented() throws Exception {
        McpServer server = Examples.create("demo", McpServer.builder("demo", "1"));
        Pipe toServer = Pipe.open(), toClient = Pipe.open();
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                new dev.switchboard.transport.StdioTransport(server.sessionHost(), server.codec(), Channels.newInputStream(toServer.source()), Channels.newOutputStream(toClient.sink())).run();
            } catch (IOException ignored) {
            }
        });
        try (McpClient client = McpClient.stdio(Channels.newInputStream(toClient.source()), Channels.newOutputStream(toServer.sink()))) {
            client.initialize();
            assertThat(client.listTools()).extracting(Tools.Tool::name).contains("add", "echo", "now", "uuid", "sha256");
            assertThat(text(client.callTool("add", Map.of("a", 2, "b", 3)))).isEqualTo("5");
            assertThat(text(client.callTool("add", Map.of("a", 0.5, "b", 0.25)))).isEqualTo("0.75");
            assertThat(text(client.callTool("echo", Map.of("text", "hi")))).isEqualTo("hi");
            assertThat(text(client.callTool("sha256", Map.of("text", "abc")))).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            assertThat(text(client.callTool("now", Map.of("zone", "Europe/Paris")))).contains("[Europe/Paris]");
            assertThat(client.callTool("now", Map.of("zone", "Mars/Olympus")).isError()).isTrue();
            var info = (ResourceContents.Text) client.readResource("switchboard://server/info").contents().getFirst();
            assertThat(info.text()).contains("\"sessions\":1");
        } finally {
            toServer.sink().close();
            serving.join(5_000);
            server.close();
        }
    }
}
