package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code sb serve} with {@code cluster.nats}: NATS unreachable or misnamed is one clear line and an exit, never a hang. */
class ServeClusterTest {
    private final StringWriter err = new StringWriter();

    private int serve(String... args) {
        CommandLine cmd = new CommandLine(new Sb());
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }

    @Test
    void serve_natsUnreachable_exitsOneNamingTheServerAndTheKey() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        int code = serve("serve", "--port", "0", "--set", "cluster.nats=nats://127.0.0.1:" + port,
                "--set", "cluster.connectTimeoutMs=500");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach NATS at nats://127.0.0.1:" + port, "(cluster.nats)");
    }

    @Test
    void serve_clusterNatsNotANatsUrl_exitsTwoNamingTheKey() {
        int code = serve("serve", "--port", "0", "--set", "cluster.nats=http://127.0.0.1:4222");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cluster.nats", "is not a nats:// or tls:// URL");
    }
}
