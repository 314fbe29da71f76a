package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Session-era traffic by hand over {@link HttpClient}, for tests that look at what reaches the wire. */
final class WireSessions {
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{\"elicitation\":{}},\"clientInfo\":{\"name\":\"wire\",\"version\":\"1\"}}}";

    /** A POST answered as SSE (or plain JSON), read line by line on a virtual thread. */
    record Stream(HttpResponse<InputStream> response, List<String> lines, AtomicBoolean ended) {
        List<String> data() {
            return lines.stream().filter(l -> l.startsWith("data: {")).map(l -> l.substring(6)).toList();
        }

        /** The first message on the stream containing {@code text}, once it arrives. */
        String awaitData(String text) {
            await().until(() -> data().stream().anyMatch(d -> d.contains(text)));
            return data().stream().filter(d -> d.contains(text)).findFirst().orElseThrow();
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI uri;

    WireSessions(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/mcp");
    }

    private HttpRequest.Builder post(String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        return session == null ? b : b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }

    /** Initializes a session whose client declares elicitation; its id. */
    String open() throws Exception {
        HttpResponse<String> r = send(null, INIT);
        assertThat(r.statusCode()).isEqualTo(200);
        String id = r.headers().firstValue("mcp-session-id").orElseThrow();
        assertThat(send(id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode()).isEqualTo(202);
        return id;
    }

    HttpResponse<String> send(String session, String body) throws Exception {
        return client.send(post(session, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String session) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code body} and reads its answer as it arrives; returns once the response head is in. */
    Stream stream(String session, String body) throws Exception {
        HttpResponse<InputStream> r = client.send(post(session, body).build(), HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicBoolean ended = new AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader br = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String l = br.readLine(); l != null; l = br.readLine()) lines.add(l.startsWith("{") ? "data: " + l : l);
                ended.set(true);
            } catch (Exception closedByTheTest) {
                // the test ended first
            }
        });
        return new Stream(r, lines, ended);
    }

    static String call(Object id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}}}";
    }

    /** The client's answer to the server's request {@code id} (as the JSON id, quotes included). */
    static String accept(String id, String name) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"action\":\"accept\",\"content\":{\"name\":\"" + name + "\"}}}";
    }

    /** The JSON id of the server-to-client request in {@code message}. */
    static String requestId(String message) {
        int at = message.indexOf("\"id\":");
        int end = message.indexOf(',', at);
        return message.substring(at + 5, end);
    }
}
