package dev.switchboard.agents;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Streamable HTTP MCP server written by hand on the JDK's HttpServer, so it can break the protocol on purpose, for
 * {@link MisbehavingAgentTest}: {@code echo} answers normally; {@code big} answers with a body of {@code size} bytes
 * of text and its Content-Length, {@code bigchunked} the same chunked, {@code bigsse} as one event of an event stream;
 * {@code html} answers with an HTML error page, {@code notjson} with application/json that is not JSON, {@code plain}
 * with a proper answer labelled text/plain.
 */
final class MisbehavingHttpAgent implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOOLS = "echo big bigchunked bigsse html notjson plain";
    private final HttpServer server;

    MisbehavingHttpAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/mcp", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(exchange.getRequestMethod().equals("DELETE") ? 200 : 405, -1);
                return;
            }
            JsonNode message = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (!message.has("id") || !message.has("method")) {
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            String id = JSON.writeValueAsString(message.get("id"));
            JsonNode params = message.path("params");
            switch (message.get("method").asString()) {
                case "initialize" -> {
                    exchange.getResponseHeaders().add("Mcp-Session-Id", "misbehaving-1");
                    json(exchange, answer(id, "{\"protocolVersion\":" + JSON.writeValueAsString(params.get("protocolVersion"))
                            + ",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"misbehaving-http\",\"version\":\"1.0\"}}"), true);
                }
                case "ping" -> json(exchange, answer(id, "{}"), true);
                case "tools/list" -> {
                    StringBuilder tools = new StringBuilder();
                    for (String t : TOOLS.split(" "))
                        tools.append(tools.isEmpty() ? "" : ",").append("{\"name\":\"").append(t).append("\",\"inputSchema\":{\"type\":\"object\"}}");
                    json(exchange, answer(id, "{\"tools\":[" + tools + "]}"), true);
                }
                case "tools/call" -> call(exchange, id, params.path("name").asString(), params.path("arguments").path("size").asInt(0));
                default -> json(exchange, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"no such method\"}}", true);
            }
        }
    }

    private static void call(HttpExchange exchange, String id, String tool, int size) throws IOException {
        switch (tool) {
            case "echo" -> json(exchange, answer(id, text("echo")), true);
            case "big" -> json(exchange, answer(id, text("x".repeat(size))), true);
            case "bigchunked" -> json(exchange, answer(id, text("x".repeat(size))), false);
            case "bigsse" -> {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(("data: " + answer(id, text("x".repeat(size))) + "\n\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException closedByTheClient) {
                    // the client stops reading at its limit
                }
            }
            case "html" -> body(exchange, "text/html; charset=utf-8", "<html><body><h1>502 Bad Gateway</h1></body></html>", true);
            case "notjson" -> body(exchange, "application/json", "Internal error, sorry", true);
            case "plain" -> body(exchange, "text/plain", answer(id, text("sloppy but JSON-RPC")), true);
            default -> json(exchange, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32602,\"message\":\"unknown tool\"}}", true);
        }
    }

    private static void json(HttpExchange exchange, String body, boolean withLength) throws IOException {
        body(exchange, "application/json", body, withLength);
    }

    private static void body(HttpExchange exchange, String type, String body, boolean withLength) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, withLength ? bytes.length : 0); // 0: chunked
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException closedByTheClient) {
            // a client at its limit stops reading
        }
    }

    private static String text(String text) {
        return "{\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}";
    }

    private static String answer(String id, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
