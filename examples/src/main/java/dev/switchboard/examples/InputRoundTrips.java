package dev.switchboard.examples;

import dev.switchboard.mcp.Context;
import dev.switchboard.mcp.InputRequest;
import dev.switchboard.mcp.InputResponses;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.Tools;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fixture's input round trips (SEP-2322, {@code docs/conformance.md} section 7): tools and a
 * prompt that need an elicitation, a sampling call or the client's roots before they can answer.
 * Each is ordinary blocking code on {@link Context#ask}; for a session client the asks become
 * server-to-client requests, for a 2026-07-28 client {@code input_required} rounds. The keys
 * ({@code user_name}, {@code confirm}, {@code step1}, …) are the ones the suite checks.
 */
final class InputRoundTrips {
    private InputRoundTrips() {}

    static void tools(McpServer.Builder b) {
        b.tool(noArgs("test_input_required_result_elicitation", "Asks for the user's name (key user_name), then greets them"), (a, c) ->
                "Hello, " + field(c.ask(Map.of("user_name", askName("What is your name?"))).elicitation("user_name"), "name") + "!");
        b.tool(noArgs("test_input_required_result_sampling", "Asks the client's model a question (key sample_request)"), (a, c) ->
                "Sampling result: " + text(c.ask(Map.of("sample_request", question("What is the capital of France?", 100))).sampling("sample_request")));
        b.tool(noArgs("test_input_required_result_list_roots", "Asks for the client's roots (key roots_request)"), (a, c) ->
                "Found " + c.ask(Map.of("roots_request", InputRequest.roots())).roots("roots_request").size() + " root(s)");
        b.tool(noArgs("test_input_required_result_request_state", "Asks for a confirmation (key confirm) carried through requestState"),
                InputRoundTrips::confirm);
        b.tool(noArgs("test_input_required_result_tampered_state", "Asks for a confirmation; a tampered requestState is refused"),
                InputRoundTrips::confirm);
        b.tool(noArgs("test_input_required_result_multiple_inputs", "Asks for a name, a greeting and the roots in one round"), (a, c) -> {
            Map<String, InputRequest> asks = new LinkedHashMap<>();
            asks.put("user_name", askName("What is your name?"));
            asks.put("greeting", question("Generate a greeting", 50));
            asks.put("client_roots", InputRequest.roots());
            InputResponses in = c.ask(asks);
            return field(in.elicitation("user_name"), "name") + " / " + text(in.sampling("greeting")) + " / " + in.roots("client_roots").size() + " root(s)";
        });
        b.tool(noArgs("test_input_required_result_multi_round", "Asks for a name (step1), then in a second round a colour (step2)"), (a, c) -> {
            String name = field(c.ask(Map.of("step1", askName("Step 1: What is your name?"))).elicitation("step1"), "name");
            String color = field(c.ask(Map.of("step2", InputRequest.elicit("Step 2: What is your favorite color?",
                    Schemas.requiredStrings("color", "Your favorite color")))).elicitation("step2"), "color");
            return name + "'s favorite color is " + color;
        });
        b.tool(noArgs("test_input_required_result_capabilities", "Asks only for what the client declared it can answer"), InputRoundTrips::declaredOnly);
    }

    static void prompts(McpServer.Builder b) {
        b.prompt(new Prompts.Prompt("test_input_required_result_prompt", "Prompt Needing Input", "Asks what context to use (key user_context)", List.of(), null, null),
                (args, c) -> "Prompt with context: " + field(c.ask(Map.of("user_context", InputRequest.elicit("What context should the prompt use?",
                        Schemas.requiredStrings("context", "The context to use")))).elicitation("user_context"), "context"));
    }

    private static Object confirm(ObjectNode args, Context c) {
        ObjectNode schema = Schemas.object();
        ((ObjectNode) schema.get("properties")).putObject("ok").put("type", "boolean").put("description", "Whether to go ahead");
        schema.putArray("required").add("ok");
        Elicitation.ElicitResult r = c.ask(Map.of("confirm", InputRequest.elicit("Please confirm", schema))).elicitation("confirm");
        boolean ok = r.content() != null && r.content().path("ok").asBoolean(false);
        return ok ? "state-ok: confirmed" : "state-ok: not confirmed (" + r.action().wireName() + ")";
    }

    private static Object declaredOnly(ObjectNode args, Context c) {
        ClientCapabilities caps = c.session().capabilities();
        Map<String, InputRequest> asks = new LinkedHashMap<>();
        if (caps.elicitation() != null) asks.put("user_name", askName("What is your name?"));
        if (caps.sampling() != null) asks.put("sample_request", question("What is the capital of France?", 100));
        if (caps.roots() != null) asks.put("roots_request", InputRequest.roots());
        if (asks.isEmpty()) return "The client declared no capability to answer with";
        return "Answered: " + c.ask(asks).keys().stream().sorted().toList();
    }

    private static InputRequest askName(String message) {
        return InputRequest.elicit(message, Schemas.requiredStrings("name", "Your name"));
    }

    private static InputRequest question(String text, int maxTokens) {
        return InputRequest.sample(Sampling.CreateMessageParams.of(List.of(Sampling.SamplingMessage.user(text)), maxTokens));
    }

    private static String field(Elicitation.ElicitResult r, String name) {
        return r.content() == null ? "(" + r.action().wireName() + ")" : r.content().path(name).asString("(none)");
    }

    private static String text(Sampling.CreateMessageResult r) {
        return r.content().stream().filter(Content.Text.class::isInstance).map(t -> ((Content.Text) t).text()).findFirst().orElse("(no text)");
    }

    private static Tools.Tool noArgs(String name, String description) {
        return Tools.Tool.of(name, description, Schemas.object());
    }
}
