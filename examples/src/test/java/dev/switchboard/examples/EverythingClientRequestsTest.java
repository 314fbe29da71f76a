package dev.switchboard.examples;

import static dev.switchboard.examples.EverythingToolsTest.text;
import static dev.switchboard.examples.InProcessClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * tools-call-sampling, tools-call-elicitation, elicitation-sep1034-defaults and
 * elicitation-sep1330-enums: the fixture asks the client on the call's own stream, and this test,
 * acting as the suite's client, answers with the suite's canned answers.
 */
class EverythingClientRequestsTest {
    private static final McpServer SERVER = EverythingServer.create();

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void sampling_asksForOneUserMessageOfAHundredTokens_andQuotesTheModel() {
        try (InProcessClient client = InProcessClient.connect(SERVER).answering("sampling/createMessage", params ->
                "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"This is a test response from the client\"},"
                        + "\"model\":\"test-model\",\"stopReason\":\"endTurn\"}")) {
            RecordingExchange call = client.send("tools/call", "{\"name\":\"test_sampling\",\"arguments\":{\"prompt\":\"Test prompt for sampling\"}}");
            assertThat(call.related("sampling/createMessage")).singleElement().satisfies(request -> assertThat(request.get("params")).isEqualTo(json("""
                    {"messages":[{"role":"user","content":{"type":"text","text":"Test prompt for sampling"}}],"maxTokens":100}""")));
            assertThat(call.await().get("result")).isEqualTo(json("""
                    {"content":[{"type":"text","text":"LLM response: This is a test response from the client"}]}"""));
        }
    }

    @Test
    void sampling_clientWithoutSampling_isAToolErrorNotAProtocolError() {
        try (InProcessClient client = InProcessClient.connect(SERVER, "{\"elicitation\":{}}")) {
            JsonNode result = client.callTool("test_sampling", "{\"prompt\":\"hi\"}");
            assertThat(result.get("isError").asBoolean()).isTrue();
            assertThat(text(result)).contains("sampling");
            assertThat(client.serverRequests).isEmpty();
        }
    }

    @Test
    void elicitation_asksForUsernameAndEmail_andReportsTheAnswer() {
        try (InProcessClient client = InProcessClient.connect(SERVER).answering("elicitation/create", params ->
                "{\"action\":\"accept\",\"content\":{\"username\":\"testuser\",\"email\":\"test@example.com\"}}")) {
            JsonNode result = client.callTool("test_elicitation", "{\"message\":\"Please provide your information\"}");
            assertThat(client.serverRequests).singleElement().satisfies(r -> assertThat(r.get("params")).isEqualTo(json("""
                    {"mode":"form","message":"Please provide your information","requestedSchema":{"type":"object",
                     "properties":{"username":{"type":"string","description":"User's response"},
                                   "email":{"type":"string","description":"User's email address"}},
                     "required":["username","email"]}}""")));
            assertThat(text(result)).isEqualTo("User response: action=accept, content={\"username\":\"testuser\",\"email\":\"test@example.com\"}");
        }
    }

    @Test
    void elicitation_declined_reportsNoContent() {
        try (InProcessClient client = InProcessClient.connect(SERVER).answering("elicitation/create", params -> "{\"action\":\"decline\"}")) {
            assertThat(text(client.callTool("test_elicitation", "{\"message\":\"Who are you?\"}"))).isEqualTo("User response: action=decline, content={}");
        }
    }

    @Test
    void sep1034Defaults_sendsADefaultForEveryPrimitiveType() {
        try (InProcessClient client = InProcessClient.connect(SERVER).answering("elicitation/create", params ->
                "{\"action\":\"accept\",\"content\":{\"name\":\"Jane Smith\",\"age\":25,\"score\":88.5,\"status\":\"inactive\",\"verified\":false}}")) {
            JsonNode result = client.callTool("test_elicitation_sep1034_defaults", "{}");
            JsonNode params = client.serverRequests.getFirst().get("params");
            assertThat(params.get("message").asString()).isEqualTo("Please review and update the form fields with defaults");
            assertThat(params.get("requestedSchema")).isEqualTo(json("""
                    {"type":"object","properties":{
                      "name":{"type":"string","description":"User name","default":"John Doe"},
                      "age":{"type":"integer","description":"User age","default":30},
                      "score":{"type":"number","description":"User score","default":95.5},
                      "status":{"type":"string","description":"User status","enum":["active","inactive","pending"],"default":"active"},
                      "verified":{"type":"boolean","description":"Verification status","default":true}},
                     "required":[]}"""));
            assertThat(text(result)).isEqualTo("Elicitation completed: action=accept, content="
                    + "{\"name\":\"Jane Smith\",\"age\":25,\"score\":88.5,\"status\":\"inactive\",\"verified\":false}");
        }
    }

    @Test
    void sep1330Enums_sendsTheFiveEnumShapes() {
        try (InProcessClient client = InProcessClient.connect(SERVER).answering("elicitation/create", params -> """
                {"action":"accept","content":{"untitledSingle":"option1","titledSingle":"value1","legacyEnum":"opt1",
                 "untitledMulti":["option1","option2"],"titledMulti":["value1","value2"]}}""")) {
            JsonNode result = client.callTool("test_elicitation_sep1330_enums", "{}");
            JsonNode params = client.serverRequests.getFirst().get("params");
            assertThat(params.get("message").asString()).isEqualTo("Please select options from the enum fields");
            assertThat(params.get("requestedSchema")).isEqualTo(json("""
                    {"type":"object","required":[],"properties":{
                      "untitledSingle":{"type":"string","description":"Select one option","enum":["option1","option2","option3"]},
                      "titledSingle":{"type":"string","description":"Select one option with titles","oneOf":[
                        {"const":"value1","title":"First Option"},{"const":"value2","title":"Second Option"},{"const":"value3","title":"Third Option"}]},
                      "legacyEnum":{"type":"string","description":"Select one option (legacy)","enum":["opt1","opt2","opt3"],
                        "enumNames":["Option One","Option Two","Option Three"]},
                      "untitledMulti":{"type":"array","description":"Select multiple options","minItems":1,"maxItems":3,
                        "items":{"type":"string","enum":["option1","option2","option3"]}},
                      "titledMulti":{"type":"array","description":"Select multiple options with titles","minItems":1,"maxItems":3,
                        "items":{"anyOf":[{"const":"value1","title":"First Choice"},{"const":"value2","title":"Second Choice"},
                                          {"const":"value3","title":"Third Choice"}]}}}}"""));
            assertThat(text(result)).startsWith("Elicitation completed: action=accept, content={\"untitledSingle\":\"option1\"");
        }
    }

    @Test
    void inputRoundTool_forASessionClient_asksEveryKeyAsAServerToClientRequestInOrder() {
        try (InProcessClient client = InProcessClient.connect(SERVER, "{\"sampling\":{},\"elicitation\":{},\"roots\":{}}")
                .answering("elicitation/create", params -> "{\"action\":\"accept\",\"content\":{\"name\":\"Alice\"}}")
                .answering("sampling/createMessage", params -> "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"Hi!\"},\"model\":\"m\"}")
                .answering("roots/list", params -> "{\"roots\":[{\"uri\":\"file:///a\"},{\"uri\":\"file:///b\"}]}")) {
            JsonNode result = client.callTool("test_input_required_result_multiple_inputs", "{}");
            assertThat(client.serverRequests).extracting(r -> r.get("method").asString())
                    .containsExactly("elicitation/create", "sampling/createMessage", "roots/list");
            assertThat(text(result)).isEqualTo("Alice / Hi! / 2 root(s)");
        }
    }
}
