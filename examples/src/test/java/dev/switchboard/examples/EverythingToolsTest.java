package dev.switchboard.examples;

import static dev.switchboard.examples.InProcessClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The fixture's tools answer what docs/conformance.md (sections 4, 5 and 8) says the suite and the smoke test check. */
class EverythingToolsTest {
    private static final McpServer SERVER = EverythingServer.create();
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    private static final String NO_ARGS = "{\"type\":\"object\",\"properties\":{}}";

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
    void initialize_declaresWhatTheFixtureServes() {
        JsonNode init = client.initialized;
        assertThat(init.get("protocolVersion").asString()).isEqualTo("2025-11-25");
        assertThat(init.at("/serverInfo/name").asString()).isEqualTo("switchboard-everything");
        assertThat(init.get("capabilities")).isEqualTo(json("""
                {"tools":{"listChanged":true},"resources":{"subscribe":true,"listChanged":true},
                 "prompts":{"listChanged":true},"logging":{},"completions":{},
                 "tasks":{"list":{},"cancel":{},"requests":{"tools":{"call":{}}}}}"""));
    }

    @Test
    void pingAndSetLevel_answerAnEmptyObject() {
        assertThat(client.result("ping", null)).isEqualTo(json("{}"));
        assertThat(client.result("logging/setLevel", "{\"level\":\"info\"}")).isEqualTo(json("{}"));
    }

