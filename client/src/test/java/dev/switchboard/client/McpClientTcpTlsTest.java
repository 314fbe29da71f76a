package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.transport.TcpServer;
import dev.switchboard.transport.TcpSettings;
import dev.switchboard.transport.TlsFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * TCP over TLS: the listener serves from the same PEM files as HTTPS ({@link TlsFiles}); the client
 * trusts a given self-signed certificate (CN and SAN localhost, 127.0.0.1; made with openssl).
 */
class McpClientTcpTlsTest {
    private final McpServer server = McpServer.builder("tls-server", "1.0")
            .tool("echo", "Echoes", ObjectNode.class, (a, c) -> a.path("text").asString())
            .build();
    private TcpServer tcp;

    private static Path resource(String name) throws Exception {
        return Path.of(McpClientTcpTlsTest.class.getResource("tls/" + name).toURI());
    }

    @BeforeEach
    void start() throws Exception {
        tcp = TcpServer.start(server, TcpSettings.defaults().withPort(0), new TlsFiles(resource("localhost-cert.pem"), resource("localhost-key.pem")));
    }

    @AfterEach
    void stop() {
        tcp.close();
        server.close();
    }

    @Test
    void tcp_overTlsTrustingTheServerCertificate_initializesAndCalls() throws Exception {
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            try (McpClient client = McpClient.builder().requestTimeout(Duration.ofSeconds(10)).tcp(host, tcp.port(), ClientTls.trusting(resource("localhost-cert.pem")))) {
                client.initialize();
                assertThat(((Content.Text) client.callTool("echo", Map.of("text", "over tls")).content().getFirst()).text()).isEqualTo("over tls");
            }
        }
    }

    @Test
    void tcp_overTlsWithAnotherCertificateTrusted_failsToConnect() throws Exception {
        assertThatThrownBy(() -> McpClient.builder().tcp("localhost", tcp.port(), ClientTls.trusting(resource("other-cert.pem"))))
                .isInstanceOf(McpClientException.class).hasMessageContaining("cannot connect over TLS");
    }

    @Test
    void tcp_plainTextToATlsListener_getsNoJsonRpcAnswer() throws Exception {
        try (Socket s = new Socket("127.0.0.1", tcp.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8));
            // the TLS handler takes the line for a bad handshake and closes: nothing is served in the clear
            String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            assertThat(answer == null || !answer.contains("jsonrpc")).isTrue();
        }
    }

    @Test
    void trusting_aFileWithoutCertificates_failsNamingIt() throws Exception {
        assertThatThrownBy(() -> ClientTls.trusting(resource("localhost-key.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localhost-key.pem");
    }
}
