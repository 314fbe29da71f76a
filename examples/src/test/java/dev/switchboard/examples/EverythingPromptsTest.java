package dev.switchboard.examples;

import static dev.switchboard.examples.InProcessClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fixture's prompts and the completions of their arguments. */
class EverythingPromptsTest {
    private static final McpServer SERVER = EverythingServer.create();
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

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
    void promptsList_listsTheFourReferencePromptsAndTheInputRoundOne() {
        assertThat(client.result("prompts/list", null)).isEqualTo(json("""
                {"prompts":[
                  {"name":"test_simple_prompt","title":"Simple Test Prompt","description":"A simple prompt without arguments","arguments":[]},
                  {"name":"test_prompt_with_arguments","title":"Prompt With Arguments","description":"A prompt with required arguments",
                   "arguments":[{"name":"arg1","description":"First test argument","required":true},
                                {"name":"arg2","description":"Second test argument","required":true}]},
                  {"name":"test_prompt_with_embedded_resource","title":"Prompt With Embedded Resource",
                   "description":"A prompt that includes an embedded resource",
                   "arguments":[{"name":"resourceUri","description":"URI of the resource to embed","required":true}]},
                  {"name":"test_prompt_with_image","title":"Prompt With Image","description":"A prompt that includes image content","arguments":[]},
                  {"name":"test_input_required_result_prompt","title":"Prompt Needing Input","description":"Asks what context to use (key user_context)",
                   "arguments":[]}]}"""));
    }

    @Test
    void simplePrompt_withoutArgumentsKey_isOneUserMessage() {
        assertThat(client.result("prompts/get", "{\"name\":\"test_simple_prompt\"}").get("messages")).isEqualTo(json("""
                [{"role":"user","content":{"type":"text","text":"This is a simple prompt for testing."}}]"""));
    }

    @Test
    void promptWithArguments_quotesBothArguments() {
        JsonNode messages = client.result("prompts/get",
                "{\"name\":\"test_prompt_with_arguments\",\"arguments\":{\"arg1\":\"testValue1\",\"arg2\":\"testValue2\"}}").get("messages");
        assertThat(messages).isEqualTo(json("""
                [{"role":"user","content":{"type":"text","text":"Prompt with arguments: arg1='testValue1', arg2='testValue2'"}}]"""));
    }

    @Test
    void promptWithArguments_missingOne_isInvalidParams() {
        assertThat(client.error("prompts/get", "{\"name\":\"test_prompt_with_arguments\",\"arguments\":{\"arg1\":\"x\"}}").get("code").asInt())
                .isEqualTo(-32602);
    }

    @Test
    void promptWithEmbeddedResource_embedsTheGivenUri() {
        JsonNode messages = client.result("prompts/get",
                "{\"name\":\"test_prompt_with_embedded_resource\",\"arguments\":{\"resourceUri\":\"test://example-resource\"}}").get("messages");
        assertThat(messages).isEqualTo(json("""
                [{"role":"user","content":{"type":"resource","resource":{"uri":"test://example-resource","mimeType":"text/plain",
                   "text":"Embedded resource content for testing."}}},
                 {"role":"user","content":{"type":"text","text":"Please process the embedded resource above."}}]"""));
    }

    @Test
    void promptWithImage_carriesThePng() {
        assertThat(client.result("prompts/get", "{\"name\":\"test_prompt_with_image\"}").get("messages")).isEqualTo(json("""
                [{"role":"user","content":{"type":"image","data":"%s","mimeType":"image/png"}},
                 {"role":"user","content":{"type":"text","text":"Please analyze the image above."}}]""".formatted(PNG)));
    }

    @Test
    void complete_promptArgument_suggestsMatchingValues() {
        JsonNode completion = client.result("completion/complete",
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_arguments\"},\"argument\":{\"name\":\"arg1\",\"value\":\"test\"}}")
                .get("completion");
        assertThat(completion.get("values")).isEqualTo(json("[\"test\",\"testing\",\"test-value\"]"));
    }

    @Test
    void complete_resourceUriAndTemplateId_suggestWhatTheServerHas() {
        assertThat(client.result("completion/complete",
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_embedded_resource\"},\"argument\":{\"name\":\"resourceUri\",\"value\":\"test://static\"}}")
                .at("/completion/values")).isEqualTo(json("[\"test://static-text\",\"test://static-binary\"]"));
        assertThat(client.result("completion/complete",
                "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"test://template/{id}/data\"},\"argument\":{\"name\":\"id\",\"value\":\"1\"}}")
                .at("/completion/values")).isEqualTo(json("[\"1\",\"123\"]"));
    }

    @Test
    void complete_unknownArgument_isAnEmptyList() {
        assertThat(client.result("completion/complete",
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_simple_prompt\"},\"argument\":{\"name\":\"x\",\"value\":\"\"}}")
                .at("/completion/values")).isEqualTo(json("[]"));
    }
}
