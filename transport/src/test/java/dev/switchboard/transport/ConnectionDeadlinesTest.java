package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Defect 1 of issue 11: connections that send nothing, send headers a byte at a time, stall in a
 * body or sit idle are closed within the (here shortened) timeouts, while a normal client keeps
 * getting answers; connections beyond the caps get a 503 naming the setting.
 */
class ConnectionDeadlinesTest {
    record Add(double a, double b) {}

    static final String INIT = StreamableHttpServerTest.INIT;
    private static final Duration SHORT = Duration.ofMillis(400);

    private McpServer server;
    private StreamableHttpServer http;
    private final List<Socket> sockets = new ArrayList<>();

    private void start(ConnectionSettings connections) throws InterruptedException {
        server = McpServer.builder("deadlines", "1").tool("add", "adds", Add.class, a -> String.valueOf(a.a() + a.b())).build();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0).withKeepAlive(Duration.ofMillis(100))
                .withConnections(connections));
    }

    private void startShort() throws InterruptedException {
        start(ConnectionSettings.defaults().withTimeouts(SHORT, SHORT, SHORT));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) s.close();
        if (http != null) http.close();
        if (server != null) server.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", http.port());
        s.setSoTimeout(5_000);
        sockets.add(s);
        return s;
    }

    /** Everything the server sends until it closes the connection; fails when it does not close within the socket timeout. */
    private static String untilClosed(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        try {
            for (int c = in.read(); c >= 0; c = in.read()) out.write(c);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within 5 s; it sent '" + out.toString(StandardCharsets.UTF_8) + "'");
        } catch (IOException reset) {
            // a reset after the answer is a close as well
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A normal client calling tools/call back to back on its own keep-alive connection until {@code stop}; answers 200 counted. */
    private CompletableFuture<int[]> normalClient(AtomicBoolean stop, AtomicInteger answers) {
        return CompletableFuture.supplyAsync(() -> {
            int ok = 0, failed = 0;
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
            try {
                HttpResponse<String> init = client.send(post(uri, INIT, null), HttpResponse.BodyHandlers.ofString());
                String session = init.headers().firstValue("mcp-session-id").orElseThrow();
                client.send(post(uri, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session), HttpResponse.BodyHandlers.ofString());
                while (!stop.get()) {
                    var r = client.send(post(uri, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}}", session),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("3.0")) answers.set(++ok);
                    else failed++;
                }
            } catch (Exception e) {
                failed++;
            }
            return new int[] {ok, failed};
        });
    }

    private static HttpRequest post(URI uri, String body, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-11-25").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) b.header("Mcp-Session-Id", session);
        return b.build();
    }

    @Test
    void silentConnections_getA408AndAreClosed_whileANormalClientKeepsGettingAnswers() throws Exception {
        startShort();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answers = new AtomicInteger();
        CompletableFuture<int[]> normal = normalClient(stop, answers);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> answers.get() > 0 || normal.isDone());
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < 20; i++) silent.add(connect());
        int before = answers.get();
        for (Socket s : silent) assertThat(untilClosed(s)).startsWith("HTTP/1.1 408").contains("http.headerTimeoutMs");
        int during = answers.get() - before;
        stop.set(true);
        int[] counts = normal.get();
        assertThat(counts[1]).as("normal client's failures").isZero();
        assertThat(during).as("normal client's answers while the silent connections were open").isPositive();
    }

    @Test
    void headersOneBytePerInterval_areCutByTheHeaderTimeout() throws Exception {
        startShort();
        Socket s = connect();
        byte[] head = ("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        AtomicInteger sent = new AtomicInteger();
        Thread trickle = Thread.ofVirtual().start(() -> {
            try {
                for (byte b : head) {
                    s.getOutputStream().write(b);
                    s.getOutputStream().flush();
                    sent.incrementAndGet();
                    Thread.sleep(20);
                }
            } catch (IOException | InterruptedException closed) {
                // the server cut us off: what the test expects
            }
        });
        assertThat(untilClosed(s)).startsWith("HTTP/1.1 408").contains("http.headerTimeoutMs");
        trickle.join(5_000);
        assertThat(sent.get()).as("bytes of the head sent before the cut").isLessThan(head.length);
    }

    @Test
    void stalledBody_isCutByTheBodyTimeout() throws Exception {
        startShort();
        Socket s = connect();
        s.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Content-Length: 100\r\n\r\n{\"jsonrpc\":").getBytes(StandardCharsets.US_ASCII));
        assertThat(untilClosed(s)).startsWith("HTTP/1.1 408").contains("http.bodyTimeoutMs");
    }

    @Test
    void chunkedBodyThatNeverEnds_isCutByTheBodyTimeout() throws Exception {
        startShort();
        Socket s = connect();
        s.getOutputStream().write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nb\r\n{\"jsonrpc\":\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(untilClosed(s)).startsWith("HTTP/1.1 408").contains("http.bodyTimeoutMs");
    }

    @Test
    void idleKeepAliveConnection_isClosedAfterTheIdleTimeout() throws Exception {
        startShort();
        try (RawHttp raw = new RawHttp(http.port())) {
            raw.write(RawHttp.post(null, INIT));
            assertThat(raw.read().status()).isEqualTo(200);
            raw.socket.setSoTimeout(5_000);
            long start = System.nanoTime();
            assertThat(raw.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT.minusMillis(50));
        }
    }

    @Test
    void openSseStream_isNotIdle_andOutlivesTheIdleTimeout() throws Exception {
        startShort();
        try (RawHttp raw = new RawHttp(http.port())) {
            raw.write(RawHttp.post(null, INIT));
            String session = raw.read().headers().get("mcp-session-id");
            raw.write(RawHttp.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
            assertThat(raw.read().status()).isEqualTo(202);
            raw.write("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + session + "\r\n\r\n");
            raw.readUntil("text/event-stream");
            Thread.sleep(SHORT.toMillis() * 3);
            assertThat(raw.readUntil(": keep-alive")).contains(": keep-alive");
        }
    }

    @Test
    void connectionBeyondMaxConnections_gets503NamingTheKeyWithRetryAfter() throws Exception {
        start(ConnectionSettings.defaults().withCaps(3, 100));
        for (int i = 0; i < 3; i++) admitted(connect());
        Socket extra = connect();
        extra.getOutputStream().write("GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String answer = untilClosed(extra);
        assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After: 1").contains("http.maxConnections");
    }

    @Test
    void connectionBeyondThePerAddressCap_gets503_andAClosedOneFreesItsPlace() throws Exception {
        start(ConnectionSettings.defaults().withCaps(100, 2));
        Socket first = connect();
        admitted(first);
        admitted(connect());
        Socket extra = connect();
        assertThat(untilClosed(extra)).startsWith("HTTP/1.1 503").contains("http.maxConnectionsPerAddress").contains("127.0.0.1");
        first.close();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> http.traffic().openConnections() <= 2);
        admitted(connect());
    }

    /** Asks for a path that is not served and reads the 404: the connection was admitted and is open. */
    private static void admitted(Socket s) throws IOException {
        s.getOutputStream().write("GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] status = s.getInputStream().readNBytes(12);
        assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 404");
    }
}
