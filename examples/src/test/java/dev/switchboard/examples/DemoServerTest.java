package dev.switchboard.examples;

import static dev.switchboard.examples.EverythingToolsTest.text;
import static dev.switchboard.examples.InProcessClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What {@code ./sb serve} offers by default, in-process. */
class DemoServerTest {
    private static final McpServer SERVER = DemoServer.create();

    private final InProcessClient client = InProcessClient.connect(SERVER, "{}");

    @AfterEach
    void disconnect() {
        client.close();
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void initialize_namesTheDemoAndGivesInstructions() {
        assertThat(client.initialized.at("/serverInfo/name").asString()).isEqualTo("switchboard-demo");
        assertThat(client.initialized.get("instructions").asString()).isNotBlank();
    }

    @Test
    void toolsList_recordAndAnnotatedTools_haveGeneratedSchemas() {
        JsonNode tools = client.result("tools/list", null).get("tools");
        assertThat(tools.valueStream().map(t -> t.get("name").asString())).containsExactly("add", "echo", "now", "sha256", "uuid", "ticker_touch");
        assertThat(tool(tools, "echo").get("inputSchema")).isEqualTo(json("""
                {"type":"object","properties":{"text":{"type":"string","description":"The text to send back"}},"required":["text"]}"""));
        assertThat(tool(tools, "now").at("/inputSchema/properties/zone/type").asString()).isEqualTo("string");
        assertThat(tool(tools, "now").at("/inputSchema/required").isMissingNode() || tool(tools, "now").at("/inputSchema/required").isEmpty()).isTrue();
        assertThat(tool(tools, "sha256").at("/annotations/readOnlyHint").asBoolean()).isTrue();
    }

    private static JsonNode tool(JsonNode tools, String name) {
        return tools.valueStream().filter(t -> t.get("name").asString().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void add_integersPrintWithoutAFraction() {
        assertThat(text(client.callTool("add", "{\"a\":2,\"b\":3}"))).isEqualTo("5");
        assertThat(text(client.callTool("add", "{\"a\":0.1,\"b\":0.2}"))).isEqualTo("0.30000000000000004");
        assertThat(text(client.callTool("add", "{\"a\":-7,\"b\":2}"))).isEqualTo("-5");
    }

    @Test
    void echo_answersTheSameText() {
        assertThat(text(client.callTool("echo", "{\"text\":\"line 1\\nline 2\"}"))).isEqualTo("line 1\nline 2");
        assertThat(client.callTool("echo", "{}").get("isError").asBoolean()).isTrue();
    }

    @Test
    void now_inAZone_isThatZonesTime_andUtcWithoutOne() {
        ZonedDateTime paris = ZonedDateTime.parse(text(client.callTool("now", "{\"zone\":\"Europe/Paris\"}")));
        assertThat(paris.getZone().getId()).isEqualTo("Europe/Paris");
        assertThat(ZonedDateTime.parse(text(client.callTool("now", "{}"))).getZone().getId()).isEqualTo("UTC");
        JsonNode unknown = client.callTool("now", "{\"zone\":\"Mars/Olympus\"}");
        assertThat(unknown.get("isError").asBoolean()).isTrue();
        assertThat(text(unknown)).contains("Mars/Olympus");
    }

    @Test
    void uuid_isARandomVersion4Uuid() {
        UUID first = UUID.fromString(text(client.callTool("uuid", "{}")));
        assertThat(first.version()).isEqualTo(4);
        assertThat(UUID.fromString(text(client.callTool("uuid", "{}")))).isNotEqualTo(first);
    }

    @Test
    void sha256_isTheHexDigestOfTheUtf8Text() {
        assertThat(text(client.callTool("sha256", "{\"text\":\"abc\"}"))).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(text(client.callTool("sha256", "{\"text\":\"\"}"))).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void serverInfo_isJsonWithNameVersionUptimeAndSessions() {
        JsonNode contents = client.result("resources/read", "{\"uri\":\"switchboard://server/info\"}").at("/contents/0");
        assertThat(contents.get("mimeType").asString()).isEqualTo("application/json");
        JsonNode info = json(contents.get("text").asString());
        assertThat(info.get("name").asString()).isEqualTo("switchboard-demo");
        assertThat(info.get("version").asString()).isEqualTo("0.1.0");
        assertThat(info.get("uptimeSeconds").asLong()).isNotNegative();
        assertThat(info.get("sessions").asInt()).isEqualTo(SERVER.sessionCount()).isPositive();
        assertThat(info.get("protocolVersion").asString()).isEqualTo("2025-11-25");
    }

    @Test
    void summarize_putsTheTextIntoOneUserMessage() {
        JsonNode result = client.result("prompts/get", "{\"name\":\"summarize\",\"arguments\":{\"text\":\"MCP connects models to tools.\"}}");
        assertThat(result.at("/messages/0/role").asString()).isEqualTo("user");
        assertThat(result.at("/messages/0/content/text").asString()).startsWith("Summarize").endsWith("\n\nMCP connects models to tools.");
        assertThat(client.error("prompts/get", "{\"name\":\"summarize\"}").get("code").asInt()).isEqualTo(-32602);
    }
}
