package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The listener's traffic counts each connection it refuses at a cap or cuts at a deadline, by
 * reason, so ops can report what was until now only logged (and rate-limited at that).
 */
class ConnectionClosureCountsTest {
    record Add(double a, double b) {}

    private static final Duration SHORT = Duration.ofMillis(300);
    private McpServer server;
    private StreamableHttpServer http;
    private final List<Socket> sockets = new ArrayList<>();

    private void start(ConnectionSettings connections) throws InterruptedException {
        server = McpServer.builder("closures", "1").tool("add", "adds", Add.class, a -> String.valueOf(a.a() + a.b())).build();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0).withConnections(connections));
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

    private static String untilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder out = new StringBuilder();
        try {
            for (int c = in.read(); c >= 0; c = in.read()) out.append((char) c);
        } catch (IOException reset) {
            // a reset after the answer is a close as well (a read timeout fails the assertions below)
        }
        return out.toString();
    }

    private static void request(Socket s, String head) throws IOException {
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void headerBodyAndIdleTimeouts_areEachCountedUnderTheirReason() throws Exception {
        start(ConnectionSettings.defaults().withTimeouts(SHORT, SHORT, SHORT));
        HttpTraffic t = http.traffic();
        Socket silent = connect();
        Socket partialHead = connect();
        request(partialHead, "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        Socket stalledBody = connect();
        request(stalledBody, "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
        Socket idle = connect();
        request(idle, "GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(untilClosed(silent)).startsWith("HTTP/1.1 408");
        assertThat(untilClosed(partialHead)).startsWith("HTTP/1.1 408");
        assertThat(untilClosed(stalledBody)).startsWith("HTTP/1.1 408").contains("http.bodyTimeoutMs");
        assertThat(untilClosed(idle)).startsWith("HTTP/1.1 404");

        assertThat(t.closed(ConnectionClosure.HEADER_TIMEOUT)).isEqualTo(2);
        assertThat(t.closed(ConnectionClosure.BODY_TIMEOUT)).isEqualTo(1);
        assertThat(t.closed(ConnectionClosure.IDLE_TIMEOUT)).isEqualTo(1);
        assertThat(t.closed(ConnectionClosure.REFUSED_TOTAL_CAP) + t.closed(ConnectionClosure.REFUSED_ADDRESS_CAP)
                + t.closed(ConnectionClosure.SLOW_READER)).isZero();
    }

    @Test
    void refusalAtThePerAddressCap_isCountedAsSuch_andNotAgainAsAHeaderTimeoutWhileItLingers() throws Exception {
        start(ConnectionSettings.defaults().withCaps(100, 2).withTimeouts(SHORT, SHORT, Duration.ofSeconds(30)));
        admitted(connect());
        admitted(connect());
        Socket refused = connect();
        assertThat(untilClosed(refused)).startsWith("HTTP/1.1 503").contains("http.maxConnectionsPerAddress");
        // the refused socket stays open on our side (the server lingers up to 2 s): its header deadline must not fire
        Thread.sleep(SHORT.toMillis() * 3);
        assertThat(http.traffic().closed(ConnectionClosure.REFUSED_ADDRESS_CAP)).isEqualTo(1);
        assertThat(http.traffic().closed(ConnectionClosure.REFUSED_TOTAL_CAP)).isZero();
        assertThat(http.traffic().closed(ConnectionClosure.HEADER_TIMEOUT)).isZero();
    }

    @Test
    void refusalAtTheTotalCap_isCountedAsSuch() throws Exception {
        start(ConnectionSettings.defaults().withCaps(2, 100));
        admitted(connect());
        admitted(connect());
        assertThat(untilClosed(connect())).startsWith("HTTP/1.1 503").contains("(http.maxConnections)");
        assertThat(untilClosed(connect())).startsWith("HTTP/1.1 503");
        assertThat(http.traffic().closed(ConnectionClosure.REFUSED_TOTAL_CAP)).isEqualTo(2);
        assertThat(http.traffic().closed(ConnectionClosure.REFUSED_ADDRESS_CAP)).isZero();
    }

    /** Asks for a path that is not served and reads the 404's status line: the connection was admitted. */
    private static void admitted(Socket s) throws IOException {
        request(s, "GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 404");
    }
}
