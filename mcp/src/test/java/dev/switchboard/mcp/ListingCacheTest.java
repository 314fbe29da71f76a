package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.SessionHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The cache of rendered listing pages: repeated listings are hits, and any change of the catalogue is seen at once. */
class ListingCacheTest {
    private final McpServer server = McpServer.builder("cached", "1.0")
            .tool("a", "first", Map.class, x -> "a")
            .prompt("p", "a prompt", List.of(), (args, ctx) -> "text")
            .build();
    private int ids;

    @AfterEach
    void close() {
        server.close();
    }

    private Session session() {
        Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
        call(s, "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}");
        return s;
    }

    private JsonNode call(Session s, String method, String params) {
        String json = "{\"jsonrpc\":\"2.0\",\"id\":" + (++ids) + ",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}";
        RecordingExchange ex = new RecordingExchange();
        s.handle(server.codec().decode(json), ex);
        return ex.await();
    }

    private List<String> toolNames(Session s) {
        return call(s, "tools/list", null).at("/result/tools").valueStream().map(t -> t.get("name").asString()).toList();
    }

    @Test
    void listTools_repeated_isServedFromTheCache() {
        Session s = session();
        assertThat(toolNames(s)).containsExactly("a");
        long misses = server.listingCache().misses();
        assertThat(toolNames(s)).containsExactly("a");
        assertThat(toolNames(s)).containsExactly("a");
        assertThat(server.listingCache().hits()).isGreaterThanOrEqualTo(2);
        assertThat(server.listingCache().misses()).isEqualTo(misses);
    }

    @Test
    void listTools_afterAToolIsAddedOrRemoved_showsTheChangeAtOnce() {
        Session s = session();
        assertThat(toolNames(s)).containsExactly("a");
        assertThat(toolNames(s)).containsExactly("a");
        server.addTool(new Tools.Tool("b", null, "second", tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "object"), null, null, null, null, null), (args, ctx) -> "b");
        assertThat(toolNames(s)).containsExactly("a", "b");
        server.removeTool("a");
        assertThat(toolNames(s)).containsExactly("b");
    }

    @Test
    void listPrompts_afterAPromptIsRemoved_showsTheChange() {
        Session s = session();
        assertThat(call(s, "prompts/list", null).at("/result/prompts").size()).isEqualTo(1);
        assertThat(call(s, "prompts/list", null).at("/result/prompts").size()).isEqualTo(1);
        server.removePrompt("p");
        assertThat(call(s, "prompts/list", null).at("/result/prompts").size()).isZero();
    }
}
