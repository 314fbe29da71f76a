package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.tasks.TaskIds;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskRejected;
import dev.switchboard.tasks.TaskStore;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * NATS lost at run time, then back: the node says so (not connected), what needs the cluster
 * fails as retryable and never hangs, and service resumes when NATS returns, without a restart.
 */
class NatsOutageTest {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"outage\",\"version\":\"1\"}}}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";

    @Test
    void natsKilledThenBack_taskReadsRejectedAsUnavailableWithRetryAfter_thenServedAgain() {
        LocalNats nats = LocalNats.start(1);
        try (NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(nats.urls()));
             TaskStore store = cluster.taskStore()) {
            TaskRecord t = TaskRecord.created(TaskIds.next(), "session:x", "work", "{}", System.currentTimeMillis(), 60_000L, 1000, true);
            store.create(t);
            nats.kill(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> !cluster.isConnected());
            assertThatThrownBy(() -> store.get(t.id())).isInstanceOfSatisfying(TaskRejected.class, e -> {
                assertThat(e.reason()).isEqualTo(TaskRejected.Reason.UNAVAILABLE);
                assertThat(e.retryAfterMs()).isPositive();
                assertThat(e.getMessage()).contains("try again later");
            });
            nats.restart(0);
            await().atMost(Duration.ofSeconds(15)).until(cluster::isConnected);
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> store.get(t.id()).isPresent());
        } finally {
            nats.close();
        }
    }

    @Test
    void natsKilledThenBack_sessionOfAnotherNodeAnswersRetryable_thenAdoptedWithoutRestart() throws Exception {
        LocalNats nats = LocalNats.start(1);
        try (HttpClient http = HttpClient.newHttpClient();
             NatsCluster ca = NatsCluster.connect(ClusterSettings.of(nats.urls()));
             NatsCluster cb = NatsCluster.connect(ClusterSettings.of(nats.urls()));
             McpServer a = McpServer.builder("outage", "1").sessionDirectory(ca.sessionDirectory()).build();
             McpServer b = McpServer.builder("outage", "1").sessionDirectory(cb.sessionDirectory()).build()) {
            StreamableHttpServer ha = StreamableHttpServer.start(a, HttpSettings.defaults().withPort(0));
            StreamableHttpServer hb = StreamableHttpServer.start(b, HttpSettings.defaults().withPort(0));
            try {
                URI onA = URI.create("http://127.0.0.1:" + ha.port() + "/mcp");
                URI onB = URI.create("http://127.0.0.1:" + hb.port() + "/mcp");
                String s = post(http, onA, null, INIT).headers().firstValue("mcp-session-id").orElseThrow();

                nats.kill(0);
                await().atMost(Duration.ofSeconds(10)).until(() -> !ca.isConnected() && !cb.isConnected());
                long started = System.nanoTime();
                HttpResponse<String> refused = post(http, onB, s, PING);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5)); // never hangs
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("retry-after")).isPresent();
                assertThat(refused.body()).contains("-32000").contains("retryAfterMs").contains("\"id\":2");
                assertThat(post(http, onA, s, PING).statusCode()).as("the node that holds the session serves it").isEqualTo(200);

                nats.restart(0);
                await().atMost(Duration.ofSeconds(15)).until(() -> ca.isConnected() && cb.isConnected());
                await().atMost(Duration.ofSeconds(15)).until(() -> post(http, onB, s, PING).statusCode() == 200);
            } finally {
                ha.close();
                hb.close();
            }
        } finally {
            nats.close();
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String session, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
