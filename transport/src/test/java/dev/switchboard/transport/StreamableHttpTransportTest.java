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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport's own behaviour over a real socket, against {@link EchoHost} instead of the engine. */
class StreamableHttpTransportTest {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"%s\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}";

    private EchoHost host;
    private StreamableHttpServer http;
    private URI uri;
    private final HttpClient client = HttpClient.newHttpClient();

    /** An SSE response read line by line on a virtual thread. */
    record Sse(HttpResponse<InputStream> response, List<String> lines, AtomicBoolean ended) {
        List<String> data() {
            return lines.stream().filter(l -> l.startsWith("data: {")).toList();
        }

        List<String> ids() {
            return lines.stream().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
        }
    }

    @BeforeEach
    void start() throws Exception {
        host = new EchoHost(3);
        http = StreamableHttpServer.start(host, host.codec, HttpSettings.defaults().withPort(0).withKeepAlive(Duration.ofMillis(200)));
        uri = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private HttpRequest.Builder post(String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        return session == null ? b : b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String initialize(String version) throws Exception {
        HttpResponse<String> r = send(post(null, INIT.formatted(version)));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.headers().firstValue("mcp-session-id").orElseThrow();
    }

    private static String request(int id, String method) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\"}";
    }

    private Sse stream(HttpRequest request) throws Exception {
        HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicBoolean ended = new AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader br = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String l = br.readLine(); l != null; l = br.readLine()) lines.add(l);
                ended.set(true);
            } catch (Exception closedByTheTest) {
                // the test closed the stream
            }
        });
        return new Sse(r, lines, ended);
    }

    private HttpRequest.Builder get(String session) {
        return HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25").GET();
    }

    @Test
    void post_responseFirst_isJsonWithContentLength_andSessionIdRoundTrips() throws Exception {
        HttpResponse<String> init = send(post(null, INIT.formatted("2025-11-25")));
        String id = init.headers().firstValue("mcp-session-id").orElseThrow();
        assertThat(host.sessions).containsKey(id);
        HttpResponse<String> ping = send(post(id, PING));
        assertThat(ping.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(ping.headers().firstValue("content-length")).hasValue(String.valueOf(ping.body().length()));
        assertThat(ping.body()).contains("\"id\":9");
    }

    @Test
    void post_relatedMessagesFirst_switchesToSse_primedThenMessagesThenResponse() throws Exception {
        String s = initialize("2025-11-25");
        HttpResponse<String> r = send(post(s, request(5, "test/related")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String> lines = r.body().lines().toList();
        assertThat(lines.get(0)).matches("id: .+/0");
        assertThat(lines.get(1)).startsWith("retry: ");
        assertThat(lines.get(2)).isEqualTo("data: ");
        List<String> data = lines.stream().filter(l -> l.startsWith("data: {")).toList();
        assertThat(data).hasSize(3);
        assertThat(data.get(0)).contains("one");
        assertThat(data.get(1)).contains("two");
        assertThat(data.get(2)).contains("\"id\":5");
        String stream = lines.get(0).substring(4, lines.get(0).lastIndexOf('/'));
        assertThat(lines.stream().filter(l -> l.startsWith("id: ")).toList())
                .containsExactly("id: " + stream + "/0", "id: " + stream + "/1", "id: " + stream + "/2", "id: " + stream + "/3");
    }

    @Test
    void post_clientBefore2025_11_25_getsNoPrimingEvent() throws Exception {
        String s = initialize("2025-06-18");
        HttpResponse<String> r = send(post(s, request(5, "test/related")).setHeader("MCP-Protocol-Version", "2025-06-18"));
        assertThat(r.body()).doesNotContain("data: \n").doesNotContain("retry:");
        assertThat(r.body().lines().filter(l -> l.startsWith("data: {"))).hasSize(3);
    }

    @Test
    void closeStream_endsThePost_andLastEventIdReplaysTheRestOfThatStreamThenEnds() throws Exception {
        String s = initialize("2025-11-25");
        HttpResponse<String> first = send(post(s, request(6, "test/poll")));
        List<String> ids = first.body().lines().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
        assertThat(first.body()).contains("before").doesNotContain("after");
        assertThat(first.body()).contains("retry: ");
        String last = ids.getLast();
        assertThat(last).endsWith("/1"); // the priming event before letting go names the last event sent
        // meanwhile the session works as usual
        assertThat(send(post(s, PING)).statusCode()).isEqualTo(200);
        Sse resumed = stream(get(s).header("Last-Event-ID", last).build());
        assertThat(resumed.response().statusCode()).isEqualTo(200);
        await().untilTrue(resumed.ended()); // a finished POST stream: replay, then the response ends
        assertThat(resumed.data()).hasSize(2);
        assertThat(resumed.data().get(0)).contains("after");
        assertThat(resumed.data().get(1)).contains("\"id\":6");
        assertThat(resumed.ids()).doesNotContain(last);
    }

    @Test
    void get_receivesSessionChannelMessages_primed_andASecondGetIs409() throws Exception {
        String s = initialize("2025-11-25");
        Sse sse = stream(get(s).build());
        assertThat(sse.response().statusCode()).isEqualTo(200);
        await().until(() -> host.sessions.get(s).channel != null);
        assertThat(send(get(s)).statusCode()).isEqualTo(409);
        assertThat(send(post(s, request(7, "test/push"))).body()).contains("\"id\":7");
        await().until(() -> sse.data().size() == 1);
        assertThat(sse.data().getFirst()).contains("pushed");
        assertThat(sse.ids().getFirst()).endsWith("/0");
        await().until(() -> sse.lines().contains(": keep-alive"));
        sse.response().body().close();
    }

    @Test
    void get_withoutEventStreamInAccept_is406_andUnknownSessionIs404() throws Exception {
        String s = initialize("2025-11-25");
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri).header("Accept", "application/json").header("Mcp-Session-Id", s).GET());
        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.body()).contains("text/event-stream", "\"id\":null");
        assertThat(send(get("nope")).statusCode()).isEqualTo(404);
        assertThat(send(post(s, PING)).statusCode()).isEqualTo(200);
    }

    @Test
    void delete_endsTheSession_andItsStandaloneStream() throws Exception {
        String s = initialize("2025-11-25");
        Sse sse = stream(get(s).build());
        await().until(() -> host.sessions.get(s).channel != null);
        assertThat(send(HttpRequest.newBuilder(uri).header("Mcp-Session-Id", s).DELETE()).statusCode()).isEqualTo(200);
        await().untilTrue(sse.ended());
        assertThat(send(post(s, PING)).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri).header("Mcp-Session-Id", s).DELETE()).statusCode()).isEqualTo(404);
    }

    @Test
    void sessionEndedByTheServer_closesItsStandaloneStream() throws Exception {
        String s = initialize("2025-11-25");
        Sse sse = stream(get(s).build());
        await().until(() -> host.sessions.get(s).channel != null);
        host.end(s); // as idle eviction would
        await().atMost(Duration.ofSeconds(5)).untilTrue(sse.ended());
    }

    @Test
    void sessionCap_is503_namingTheLimit() throws Exception {
        for (int i = 0; i < 3; i++) initialize("2025-11-25");
        HttpResponse<String> r = send(post(null, INIT.formatted("2025-11-25")));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("sessions.max = 3", "\"id\":1");
    }

    @Test
    void unsupportedVersion_is400NamingSupported_andTheNextRequestWorks() throws Exception {
        String s = initialize("2025-11-25");
        HttpResponse<String> r = send(post(s, PING).setHeader("MCP-Protocol-Version", "2024-01-01"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("2024-01-01", "2025-11-25", "2025-06-18", "2025-03-26");
        assertThat(send(post(s, PING)).statusCode()).isEqualTo(200);
    }

    @Test
    void notificationAndResponse_are202WithoutBody() throws Exception {
        String s = initialize("2025-11-25");
        HttpResponse<String> n = send(post(s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
        assertThat(n.statusCode()).isEqualTo(202);
        assertThat(n.body()).isEmpty();
        HttpResponse<String> r = send(post(s, "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}"));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(host.absorbed).hasSize(2);
    }

    @Test
    void pipelinedRequests_areAnsweredInOrder() throws Exception {
        String s = initialize("2025-11-25");
        try (RawHttp raw = new RawHttp(http.port())) {
            raw.write(RawHttp.post(s, request(1, "test/slow")) + RawHttp.post(s, request(2, "ping")) + RawHttp.post(s, request(3, "test/related")));
            assertThat(raw.read().body()).contains("\"id\":1");
            assertThat(raw.read().body()).contains("\"id\":2");
            RawHttp.Response third = raw.read();
            assertThat(third.headers().get("content-type")).startsWith("text/event-stream");
            assertThat(third.body()).contains("\"id\":3");
            raw.write(RawHttp.post(s, request(4, "ping")));
            assertThat(raw.read().body()).contains("\"id\":4");
        }
    }

    @Test
    void connectionClose_andHttp10_closeAfterTheAnswer() throws Exception {
        String s = initialize("2025-11-25");
        try (RawHttp raw = new RawHttp(http.port())) {
            raw.write(RawHttp.post(s, request(1, "test/slow"), "Connection: close"));
            assertThat(raw.read().status()).isEqualTo(200);
            assertThat(raw.closedByServer()).isTrue();
        }
        try (RawHttp raw = new RawHttp(http.port())) {
            raw.write(RawHttp.post(s, PING).replace("HTTP/1.1", "HTTP/1.0"));
            assertThat(raw.read().body()).contains("\"id\":9");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void foreignHost_is403_evenWithoutOrigin_andLiteralNullOriginIs403() throws Exception {
        try (RawHttp raw = new RawHttp(http.port())) {
            raw.write(RawHttp.post(null, INIT.formatted("2025-11-25")).replace("Host: 127.0.0.1", "Host: attacker.example:80"));
            RawHttp.Response r = raw.read();
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("attacker.example", "\"id\":null");
        }
        assertThat(send(post(null, INIT.formatted("2025-11-25")).header("Origin", "null")).statusCode()).isEqualTo(403);
        assertThat(send(post(null, INIT.formatted("2025-11-25")).header("Origin", "http://[::1]:6274")).statusCode()).isEqualTo(200);
    }

    @Test
    void otherPathsAndMethods_getJsonErrors() throws Exception {
        HttpResponse<String> path = send(HttpRequest.newBuilder(uri.resolve("/other")).GET());
        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(path.body()).contains("/mcp");
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("allow")).hasValue("POST, GET, DELETE");
    }
}
