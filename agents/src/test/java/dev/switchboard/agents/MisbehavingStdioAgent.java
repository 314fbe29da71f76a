package dev.switchboard.agents;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stdio MCP server written by hand, so it can break the protocol on purpose, for {@link MisbehavingAgentTest}:
 * {@code echo} answers normally; {@code big} answers with {@code size} bytes of text, the id last as the TypeScript SDK
 * writes it; {@code noisy} writes a line of garbage and a JSON line that is not JSON-RPC before its normal answer;
 * {@code malformed} answers with a response that has neither result nor error; {@code endless} writes {@code size}
 * bytes without a newline and then nothing; {@code askbig} sends a sampling request of {@code size} bytes and answers
 * with the error it gets back.
 */
public final class MisbehavingStdioAgent {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MisbehavingStdioAgent() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            JsonNode message = JSON.readTree(line);
            if (!message.has("id") || !message.has("method")) continue; // notifications, responses
            String id = JSON.writeValueAsString(message.get("id"));
            JsonNode params = message.path("params");
            switch (message.get("method").asString()) {
                case "initialize" -> answer(out, id, "{\"protocolVersion\":" + JSON.writeValueAsString(params.get("protocolVersion"))
                        + ",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"misbehaving\",\"version\":\"1.0\"}}");
                case "ping" -> answer(out, id, "{}");
                case "tools/list" -> answer(out, id, "{\"tools\":[" + tool("echo", "") + "," + tool("big", ",\"annotations\":{\"readOnlyHint\":true}")
                        + "," + tool("noisy", "") + "," + tool("malformed", "") + "," + tool("endless", "") + "," + tool("askbig", "") + "]}");
                case "tools/call" -> call(out, in, id, params.path("name").asString(), params.path("arguments").path("size").asInt(0));
                default -> out.print("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"no such method\"}}\n");
            }
            out.flush();
        }
    }

    private static void call(PrintStream out, BufferedReader in, String id, String tool, int size) throws java.io.IOException {
        switch (tool) {
            case "askbig" -> {
                // a request of its own too large for the gateway's client, which must answer it with an error rather than leave it waiting
                out.print("{\"jsonrpc\":\"2.0\",\"id\":\"ask-1\",\"method\":\"sampling/createMessage\",\"params\":{\"messages\":[{\"role\":\"user\","
                        + "\"content\":{\"type\":\"text\",\"text\":\"" + "z".repeat(size) + "\"}}],\"maxTokens\":10}}\n");
                out.flush();
                JsonNode reply = JSON.readTree(in.readLine());
                answer(out, id, text("asked, got: " + reply.path("error").path("code").asInt() + " "
                        + reply.path("error").path("message").asString().replace("\"", "'")));
            }
            case "echo" -> answer(out, id, text("echo"));
            case "big" -> out.print("{\"result\":" + text("x".repeat(size)) + ",\"jsonrpc\":\"2.0\",\"id\":" + id + "}\n");
            case "noisy" -> {
                out.print("Debugger listening on ws://127.0.0.1:9229 (a console.log on stdout)\n");
                out.print("{\"hello\":\"world\"}\n");
                answer(out, id, text("after the noise"));
            }
            case "malformed" -> out.print("{\"jsonrpc\":\"2.0\",\"id\":" + id + "}\n");
            case "endless" -> out.print("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"" + "y".repeat(size));
            default -> out.print("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32602,\"message\":\"unknown tool " + tool + "\"}}\n");
        }
    }

    private static String tool(String name, String extra) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        return "{\"name\":\"" + name + "\",\"inputSchema\":" + schema + extra + "}";
    }

    private static String text(String text) {
        return "{\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}";
    }

    private static void answer(PrintStream out, String id, String result) {
        out.print("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}\n");
    }
}
