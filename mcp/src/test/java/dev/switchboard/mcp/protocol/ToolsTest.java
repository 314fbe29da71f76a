package dev.switchboard.mcp.protocol;

import static dev.switchboard.mcp.protocol.Wire.assertRequestRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertResultRoundTrip;
import static dev.switchboard.mcp.protocol.Wire.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mcp.codec.Decoded;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tools records against the examples of the 2025-11-25 spec, server/tools. */
class ToolsTest {

    @Test
    void toolsList_specRequest_decodesCursor() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"cursor": "optional-cursor-value"}}
                """);
        assertThat(request.params(PaginatedParams.class).cursor()).isEqualTo("optional-cursor-value");
    }

    @Test
    void toolsList_specResponse_roundTrips() {
        Tools.ListToolsResult result = assertResultRoundTrip("""
                {
                  "jsonrpc": "2.0",
                  "id": 1,
                  "result": {
                    "tools": [
                      {
                        "name": "get_weather",
                        "title": "Weather Information Provider",
                        "description": "Get current weather information for a location",
                        "inputSchema": {
                          "type": "object",
                          "properties": {
                            "location": {"type": "string", "description": "City name or zip code"}
                          },
                          "required": ["location"]
                        },
                        "icons": [
                          {"src": "https://example.com/weather-icon.png", "mimeType": "image/png", "sizes": ["48x48"]}
                        ]
                      }
                    ],
                    "nextCursor": "next-page-cursor"
                  }
                }
                """, Tools.ListToolsResult.class);
        assertThat(result.nextCursor()).isEqualTo("next-page-cursor");
        Tools.Tool tool = result.tools().getFirst();
        assertThat(tool.title()).isEqualTo("Weather Information Provider");
        assertThat(tool.icons()).containsExactly(Icon.of("https://example.com/weather-icon.png", "image/png", "48x48"));
        assertThat(tool.inputSchema().get("required").get(0).stringValue()).isEqualTo("location");
    }

    @Test
    void tool_specOutputSchemaAndAnnotations_roundTrip() {
        Tools.Tool tool = assertRoundTrip("""
                {
                  "name": "get_weather_data",
                  "title": "Weather Data Retriever",
                  "description": "Get current weather data for a location",
                  "inputSchema": {
                    "type": "object",
                    "properties": {"location": {"type": "string", "description": "City name or zip code"}},
                    "required": ["location"]
                  },
                  "outputSchema": {
                    "type": "object",
                    "properties": {
                      "temperature": {"type": "number", "description": "Temperature in celsius"},
                      "conditions": {"type": "string", "description": "Weather conditions description"},
                      "humidity": {"type": "number", "description": "Humidity percentage"}
                    },
                    "required": ["temperature", "conditions", "humidity"]
                  },
                  "annotations": {"title": "Weather", "readOnlyHint": true, "openWorldHint": true},
                  "execution": {"taskSupport": "optional"},
                  "_meta": {"vendor/x": 1}
                }
                """, Tools.Tool.class);
        assertThat(tool.outputSchema().get("required")).hasSize(3);
        assertThat(tool.annotations().readOnlyHint()).isTrue();
        assertThat(tool.annotations().destructiveHint()).isNull();
        assertThat(tool.meta().get("vendor/x").intValue()).isEqualTo(1);
    }

    @Test
    void toolsCall_specRequest_bindsNameAndArguments() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
                 "params": {"name": "get_weather", "arguments": {"location": "New York"}}}
                """);
        Tools.CallToolParams call = request.params(Tools.CallToolParams.class);
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments().get("location").stringValue()).isEqualTo("New York");
        assertThat(request.progressToken()).isNull();
    }

    @Test
    void toolsCall_progressTokenInMeta_isExposedOnRequest() {
        Decoded.Request request = assertRequestRoundTrip("""
                {"jsonrpc": "2.0", "id": 7, "method": "tools/call",
                 "params": {"name": "slow", "_meta": {"progressToken": "abc123"}}}
                """);
        assertThat(request.progressToken()).isEqualTo(ProgressToken.of("abc123"));
        assertThat(request.meta().get("progressToken").stringValue()).isEqualTo("abc123");
        assertThat(request.params(Tools.CallToolParams.class).argumentsOrEmpty()).isEmpty();
    }

    @Test
    void toolsCall_specResponses_roundTrip() {
        Tools.CallToolResult ok = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 2, "result": {
                  "content": [{"type": "text",
                    "text": "Current weather in New York:\\nTemperature: 72°F\\nConditions: Partly cloudy"}],
                  "isError": false}}
                """, Tools.CallToolResult.class);
        assertThat(ok.failed()).isFalse();

        Tools.CallToolResult structured = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 5, "result": {
                  "content": [{"type": "text",
                    "text": "{\\"temperature\\": 22.5, \\"conditions\\": \\"Partly cloudy\\", \\"humidity\\": 65}"}],
                  "structuredContent": {"temperature": 22.5, "conditions": "Partly cloudy", "humidity": 65}}}
                """, Tools.CallToolResult.class);
        assertThat(structured.structuredContent().get("humidity").intValue()).isEqualTo(65);

        Tools.CallToolResult failed = assertResultRoundTrip("""
                {"jsonrpc": "2.0", "id": 4, "result": {
                  "content": [{"type": "text",
                    "text": "Invalid departure date: must be in the future. Current date is 08/08/2025."}],
                  "isError": true}}
                """, Tools.CallToolResult.class);
        assertThat(failed.failed()).isTrue();
    }

    @Test
    void callToolResult_factories_writeMinimalJson() {
        Wire.assertSameJson(Wire.write(Tools.CallToolResult.text("hi")),
                Wire.tree("{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}"));
        Wire.assertSameJson(Wire.write(Tools.CallToolResult.error("boom")),
                Wire.tree("{\"content\":[{\"type\":\"text\",\"text\":\"boom\"}],\"isError\":true}"));
    }

    @Test
    void tool_withoutArguments_hasClosedObjectSchema() {
        Tools.Tool tool = Tools.Tool.withoutArguments("get_current_time", "Returns the current server time");
        Wire.assertSameJson(Wire.write(tool), Wire.tree("""
                {"name": "get_current_time", "description": "Returns the current server time",
                 "inputSchema": {"type": "object", "additionalProperties": false}}
                """));
    }

    @Test
    void tool_withoutInputSchema_isRejectedAtConstruction() {
        assertThatThrownBy(() -> Tools.Tool.of("t", "d", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("inputSchema");
    }

    @Test
    void listToolsResult_page_keepsCursor() {
        Tools.ListToolsResult page = Tools.ListToolsResult.page(List.of(), "c1");
        Wire.assertSameJson(Wire.write(page), Wire.tree("{\"tools\":[],\"nextCursor\":\"c1\"}"));
    }
}