    @Test
    void toolsList_listsEveryScenarioTool_describedWithObjectSchemas() {
        JsonNode tools = client.result("tools/list", null).get("tools");
        List<String> names = tools.valueStream().map(t -> t.get("name").asString()).toList();
        assertThat(names).contains("test_simple_text", "test_image_content", "test_audio_content", "test_embedded_resource",
                "test_multiple_content_types", "test_tool_with_logging", "test_tool_with_progress", "test_error_handling",
                "test_sampling", "test_elicitation", "test_elicitation_sep1034_defaults", "test_elicitation_sep1330_enums",
                "json_schema_2020_12_tool", "test_reconnection", "test_trigger_resource_update", "add", "echo");
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("[A-Za-z0-9_.-]{1,128}"));
        assertThat(tools.valueStream()).allSatisfy(t -> {
            assertThat(t.get("description").asString()).isNotBlank();
            assertThat(t.at("/inputSchema/type").asString()).isEqualTo("object");
        });
        assertThat(client.result("tools/list", null).get("tools")).as("a stable order").isEqualTo(tools);
    }

    @Test
    void toolsList_argumentSchemas_areTheReferenceOnes() {
        JsonNode tools = client.result("tools/list", null).get("tools");
        assertThat(schema(tools, "test_simple_text")).isEqualTo(json(NO_ARGS));
        assertThat(schema(tools, "add")).isEqualTo(json("""
                {"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},"required":["a","b"]}"""));
        assertThat(schema(tools, "test_sampling")).isEqualTo(json("""
                {"type":"object","properties":{"prompt":{"type":"string","description":"The prompt to send to the LLM"}},"required":["prompt"]}"""));
        assertThat(schema(tools, "test_elicitation")).isEqualTo(json("""
                {"type":"object","properties":{"message":{"type":"string","description":"The message to show the user"}},"required":["message"]}"""));
        assertThat(schema(tools, "json_schema_2020_12_tool").toString()).isEqualTo("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","$defs":{"address":{"$anchor":"addressDef","type":"object",\
                "properties":{"street":{"type":"string"},"city":{"type":"string"}}}},"properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},\
                "contactMethod":{"type":"string","enum":["phone","email"]},"phone":{"type":"string"},"email":{"type":"string"}},\
                "allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],"if":{"properties":{"contactMethod":{"const":"phone"}},\
                "required":["contactMethod"]},"then":{"required":["phone"]},"else":{"required":["email"]},"additionalProperties":false}""");
    }

    private static JsonNode schema(JsonNode tools, String name) {
        return tools.valueStream().filter(t -> t.get("name").asString().equals(name)).findFirst().orElseThrow().get("inputSchema");
    }

    static Stream<Arguments> contentTools() {
        return Stream.of(
                Arguments.of("test_simple_text", "{\"content\":[{\"type\":\"text\",\"text\":\"This is a simple text response for testing.\"}]}"),
                Arguments.of("test_image_content", "{\"content\":[{\"type\":\"image\",\"data\":\"" + PNG + "\",\"mimeType\":\"image/png\"}]}"),
                Arguments.of("test_audio_content", "{\"content\":[{\"type\":\"audio\",\"data\":\"" + Media.WAV + "\",\"mimeType\":\"audio/wav\"}]}"),
                Arguments.of("test_embedded_resource", """
                        {"content":[{"type":"resource","resource":{"uri":"test://embedded-resource","mimeType":"text/plain",
                         "text":"This is an embedded resource content."}}]}"""),
                Arguments.of("test_multiple_content_types", """
                        {"content":[{"type":"text","text":"Multiple content types test:"},{"type":"image","data":"%s","mimeType":"image/png"},
                         {"type":"resource","resource":{"uri":"test://mixed-content-resource","mimeType":"application/json",
                          "text":"{\\"test\\":\\"data\\",\\"value\\":123}"}}]}""".formatted(PNG)),
                Arguments.of("test_error_handling", """
                        {"content":[{"type":"text","text":"This tool intentionally returns an error for testing"}],"isError":true}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentTools")
    void toolsCall_contentTool_answersTheReferenceResult(String tool, String expected) {
        assertThat(client.callTool(tool, "{}")).isEqualTo(json(expected));
    }

    @Test
    void toolsCall_withoutArgumentsKey_isServed() {
        assertThat(client.result("tools/call", "{\"name\":\"test_simple_text\"}").at("/content/0/text").asString())
                .isEqualTo("This is a simple text response for testing.");
    }

    @Test
    void toolsCall_add_answersTheSumWithoutATrailingPointZero() {
        assertThat(text(client.callTool("add", "{\"a\":2,\"b\":3}"))).isEqualTo("5");
        assertThat(text(client.callTool("add", "{\"a\":0.5,\"b\":0.25}"))).isEqualTo("0.75");
        assertThat(text(client.callTool("add", "{\"a\":-2.5,\"b\":2.5}"))).isEqualTo("0");
        assertThat(text(client.callTool("add", "{\"a\":1e20,\"b\":1}"))).isEqualTo("100000000000000000000");
        assertThat(client.callTool("add", "{\"a\":2}").get("isError").asBoolean()).isTrue();
    }

    @Test
    void toolsCall_echo_answersItsText() {
        assertThat(text(client.callTool("echo", "{\"text\":\"héllo \\\"world\\\"\"}"))).isEqualTo("héllo \"world\"");
    }

    @Test
    void toolsCall_jsonSchema2020Tool_quotesItsArguments() {
        assertThat(text(client.callTool("json_schema_2020_12_tool", "{\"name\":\"Ann\",\"email\":\"a@example.com\"}")))
                .isEqualTo("JSON Schema 2020-12 tool called with: {\"name\":\"Ann\",\"email\":\"a@example.com\"}");
    }

    @Test
    void toolsCall_reconnection_answersAfterClosingTheStream() {
        assertThat(text(client.callTool("test_reconnection", "{}"))).isEqualTo(
                "Reconnection test completed successfully. If you received this, the client properly reconnected after stream closure.");
    }

    @Test
    void toolsCall_statelessDiagnostics_answerTheReferenceText() {
        assertThat(text(client.callTool("test_missing_capability", "{}"))).isEqualTo("Success");
        assertThat(text(client.callTool("test_logging_tool", "{}"))).isEqualTo("Logging evaluated");
        assertThat(text(client.callTool("test_streaming_elicitation", "{}"))).isEqualTo("Streaming complete");
    }

    static String text(JsonNode result) {
        return result.at("/content/0/text").asString();
    }
}
