package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import dev.switchboard.cluster.LocalNats;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code sb serve} with {@code cluster.nats}: NATS unreachable or misnamed is one clear line and
 * an exit, never a hang; NATS lost at run time turns {@code /ready} to 503 until it is back.
 */
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

    @Test
    void serve_natsLostAtRunTimeThenBack_readyIs503ThenReadyAgainWithoutRestart() throws Exception {
        LocalNats nats = LocalNats.start(1);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Thread serving = new Thread(() -> serve("serve", "--port", "" + port, "--set", "cluster.nats=" + nats.urls()), "sb-serve-cluster-under-test");
        serving.setDaemon(true);
        serving.start();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            URI ready = URI.create("http://127.0.0.1:" + port + "/ready");
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> status(http, ready).statusCode() == 200);
            nats.kill(0);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> status(http, ready).statusCode() == 503);
            assertThat(status(http, ready).body()).contains("cluster/nats", "NATS unreachable");
            nats.restart(0);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> status(http, ready).statusCode() == 200);
        } finally {
            serving.interrupt();
            serving.join(10_000);
            nats.close();
        }
    }

    private static HttpResponse<String> status(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
