package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.SessionHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.kernel.RouteMatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The kernel's router decides where a request goes: each tool is a route of its own. */
class FeatureRoutesTest {
    private final McpServer server = McpServer.builder("routes", "1.0")
            .tool(Tools.Tool.withoutArguments("echo", "Echoes"), (ObjectNode a, Context c) -> "echo")
            .build();
    private long ids;

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void register_everyTool_hasItsOwnRouteInTheKernel() {
        assertThat(server.kernel().router().match("tools://call/echo")).isInstanceOfSatisfying(RouteMatch.Found.class,
                f -> assertThat(f.route().handler()).isInstanceOf(LocalTarget.class));
        assertThat(server.kernel().router().match("tools://call/nope")).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void toolsCall_toolAddedThenRemovedAtRunTime_isRoutedThenUnknown() {
        Session s = session();
        server.addTool(Tools.Tool.withoutArguments("late", "Added later"), (a, c) -> "late answer");
        assertThat(call(s, "late").at("/result/content/0/text").asString()).isEqualTo("late answer");
        assertThat(server.removeTool("late")).isTrue();
        JsonNode gone = call(s, "late");
        assertThat(gone.at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(gone.at("/error/message").asString()).isEqualTo("Unknown tool: 'late'");
        assertThat(call(s, "echo").at("/result/content/0/text").asString()).isEqualTo("echo");
    }

    @Test
    void toolsCall_nameThatIsNoPath_isAnUnknownToolNotAnInternalError() {
        Session s = session();
        for (String name : new String[] {"*", "a//b", "{x}", "../echo", ""}) {
            JsonNode answer = call(s, name);
            assertThat(answer.at("/error/code").asInt()).as(name).isEqualTo(JsonRpc.INVALID_PARAMS);
        }
    }

    @Test
    void build_toolNameARouteCannotCarry_isRefusedNamingIt() {
        assertThatThrownBy(() -> McpServer.builder("bad", "1").tool(Tools.Tool.withoutArguments("x/{y}", "bad"), (ObjectNode a, Context c) -> "").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tool name 'x/{y}'");
    }

    @Test
    void ledger_afterUnknownAndKnownCalls_balances() {
        Session s = session();
        call(s, "echo");
        call(s, "nope");
        assertThat(server.kernel().ledger().balanced()).isTrue();
    }

    private Session session() {
        Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
        send(s, "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}");
        return s;
    }

    private JsonNode call(Session s, String tool) {
        return send(s, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":{}}");
    }

    private JsonNode send(Session s, String method, String params) {
        RecordingExchange ex = new RecordingExchange();
        s.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":" + (++ids) + ",\"method\":\"" + method + "\",\"params\":" + params + "}"), ex);
        return ex.await();
    }
}
