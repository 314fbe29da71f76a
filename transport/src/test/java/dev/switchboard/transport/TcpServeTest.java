package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.Served;
import dev.switchboard.mcp.Transport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** {@code McpServer.start(Transport.tcp(…))}: an embedding program serves TCP without {@code sb serve}. */
class TcpServeTest {
    private final McpServer server = McpServer.builder("tcp-embedded", "1.0")
            .tool("echo", "Echoes", ObjectNode.class, (a, c) -> a.path("text").asString())
            .build();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void start_withTransportTcp_servesNewlineDelimitedJsonOnTheBoundPort() throws Exception {
        try (Served served = server.start(Transport.tcp(0)); Socket s = new Socket("127.0.0.1", served.port())) {
            assertThat(served.port()).isPositive();
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n").getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("\"id\":1").contains("tcp-embedded");
            out.write(("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).contains("\"id\":2").contains("hi");
        }
    }

    @Test
    void tcpTransport_withOnlyACertificate_isRefusedNamingTheMissingKey() {
        assertThatThrownBy(() -> new Transport.Tcp("127.0.0.1", 0, Path.of("cert.pem"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyFile");
        assertThatThrownBy(() -> Transport.tcp(70_000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    }

    @Test
    void tcpServer_countsMessagesBytesAndConnections() throws Exception {
        try (TcpServer tcp = TcpServer.start(server, TcpSettings.defaults().withPort(0)); Socket s = new Socket("127.0.0.1", tcp.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n\n".getBytes(StandardCharsets.UTF_8));
            String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(answer).contains("\"id\":1");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> tcp.messagesOut() == 1);
            assertThat(tcp.messagesIn()).isEqualTo(1);
            assertThat(tcp.traffic().bytesIn()).isEqualTo(42);
            assertThat(tcp.traffic().bytesOut()).isEqualTo(answer.length() + 1);
            assertThat(tcp.traffic().openConnections()).isEqualTo(1);
        }
    }
}
