package dev.switchboard.examples;

import dev.switchboard.mcp.Context;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.ProgressToken;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Role;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.Tools;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conformance fixture server: the tools, resources and prompts the official MCP conformance
 * suite drives ({@code docs/conformance.md}, sections 3 to 5), the stateless era's diagnostic
 * tools, and what our own smoke test adds ({@code add}, {@code echo}, resource updates). Exact
 * strings matter here: the suite compares several of them, and the descriptions and titles are the
 * reference fixture's.
 *
 * <p>{@code test://watched-resource} "changes" every second, so a subscriber hears
 * {@code notifications/resources/updated} within a second of subscribing without doing anything
 * else (the smoke test waits for exactly that). The tool {@code test_trigger_resource_update}
 * makes it change now, for tests that want the notification on cue.
 */
public final class EverythingServer {
    static final String PNG = Media.PNG;
    static final String WAV = Media.WAV;
    static final String WATCHED = "test://watched-resource";
    static final Duration WATCHED_CHANGES_EVERY = Duration.ofSeconds(1);

    record PromptArgs(String prompt) {}

    record MessageArgs(String message) {}

    record EchoArgs(String text) {}

    private EverythingServer() {}

    /** The fixture with its own kernel and default settings, named as {@code ./sb serve --example everything} names it. */
    public static McpServer create() {
        return create(McpServer.builder("switchboard-everything", "0.1.0"));
    }

    /** The fixture on {@code builder}, which carries the name, kernel and settings. */
    public static McpServer create(McpServer.Builder builder) {
        AtomicReference<McpServer> self = new AtomicReference<>();
        Thread ticker = Thread.ofVirtual().name("everything-watched-resource").unstarted(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(WATCHED_CHANGES_EVERY);
                } catch (InterruptedException e) {
                    return;
                }
                self.get().resourceUpdated(WATCHED);
            }
        });
        tools(builder, self);
        InputRoundTrips.tools(builder);
        TaskTools.tools(builder);
        if (!builder.hasTasks()) builder.tasks(taskDirectory());
        resources(builder);
        prompts(builder);
        InputRoundTrips.prompts(builder);
        builder.onClose(ticker::interrupt);
        McpServer server = builder.build();
        self.set(server);
        ticker.start();
        return server;
    }

    /** A store of its own per instance when the caller configured none: tests run many fixtures at once. */
    private static java.nio.file.Path taskDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("switchboard-everything-tasks");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a task store directory for the everything fixture", e);
        }
    }

    private static Tools.Tool noArgs(String name, String description) {
        return Tools.Tool.of(name, description, Schemas.object());
    }

    private static void tools(McpServer.Builder b, AtomicReference<McpServer> self) {
        b.tool("add", "Adds two numbers a and b and answers their sum as text", Arithmetic.Add.class, Arithmetic::sum);
        b.tool("echo", "Answers the text it is given", EchoArgs.class, a -> a.text());
        b.tool(noArgs("test_simple_text", "Tests simple text content response"), (a, c) -> "This is a simple text response for testing.");
        b.tool(noArgs("test_image_content", "Tests image content response"), (a, c) -> Content.image(PNG, "image/png"));
        b.tool(noArgs("test_audio_content", "Tests audio content response"), (a, c) -> Content.audio(WAV, "audio/wav"));
        b.tool(noArgs("test_embedded_resource", "Tests embedded resource content response"), (a, c) ->
                Content.embedded(ResourceContents.text("test://embedded-resource", "text/plain", "This is an embedded resource content.")));
        b.tool(noArgs("test_multiple_content_types", "Tests response with multiple content types (text, image, resource)"), (a, c) -> List.of(
                Content.text("Multiple content types test:"),
                Content.image(PNG, "image/png"),
                Content.embedded(ResourceContents.text("test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}"))));
        b.tool(noArgs("test_tool_with_logging", "Tests tool that emits log messages during execution"), EverythingServer::logging);
        b.tool(noArgs("test_tool_with_progress", "Tests tool that reports progress notifications"), EverythingServer::progress);
        b.tool(noArgs("test_error_handling", "Tests error response handling"), (a, c) ->
                Tools.CallToolResult.error("This tool intentionally returns an error for testing"));
        b.tool(Tools.Tool.of("test_sampling", "Tests server-initiated sampling (LLM completion request)",
                Schemas.requiredStrings("prompt", "The prompt to send to the LLM")), PromptArgs.class, EverythingServer::sampling);
        b.tool(Tools.Tool.of("test_elicitation", "Tests server-initiated elicitation (user input request)",
                Schemas.requiredStrings("message", "The message to show the user")), MessageArgs.class, EverythingServer::elicitation);
        b.tool(noArgs("test_reconnection", "Tests SSE polling: closes the stream and delivers the result on reconnection (SEP-1699)"), EverythingServer::reconnection);
        b.tool(Tools.Tool.of("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)", Schemas.jsonSchema2020()),
                (a, c) -> "JSON Schema 2020-12 tool called with: " + a);
        // diagnostics of the stateless era's server-stateless scenario
        b.tool(noArgs("test_logging_tool", "Logs at info; a stateless request without a log level must get no log messages"), (a, c) -> {
            c.log(LoggingLevel.INFO, null, "Logging evaluated");
            return "Logging evaluated";
        });
        b.tool(noArgs("test_streaming_elicitation", "Streams a progress notification, then answers"), (a, c) -> {
            c.progress(1, 1.0, "streaming");
            return "Streaming complete";
        });
        b.tool(noArgs("test_missing_capability", "Needs the sampling capability: refused with -32021 when the client lacks it"), (a, c) -> "Success");
        b.toolNeeds("test_missing_capability", "sampling");
        b.tool(Tools.Tool.of("test_mirrored_header", "Its region argument is mirrored in the Mcp-Param-Region header (SEP-2243)", Schemas.mirrored("region", "Region")),
                (a, c) -> "Region: " + a.path("region").asString());
        b.tool(noArgs("test_elicitation_sep1034_defaults", "Tests elicitation with default values per SEP-1034"), (a, c) ->
                elicited(c.elicit("Please review and update the form fields with defaults", Schemas.sep1034()), "Elicitation completed"));
        b.tool(noArgs("test_elicitation_sep1330_enums", "Tests elicitation with enum schema improvements per SEP-1330"), (a, c) ->
                elicited(c.elicit("Please select options from the enum fields", Schemas.sep1330()), "Elicitation completed"));
        b.tool(noArgs("test_trigger_tool_change", "Adds or removes the tool test_dynamic_tool, so the tool list changes"), (a, c) -> {
            McpServer server = self.get();
            if (!server.removeTool("test_dynamic_tool"))
                server.addTool(noArgs("test_dynamic_tool", "Comes and goes with test_trigger_tool_change"), (x, y) -> "Dynamic tool");
            return "Mutation triggered";
        });
        b.tool(noArgs("test_trigger_prompt_change", "Adds or removes the prompt test_dynamic_prompt, so the prompt list changes"), (a, c) -> {
            McpServer server = self.get();
            if (!server.removePrompt("test_dynamic_prompt"))
                server.addPrompt(new Prompts.Prompt("test_dynamic_prompt", "Dynamic Prompt", "Comes and goes with test_trigger_prompt_change", List.of(), null, null),
                        (x, y) -> "Dynamic prompt");
            return "Mutation triggered";
        });
        b.tool(noArgs("test_trigger_resource_update", "Tells subscribers of test://watched-resource that it changed, now"), (a, c) -> {
            self.get().resourceUpdated(WATCHED);
            return "Resource update triggered";
        });
    }

    private static Object reconnection(ObjectNode args, Context c) throws InterruptedException {
        c.closeStream();
        Thread.sleep(200);
        return "Reconnection test completed successfully. If you received this, the client properly reconnected after stream closure.";
    }

    private static Object logging(ObjectNode args, Context c) throws InterruptedException {
        c.log(LoggingLevel.INFO, null, "Tool execution started");
        Thread.sleep(50);
        c.log(LoggingLevel.INFO, null, "Tool processing data");
        Thread.sleep(50);
        c.log(LoggingLevel.INFO, null, "Tool execution completed");
        return "Tool with logging executed successfully";
    }

    private static Object progress(ObjectNode args, Context c) throws InterruptedException {
        for (int step = 0; step <= 2; step++) {
            if (step > 0) Thread.sleep(50);
            c.progress(step * 50, 100.0, "Completed step " + step * 50 + " of 100");
        }
        ProgressToken token = c.progressToken();
        return switch (token) {
            case null -> "No progress token provided";
            case ProgressToken.StringToken s -> s.value();
            case ProgressToken.NumberToken n -> Long.toString(n.value());
        };
    }

    private static Object sampling(PromptArgs args, Context c) {
        Sampling.CreateMessageResult r = c.sample(Sampling.CreateMessageParams.of(List.of(Sampling.SamplingMessage.user(args.prompt())), 100));
        String text = r.content().stream().filter(Content.Text.class::isInstance).map(t -> ((Content.Text) t).text()).findFirst().orElse("(no text)");
        return "LLM response: " + text;
    }

    private static Object elicitation(MessageArgs args, Context c) {
        return elicited(c.elicit(args.message(), Schemas.userInfo()), "User response");
    }

    private static String elicited(Elicitation.ElicitResult r, String label) {
        return label + ": action=" + r.action().wireName() + ", content=" + (r.content() == null ? "{}" : r.content().toString());
    }

    private static void resources(McpServer.Builder b) {
        b.resource(new Resources.Resource("test://static-text", "static-text", "Static Text Resource", "A static text resource for testing", "text/plain", null, null, null, null),
                (uri, vars, c) -> "This is the content of the static text resource.");
        b.resource(new Resources.Resource("test://static-binary", "static-binary", "Static Binary Resource", "A static binary resource (image) for testing", "image/png", null, null, null, null),
                (uri, vars, c) -> Base64.getDecoder().decode(PNG));
        b.resource(new Resources.Resource(WATCHED, "watched-resource", "Watched Resource", "A resource that auto-updates every second", "text/plain", null, null, null, null),
                (uri, vars, c) -> "Watched resource content");
        b.resourceTemplate(new Resources.ResourceTemplate("test://template/{id}/data", "template", "Resource Template", "A resource template with parameter substitution", "application/json", null, null, null),
                (uri, vars, c) -> "{\"id\":\"" + vars.get("id") + "\",\"templateTest\":true,\"data\":\"Data for ID: " + vars.get("id") + "\"}");
    }

    private static void prompts(McpServer.Builder b) {
        b.prompt(new Prompts.Prompt("test_simple_prompt", "Simple Test Prompt", "A simple prompt without arguments", List.of(), null, null),
                (args, c) -> "This is a simple prompt for testing.");
        b.prompt(new Prompts.Prompt("test_prompt_with_arguments", "Prompt With Arguments", "A prompt with required arguments",
                List.of(Prompts.PromptArgument.required("arg1", "First test argument"), Prompts.PromptArgument.required("arg2", "Second test argument")), null, null),
                (args, c) -> "Prompt with arguments: arg1='" + args.get("arg1") + "', arg2='" + args.get("arg2") + "'");
        b.prompt(new Prompts.Prompt("test_prompt_with_embedded_resource", "Prompt With Embedded Resource", "A prompt that includes an embedded resource",
                List.of(Prompts.PromptArgument.required("resourceUri", "URI of the resource to embed")), null, null),
                (args, c) -> List.of(
                        new Prompts.PromptMessage(Role.USER, Content.embedded(ResourceContents.text(args.get("resourceUri"), "text/plain", "Embedded resource content for testing."))),
                        Prompts.PromptMessage.user("Please process the embedded resource above.")));
        b.prompt(new Prompts.Prompt("test_prompt_with_image", "Prompt With Image", "A prompt that includes image content", List.of(), null, null),
                (args, c) -> List.of(new Prompts.PromptMessage(Role.USER, Content.image(PNG, "image/png")), Prompts.PromptMessage.user("Please analyze the image above.")));
        List<String> samples = List.of("test", "testing", "test-value", "example");
        b.completion(Completion.Reference.prompt("test_prompt_with_arguments"), "arg1", (value, others) -> samples.stream().filter(s -> s.startsWith(value)).toList());
        b.completion(Completion.Reference.prompt("test_prompt_with_arguments"), "arg2", (value, others) -> samples.stream().filter(s -> s.startsWith(value)).toList());
        b.completion(Completion.Reference.prompt("test_prompt_with_embedded_resource"), "resourceUri",
                (value, others) -> List.of("test://static-text", "test://static-binary", "test://watched-resource").stream().filter(s -> s.startsWith(value)).toList());
        b.completion(Completion.Reference.resourceTemplate("test://template/{id}/data"), "id",
                (value, others) -> List.of("1", "2", "3", "123").stream().filter(s -> s.startsWith(value)).toList());
    }
}
