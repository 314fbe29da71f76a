package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MCP over WebSocket at /mcp/ws, over a real socket, against {@link EchoHost}. */
class WebSocketTransportTest {
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private EchoHost host;
    private StreamableHttpServer http;

    /** What a client received: text messages, and the close code and reason. */
    static final class Received implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }
    }

    @BeforeEach
    void start() throws Exception {
        start(Duration.ofSeconds(10));
    }

    /** The server under test, pinging silent connections every {@code ping}: short only where pings are what is tested, since a loaded machine delays pongs. */
    private void start(Duration ping) throws Exception {
        if (http != null) http.close();
        host = new EchoHost(3);
        http = StreamableHttpServer.start(host, host.codec, HttpSettings.defaults().withPort(0)
                        .withConnections(ConnectionSettings.defaults().withSlowReaders(64 * 1024, Duration.ofMillis(300))),
                HttpRoutes.none(), WebSocketSettings.defaults().withLimits(4 * 1024, 16 * 1024).withPingInterval(ping), HandshakeCheck.none());
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private WebSocket connect(Received received) {
        return HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("mcp")
                .buildAsync(URI.create("ws://127.0.0.1:" + http.port() + "/mcp/ws"), received).join();
    }

    @Test
    void webSocket_initializeThenRequests_answersEachOnATextFrameInOneSession() throws Exception {
        Received r = new Received();
        WebSocket ws = connect(r);
        assertThat(ws.getSubprotocol()).isEqualTo("mcp");
        ws.sendText(INIT, true).join();
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test/related\"}", true).join();
        await().atMost(5, TimeUnit.SECONDS).until(() -> r.messages.size() == 4);
        assertThat(r.messages.get(0)).contains("\"id\":1").contains("initialize");
        assertThat(r.messages.subList(1, 4)).satisfiesExactly(
                m -> assertThat(m).contains("one"), m -> assertThat(m).contains("two"), m -> assertThat(m).contains("\"id\":2"));
        assertThat(host.sessions).hasSize(1);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        await().atMost(5, TimeUnit.SECONDS).until(() -> host.sessions.isEmpty());
    }

    @Test
    void webSocket_binaryFrame_answersInvalidRequestAndCarriesOn() {
        Received r = new Received();
        WebSocket ws = connect(r);
        ws.sendBinary(ByteBuffer.wrap(INIT.getBytes(StandardCharsets.UTF_8)), true).join();
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}", true).join();
        await().atMost(5, TimeUnit.SECONDS).until(() -> r.messages.size() == 2);
        assertThat(r.messages.get(0)).contains("-32600").contains("Binary frames are not accepted");
        assertThat(r.messages.get(1)).contains("\"id\":5");
    }

    @Test
    void webSocket_fragmentedMessage_isJoinedIntoOne() {
        Received r = new Received();
        WebSocket ws = connect(r);
        ws.sendText(INIT.substring(0, 20), false).join();
        ws.sendText(INIT.substring(20, 60), false).join();
        ws.sendText(INIT.substring(60), true).join();
        await().atMost(5, TimeUnit.SECONDS).until(() -> r.messages.size() == 1);
        assertThat(r.messages.getFirst()).contains("\"id\":1").contains("\"result\"");
    }

    @Test
    void webSocket_frameOverTheCap_closesWith1009() throws Exception {
        Received r = new Received();
        WebSocket ws = connect(r);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(5_000) + "\"}}", true);
        assertThat(r.closed.get(5, TimeUnit.SECONDS)).startsWith("1009");
    }

    @Test
    void webSocket_fragmentedMessageOverTheCap_closesWith1009NamingTheSetting() throws Exception {
        Received r = new Received();
        WebSocket ws = connect(r);
        String chunk = "x".repeat(3_000);
        for (int i = 0; i < 6; i++) ws.sendText(chunk, false).join();
        ws.sendText("", true);
        assertThat(r.closed.get(5, TimeUnit.SECONDS)).startsWith("1009").contains("ws.maxMessageBytes");
    }

    @Test
    void webSocket_foreignOriginOrWrongSubprotocol_isRefusedBeforeTheUpgrade() throws Exception {
        assertThat(rawUpgrade("Origin: http://evil.example\r\nSec-WebSocket-Protocol: mcp\r\n")).startsWith("HTTP/1.1 403").contains("Origin");
        assertThat(rawUpgrade("Sec-WebSocket-Protocol: chat\r\n")).startsWith("HTTP/1.1 400").contains("mcp");
        assertThat(host.sessions).isEmpty();
    }

    @Test
    void webSocket_clientThatNeverReads_isClosedAndItsSessionEnds() throws Exception {
        try (Socket s = new Socket("127.0.0.1", http.port())) {
            s.setReceiveBufferSize(4096);
            OutputStream out = s.getOutputStream();
            out.write(upgradeRequest("Sec-WebSocket-Protocol: mcp\r\n").getBytes(StandardCharsets.US_ASCII));
            readHead(s.getInputStream());
            out.write(maskedText("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"test/flood\"}"));
            out.flush();
            await().atMost(10, TimeUnit.SECONDS).until(() -> http.traffic().closed(ConnectionClosure.SLOW_READER) >= 1);
            await().atMost(5, TimeUnit.SECONDS).until(() -> host.sessions.isEmpty());
        }
    }

    @Test
    void webSocket_silentClient_isPingedAndAnsweringItKeepsTheConnection() throws Exception {
        start(Duration.ofMillis(500));
        Received r = new Received();
        WebSocket ws = connect(r);
        Thread.sleep(2_500); // five ping intervals; the JDK client answers each ping with a pong
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}", true).join();
        await().atMost(5, TimeUnit.SECONDS).until(() -> r.messages.size() == 1);
        assertThat(r.closed).isNotDone();
    }

    @Test
    void webSocket_clientThatNeverAnswersPings_isClosedWith1001() throws Exception {
        start(Duration.ofMillis(200));
        try (Socket s = new Socket("127.0.0.1", http.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(upgradeRequest("Sec-WebSocket-Protocol: mcp\r\n").getBytes(StandardCharsets.US_ASCII));
            readHead(s.getInputStream());
            byte[] rest = s.getInputStream().readAllBytes(); // until the server closes
            // pings (0x89) first, then a close frame (0x88) with status 1001 naming the setting
            String text = new String(rest, StandardCharsets.ISO_8859_1);
            assertThat(rest).contains((byte) 0x89, (byte) 0x88);
            assertThat(text).contains("\u0003\u00e9").contains("ws.pingIntervalMs");
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> host.sessions.isEmpty());
    }

    private String rawUpgrade(String extra) throws Exception {
        try (Socket s = new Socket("127.0.0.1", http.port())) {
            s.getOutputStream().write(upgradeRequest(extra).getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5_000);
            byte[] buf = new byte[4096];
            int n = s.getInputStream().read(buf);
            return new String(buf, 0, n, StandardCharsets.UTF_8);
        }
    }

    private String upgradeRequest(String extra) {
        return "GET /mcp/ws HTTP/1.1\r\nHost: 127.0.0.1:" + http.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extra + "\r\n";
    }

    private static void readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
    }

    /** A client's text frame: FIN, opcode 1, masked with a zero key (clients must mask). */
    static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(payload.length + 14);
        b.put((byte) 0x81);
        if (payload.length < 126) b.put((byte) (0x80 | payload.length));
        else {
            b.put((byte) (0x80 | 126));
            b.putShort((short) payload.length);
        }
        b.putInt(0).put(payload);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }
}
