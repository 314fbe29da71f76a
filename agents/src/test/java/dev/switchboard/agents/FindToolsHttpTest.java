package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.RequestObserver;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** find_tools and the compact tools/list on a real HTTP server (port 0), stateless era. */
class FindToolsHttpTest {
    static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static McpServer server;
    private static StreamableHttpServer http;
    private static FindTools findTools;
    private static URI uri;

    @BeforeAll
    static void start() throws Exception {
        ToolUsage usage = new ToolUsage();
        McpServer.Builder b = McpServer.builder("catalogue", "1").observer(usage.observing(RequestObserver.NONE));
        for (Tools.Tool t : ToolCatalogue.TOOLS) b.tool(t, (args, ctx) -> "ran " + t.name());
        server = b.build();
        findTools = FindTools.attach(server, ToolSearch.create(CachedEmbedder.MINI_LM), usage, ToolSearchSettings.defaults().withCompact(true).withListedTools(2));
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        uri = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
    }

    @AfterAll
    static void stop() {
        findTools.close();
        findTools.search().close();
        http.close();
        server.close();
    }

    private static JsonNode post(String method, String name, String params) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"));
        if (name != null) b.header("Mcp-Name", name);
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode call(String tool, String arguments) throws Exception {
        return post("tools/call", tool, "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "," + META + "}").get("result");
    }

    private static List<String> listed() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode t : post("tools/list", null, "{" + META + "}").get("result").get("tools")) names.add(t.get("name").asString());
        return names;
    }

    @Test
    void findTools_paraphrasedQuery_returnsTheMeantToolWithDescriptionAndScore() throws Exception {
        JsonNode result = call("find_tools", "{\"query\":\"will it rain in Paris this weekend\",\"limit\":3}");
        JsonNode tools = result.get("structuredContent").get("tools");
        assertThat(tools).hasSize(3);
        assertThat(tools.get(0).get("name").asString()).isEqualTo("weather.get_forecast");
        assertThat(tools.get(0).get("description").asString()).contains("weather forecast");
        assertThat(tools.get(0).get("score").asDouble()).isBetween(0.5, 1.0);
    }

    @Test
    void compactListing_showsFindToolsAndTheMostUsed_hiddenToolsStayCallable() throws Exception {
        assertThat(listed()).first().isEqualTo("find_tools");
        assertThat(call("db.query", "{\"sql\":\"select 1\"}").get("content").get(0).get("text").asString()).isEqualTo("ran db.query");
        call("math.add", "{\"a\":\"1\",\"b\":\"2\"}");
        call("math.add", "{\"a\":\"1\",\"b\":\"2\"}");
        call("math.add", "{\"a\":\"1\",\"b\":\"2\"}");
        call("web.fetch", "{\"url\":\"http://x\"}");
        call("web.fetch", "{\"url\":\"http://x\"}");
        List<String> names = listed();
        assertThat(names).containsExactly("find_tools", "math.add", "web.fetch");
    }

    @Test
    void addTool_atRunTime_becomesFindable_andRemoveToolDropsIt() throws Exception {
        server.addTool(ToolCatalogue.tool("notes.take_note", "Write down a note to remember for later", "text"), (a, c) -> "noted");
        await().atMost(Duration.ofSeconds(20)).until(() -> findTools.search().names().contains("notes.take_note"));
        JsonNode tools = call("find_tools", "{\"query\":\"jot something down so I do not forget it\",\"limit\":1}").get("structuredContent").get("tools");
        assertThat(tools.get(0).get("name").asString()).isEqualTo("notes.take_note");
        server.removeTool("notes.take_note");
        await().atMost(Duration.ofSeconds(20)).until(() -> !findTools.search().names().contains("notes.take_note"));
    }

    @Test
    void findTools_withoutQuery_isAToolErrorNamingTheArgument() throws Exception {
        JsonNode result = call("find_tools", "{\"limit\":3}");
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(result.get("content").get(0).get("text").asString()).contains("query");
    }
}
