package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defects 8 and 9 of issue 11: SSE clients that never read while a handler streams events to them
 * are cut once their unsent output passes {@code http.maxBufferedBytes} (the old per-stream limit
 * was 8 MiB, so these 6 MB floods were buffered whole), and each cut connection is one log line
 * with its reason on the connections logger, nothing on stderr (20 streams used to write 321 lines).
 */
class SlowReadersTest {
    private static final int STREAMS = 12;
    private static final int EVENTS = 400;
    private static final String CHUNK = "x".repeat(16 * 1024);

    private McpServer server;
    private StreamableHttpServer http;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger connections = Logger.getLogger("dev.switchboard.transport.connections");
    private final Handler capture = new Handler() {
        @Override public void publish(LogRecord r) { records.add(r); }
        @Override public void flush() {}
        @Override public void close() {}
    };
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream realErr;

    @BeforeEach
    void start() throws Exception {
        server = McpServer.builder("slow-readers", "1")
                .tool("flood", "streams progress events of 16 KiB", ObjectNode.class, (a, c) -> {
                    for (int i = 0; i < EVENTS; i++) c.progress(i, (double) EVENTS, CHUNK);
                    return "done";
                })
                .build();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0)
                .withConnections(ConnectionSettings.defaults().withSlowReaders(64 * 1024, Duration.ofSeconds(30))));
        connections.addHandler(capture);
        realErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        System.setErr(realErr);
        connections.removeHandler(capture);
        for (Socket s : sockets) s.close();
        http.close();
        server.close();
    }

    @Test
    void neverReadingSseClients_areCutAtTheBufferBound_andLoggedOnceEach() throws Exception {
        for (int i = 0; i < STREAMS; i++) floodWithoutReading();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http.traffic().openConnections() == 0);
        List<String> lines = records.stream().map(LogRecord::getMessage).toList();
        assertThat(http.traffic().closed(ConnectionClosure.SLOW_READER)).as("slow readers counted").isEqualTo(STREAMS);
        // at most one line per stream: the log is rate-limited per process, so tests that ran before
        // in this JVM (408s, refusals) may have spent part of its burst; the count above is exact
        assertThat(lines).isNotEmpty().hasSizeLessThanOrEqualTo(STREAMS).allSatisfy(l -> assertThat(l).contains("http.maxBufferedBytes"));
        assertThat(stderr.toString(StandardCharsets.UTF_8)).as("stderr").isEmpty();
    }

    @Test
    void rateLimitedLog_letsABurstThroughAndCountsTheRest() {
        RateLimitedLog log = new RateLimitedLog(System.getLogger("dev.switchboard.transport.connections"), 0.001, 3);
        for (int i = 0; i < 10; i++) log.log(System.Logger.Level.INFO, () -> "closing");
        assertThat(records).hasSize(3);
        assertThat(log.suppressed()).isEqualTo(7);
    }

    /** Opens a session on its own connection, calls the flooding tool asking for progress, and never reads the stream. */
    private void floodWithoutReading() throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4 * 1024);
        s.connect(new InetSocketAddress("127.0.0.1", http.port()));
        s.setSoTimeout(5_000);
        sockets.add(s);
        RawHttp raw = new RawHttp(s);
        raw.write(RawHttp.post(null, StreamableHttpServerTest.INIT));
        String session = raw.read().headers().get("mcp-session-id");
        raw.write(RawHttp.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
        assertThat(raw.read().status()).isEqualTo(202);
        raw.write(RawHttp.post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"flood\",\"arguments\":{},"
                + "\"_meta\":{\"progressToken\":\"p\"}}}"));
    }
}
