package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.FrameRules;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * auth.confirmDestructive=always over real sockets, in both protocol eras: a session client is
 * asked through elicitation/create, a stateless one through an input_required round; the tool runs
 * only on a confirmation, and a refusal or a client that cannot be asked gets -32003 naming it.
 */
class DestructiveConfirmationTest {
    private final AtomicInteger runs = new AtomicInteger();
    private McpServer server;
    private StreamableHttpServer http;

    @BeforeEach
    void start() throws InterruptedException {
        Tools.Tool drop = Tools.Tool.of("drop_table", "Drops a table", JsonNodeFactory.instance.objectNode().put("type", "object"))
                .withAnnotations(new Tools.ToolAnnotations(null, false, true, null, null));
        server = McpServer.builder("confirm", "1.0").frames(FrameRules.defaults().withConfirmDestructive(FrameRules.Confirm.ALWAYS))
                .tool(drop, ObjectNode.class, (a, c) -> "dropped " + runs.incrementAndGet())
                .tool("count", "Counts (not destructive)", ObjectNode.class, (a, c) -> "counted")
                .build();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private McpClient client(String version, boolean elicitation, Elicitation.ElicitResult answer, List<String> asked) {
        McpClient.Builder b = McpClient.builder().protocolVersion(version).clientInfo("c-" + version, "1.0");
        if (elicitation) b.capabilities(ClientCapabilities.none().withElicitation()).onElicitation(p -> {
            asked.add(p.message());
            return answer;
        });
        McpClient c = b.http(URI.create("http://localhost:" + http.port() + "/mcp"));
        c.initialize();
        return c;
    }

    private static Elicitation.ElicitResult confirm(boolean yes) {
        return Elicitation.ElicitResult.accept(JsonNodeFactory.instance.objectNode().put("confirm", yes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void destructiveTool_confirmed_runsOnce_andAPlainToolIsNotAsked(String version) {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (McpClient c = client(version, true, confirm(true), asked)) {
            assertThat(((Content.Text) c.callTool("drop_table", Map.of()).content().getFirst()).text()).isEqualTo("dropped 1");
            assertThat(asked).singleElement().asString().contains("drop_table", "destructive");
            assertThat(((Content.Text) c.callTool("count", Map.of()).content().getFirst()).text()).isEqualTo("counted");
            assertThat(asked).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void destructiveTool_declinedOrUnconfirmed_isAnErrorNamingIt_andDoesNotRun(String version) {
        for (Elicitation.ElicitResult answer : List.of(Elicitation.ElicitResult.decline(), confirm(false))) {
            try (McpClient c = client(version, true, answer, new CopyOnWriteArrayList<>())) {
                McpException e = catchThrowableOfType(McpException.class, () -> c.callTool("drop_table", Map.of()));
                assertThat(e.error().code()).isEqualTo(-32003);
                assertThat(e.error().message()).contains("'drop_table'", "did not run");
                JsonNode data = e.error().data();
                assertThat(data.get("tool").asString()).isEqualTo("drop_table");
                // the session (or endpoint) goes on
                assertThat(((Content.Text) c.callTool("count", Map.of()).content().getFirst()).text()).isEqualTo("counted");
            }
        }
        assertThat(runs).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void destructiveTool_clientWithoutElicitation_isToldConfirmationIsRequiredAndHow(String version) {
        try (McpClient c = client(version, false, null, List.of())) {
            McpException e = catchThrowableOfType(McpException.class, () -> c.callTool("drop_table", Map.of()));
            assertThat(e.error().code()).isEqualTo(-32003);
            assertThat(e.error().message()).contains("Confirmation required", "'drop_table'", "auth.confirmDestructive=always", "elicitation capability");
        }
        assertThat(runs).hasValue(0);
    }
}
