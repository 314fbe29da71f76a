package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transport.TcpServer;
import dev.switchboard.transport.TcpSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The TCP listener's traffic on /metrics, beside HTTP's. */
class TcpMetricsTest {
    @Test
    void metrics_afterOneTcpExchange_showTcpMessagesBytesAndConnections() throws Exception {
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults()); TcpServer tcp = TcpServer.start(demo.server, TcpSettings.defaults().withPort(0))) {
            demo.ops.bindTcp(tcp);
            try (Socket s = new Socket("127.0.0.1", tcp.port())) {
                s.setSoTimeout(5_000);
                s.getOutputStream().write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8));
                assertThat(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine()).contains("\"id\":1");
                String text = demo.get("/metrics").body();
                assertThat(text).contains("switchboard_tcp_messages_in_total 1.0", "switchboard_tcp_messages_out_total 1.0", "switchboard_tcp_bytes_in_total 41.0",
                        "switchboard_tcp_connections 1.0", "switchboard_tcp_connections_refused_total{reason=\"max_connections\"} 0.0");
            }
        }
    }
}
