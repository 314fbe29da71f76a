package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.codec.RawResult;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.SessionHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A tool handler's RawResult (a forwarded CallToolResult's text) reaches the client as written, and is read only for an output schema. */
class RawToolResultTest {
    private static final String FORWARDED = "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"structuredContent\":{\"n\":\"not a number\"},"
            + "\"x-newer-member\":{\"kept\":true}}";

    private final McpServer server = McpServer.builder("raw", "1.0").build();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void toolsCall_handlerReturnsRawResult_clientGetsItsMembersUnchanged() {
        server.addTool(tool("forward", null), (args, ctx) -> RawResult.of(FORWARDED));

        JsonNode result = call("forward").path("result");

        assertThat(result).isEqualTo(RecordingExchange.MAPPER.readTree(FORWARDED));
        assertThat(result.at("/x-newer-member/kept").asBoolean()).isTrue(); // a record would have dropped it
    }

    @Test
    void toolsCall_rawResultAgainstItsOutputSchema_isCheckedAndRefusedNamingTheTool() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties").putObject("n").put("type", "number");
        server.addTool(tool("checked", schema), (args, ctx) -> RawResult.of(FORWARDED));

        JsonNode result = call("checked").path("result");

        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.at("/content/0/text").asString()).contains("Tool 'checked' returned structuredContent that does not conform to its output schema");
    }

    private static Tools.Tool tool(String name, ObjectNode outputSchema) {
        return new Tools.Tool(name, null, name, JsonNodeFactory.instance.objectNode().put("type", "object"), outputSchema, null, null, null, null);
    }

    private JsonNode call(String tool) {
        Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("t")).session();
        s.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}"), new RecordingExchange());
        RecordingExchange answer = new RecordingExchange();
        s.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}}}"), answer);
        return answer.await();
    }
}
