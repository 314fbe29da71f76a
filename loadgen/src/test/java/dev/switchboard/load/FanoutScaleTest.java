package dev.switchboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.examples.DemoServer;
import dev.switchboard.examples.Ticker;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the scale runs that do not need a big machine: subscribers, steps, the ladder, the open-files limit. */
class FanoutScaleTest {
    private static McpServer server;
    private static StreamableHttpServer http;
    private static URI mcp;
    private static URI ws;

    @BeforeAll
    static void start() throws Exception {
        server = DemoServer.create();
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        mcp = URI.create("http://127.0.0.1:" + http.port() + "/mcp");
        ws = URI.create("ws://127.0.0.1:" + http.port() + "/mcp/ws");
    }

    @AfterAll
    static void stop() {
        http.close();
        server.close();
    }

    @Test
    void step_overEitherTransport_everySubscriberHearsEveryUpdateOnce() throws Exception {
        for (String transport : List.of("websocket", "streamable-http")) {
            try (FanoutSubscribers subs = FanoutSubscribers.open(transport, mcp, ws, Ticker.URI, 20, 1)) {
                assertThat(subs.count()).as(transport + ": " + subs.firstError()).isEqualTo(20);
                FanoutStep step = new FanoutStep(10, 3, subs.count());
                subs.listen(step);
                for (int k = 0; k < 3; k++) {
                    step.sent(k);
                    server.resourceUpdated(Ticker.URI);
                }
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> step.delivered.sum() == step.expected());
                assertThat(step.unexpected.sum()).isZero();
                assertThat(step.latency().getTotalCount()).isEqualTo(60);
                assertThat(subs.open()).isEqualTo(20);
            }
        }
    }

    @Test
    void held_overWebSocketAndLegacySse_opensASessionPerConnectionAndKeepsThemOpen() throws Exception {
        HeldConnections.Options o = new HeldConnections.Options(Path.of("."), "websocket", 12, Duration.ofSeconds(1), 3, 1);
        java.util.concurrent.atomic.AtomicReference<String> error = new java.util.concurrent.atomic.AtomicReference<>();
        int before = server.sessionCount();
        try (HeldConnections.Held ws = HeldConnections.webSockets(FanoutScaleTest.ws, 12, o, error);
             HeldConnections.Held sse = HeldConnections.legacySse(URI.create("http://127.0.0.1:" + http.port() + "/sse"), 12, o, error)) {
            assertThat(error.get()).isNull();
            assertThat(ws.count()).isEqualTo(12);
            assertThat(sse.count()).isEqualTo(12);
            assertThat(ws.open() + sse.open()).isEqualTo(24);
            assertThat(server.sessionCount() - before).isEqualTo(24);
        }
    }

    @Test
    void ladder_belowTheTarget_stepsOneTwoFive() {
        assertThat(FanoutScale.ladder(100)).containsExactly(1.0, 2.0, 5.0, 10.0, 20.0, 50.0);
        assertThat(FanoutScale.ladder(1)).isEmpty();
    }

    @Test
    void openFiles_fromALimitsFile_readsTheSoftLimit(@TempDir Path dir) throws Exception {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, "Limit                     Soft Limit           Hard Limit           Units     \n"
                + "Max open files            20000                40000                files     \n");
        assertThat(HeldConnections.openFiles(limits)).isEqualTo(20_000);
        Files.writeString(limits, "Max open files            unlimited            unlimited            files     \n");
        assertThat(HeldConnections.openFiles(limits)).isEqualTo(Long.MAX_VALUE);
        assertThat(HeldConnections.openFiles(dir.resolve("absent"))).isEqualTo(Long.MAX_VALUE);
    }
}
