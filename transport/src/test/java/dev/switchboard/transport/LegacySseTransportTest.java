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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The 2024-11-05 HTTP+SSE transport (GET /sse, POST /messages) over a real socket, against {@link EchoHost}. */
class LegacySseTransportTest {
    private EchoHost host;
    private StreamableHttpServer http;
    private String base;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        host = new EchoHost(3);
        http = StreamableHttpServer.start(host, host.codec, HttpSettings.defaults().withPort(0).withKeepAlive(Duration.ofMillis(200))
                        .withConnections(ConnectionSettings.defaults().withSlowReaders(64 * 1024, Duration.ofMillis(300))),
                HttpRoutes.none(), WebSocketSettings.defaults(), HandshakeCheck.none());
        base = "http://127.0.0.1:" + http.port();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    /** The stream's lines, read on a virtual thread. */
    private List<String> open(HttpResponse<InputStream> r) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) lines.add(l);
            } catch (Exception e) {
                lines.add("closed: " + e);
            }
        });
        return lines;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String endpoint(List<String> lines) {
        await().atMost(5, TimeUnit.SECONDS).until(() -> lines.contains("event: endpoint"));
        return lines.get(lines.indexOf("event: endpoint") + 1).substring("data: ".length());
    }

    @Test
    void legacySse_postedRequests_areAcceptedAndAnsweredOnTheStream() throws Exception {
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(base + "/sse")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<String> lines = open(r);
        String endpoint = endpoint(lines);
        assertThat(endpoint).startsWith("/messages?sessionId=");
        HttpResponse<String> accepted = post(endpoint, WebSocketTransportTest.INIT);
        assertThat(accepted.statusCode()).isEqualTo(202);
        post(endpoint, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test/related\"}");
        await().atMost(5, TimeUnit.SECONDS).until(() -> lines.stream().filter(l -> l.startsWith("data: {")).count() == 4);
        List<String> data = lines.stream().filter(l -> l.startsWith("data: {")).toList();
        assertThat(data.get(0)).contains("\"id\":1");
        assertThat(data.get(3)).contains("\"id\":2");
        assertThat(lines).contains("event: message");
        await().atMost(2, TimeUnit.SECONDS).until(() -> lines.contains(": keep-alive"));
    }

    @Test
    void legacySse_postWithUnknownSession_is404NamingIt() throws Exception {
        HttpResponse<String> r = post("/messages?sessionId=nope", WebSocketTransportTest.INIT);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("Session not found: 'nope'").contains("GET /sse");
        HttpResponse<String> none = post("/messages", WebSocketTransportTest.INIT);
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("sessionId query parameter is required");
    }

    @Test
    void legacySse_malformedBody_is400WithParseErrorAndTheStreamCarriesOn() throws Exception {
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(base + "/sse")).build(), HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = open(r);
        String endpoint = endpoint(lines);
        HttpResponse<String> bad = post(endpoint, "{not json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("-32700");
        assertThat(post(endpoint, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}").statusCode()).isEqualTo(202);
        await().atMost(5, TimeUnit.SECONDS).until(() -> lines.stream().anyMatch(l -> l.contains("\"id\":4")));
    }

    @Test
    void legacySse_streamClosed_endsTheSessionAndLaterPostsGet404() throws Exception {
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(base + "/sse")).build(), HttpResponse.BodyHandlers.ofInputStream());
        String endpoint = endpoint(open(r));
        assertThat(host.sessions).hasSize(1);
        r.body().close();
        await().atMost(5, TimeUnit.SECONDS).until(() -> host.sessions.isEmpty());
        assertThat(post(endpoint, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void legacySse_foreignOrigin_isRefused403() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/sse")).header("Origin", "http://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(host.sessions).isEmpty();
    }

    @Test
    void legacySse_streamThatIsNeverRead_isCutAndItsSessionEnds() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", http.port())) {
            s.setReceiveBufferSize(4096);
            s.getOutputStream().write(("GET /sse HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5_000);
            byte[] buf = new byte[512];
            String head = "";
            while (!head.contains("sessionId=")) head += new String(buf, 0, s.getInputStream().read(buf), StandardCharsets.US_ASCII);
            int at = head.indexOf("sessionId=") + "sessionId=".length();
            String id = head.substring(at, at + 36);
            post("/messages?sessionId=" + id, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"test/flood\"}");
            await().atMost(10, TimeUnit.SECONDS).until(() -> http.traffic().closed(ConnectionClosure.SLOW_READER) >= 1);
            await().atMost(5, TimeUnit.SECONDS).until(() -> host.sessions.isEmpty());
        }
    }
}
