package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Newline-delimited JSON over TCP, over a real socket, against {@link EchoHost}. */
class TcpTransportTest {
    private EchoHost host;
    private TcpServer tcp;

    @BeforeEach
    void start() throws Exception {
        host = new EchoHost(2);
        tcp = TcpServer.start(host, host.codec, TcpSettings.defaults().withPort(0).withLimits(1_024, 3, 64 * 1024));
    }

    @AfterEach
    void stop() {
        tcp.close();
    }

    private Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", tcp.port());
        s.setSoTimeout(5_000);
        return s;
    }

    private static BufferedReader reader(Socket s) throws Exception {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    @Test
    void tcp_linesIn_answersOneLinePerMessageInOneSession() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write((WebSocketTransportTest.INIT + "\n\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test/related\"}\r\n").getBytes(StandardCharsets.UTF_8));
            BufferedReader in = reader(s);
            assertThat(in.readLine()).contains("\"id\":1");
            assertThat(List.of(in.readLine(), in.readLine(), in.readLine())).satisfiesExactly(
                    l -> assertThat(l).contains("one"), l -> assertThat(l).contains("two"), l -> assertThat(l).contains("\"id\":2"));
            assertThat(host.sessions).hasSize(1);
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> host.sessions.isEmpty());
    }

    @Test
    void tcp_lastLineWithoutNewlineAtEof_isServedAndAnsweredBeforeTheClose() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write((WebSocketTransportTest.INIT + "\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test/slow\"}").getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            BufferedReader in = reader(s);
            List<String> lines = new ArrayList<>();
            for (String l = in.readLine(); l != null; l = in.readLine()) lines.add(l);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).contains("\"id\":2").contains("test/slow");
        }
    }

    @Test
    void tcp_lineOverTheCapAndMalformedLine_getErrorsAndTheSessionCarriesOn() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("{\"pad\":\"" + "x".repeat(3_000) + "\"}\n{not json\n{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}\n").getBytes(StandardCharsets.UTF_8));
            BufferedReader in = reader(s);
            assertThat(in.readLine()).contains("-32600").contains("tcp.maxLineBytes");
            assertThat(in.readLine()).contains("-32700");
            assertThat(in.readLine()).contains("\"id\":5");
        }
    }

    @Test
    void tcp_clientThatNeverReads_isClosedAndItsSessionEnds() throws Exception {
        try (Socket s = connect()) {
            s.setReceiveBufferSize(4096);
            s.getOutputStream().write("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"test/flood\"}\n".getBytes(StandardCharsets.UTF_8));
            await().atMost(10, TimeUnit.SECONDS).until(() -> tcp.traffic().closed(ConnectionClosure.SLOW_READER) >= 1);
            await().atMost(5, TimeUnit.SECONDS).until(() -> host.sessions.isEmpty());
        }
    }

    @Test
    void tcp_overTheSessionCap_getsAnErrorLineNamingIt() throws Exception {
        try (Socket a = connect(); Socket b = connect()) {
            await().atMost(5, TimeUnit.SECONDS).until(() -> host.sessions.size() == 2);
            Socket c = connect();
            assertThat(reader(c).readLine()).contains("-32000").contains("sessions.max");
            c.close();
        }
    }

    @Test
    void tcp_overTheConnectionCap_getsAnErrorLineNamingIt() throws Exception {
        EchoHost roomy = new EchoHost(10);
        try (TcpServer capped = TcpServer.start(roomy, roomy.codec, TcpSettings.defaults().withPort(0).withLimits(1_024, 1, 64 * 1024));
             Socket a = new Socket("127.0.0.1", capped.port()); Socket b = new Socket("127.0.0.1", capped.port())) {
            b.setSoTimeout(5_000);
            assertThat(reader(b).readLine()).contains("-32000").contains("tcp.maxConnections");
            assertThat(b.getInputStream().read()).isEqualTo(-1);
        }
    }
}
