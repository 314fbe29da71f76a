package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dashboard's live feed carries what a cluster node reports, and says so when the report fails. */
class DashboardClusterTest {
    @Test
    void feed_clusterShown_carriesNodesAndSaysWhenTheStatusFails() throws Exception {
        AtomicBoolean away = new AtomicBoolean();
        try (Kernel kernel = Kernel.create(KernelConfig.defaults());
             Operations ops = Operations.create(OpsSettings.defaults(), kernel, null);
             McpServer server = McpServer.builder("t", "1").kernel(kernel).observer(ops.observer()).build();
             StreamableHttpServer listener = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0), ops.routes())) {
            ops.bind(server);
            assertThat(DashboardEvents.next(listener.port()).get("cluster").isEmpty()).isTrue();
            ops.showCluster(() -> {
                if (away.get()) throw new IllegalStateException("NATS unreachable");
                return Map.of("nodes", Map.of("node-a", 2, "node-b", 7), "taskRedeliveries", 1L);
            });
            JsonNode c = waitFor(listener.port(), n -> n.has("nodes"));
            assertThat(c.get("nodes").get("node-b").asInt()).isEqualTo(7);
            away.set(true);
            assertThat(waitFor(listener.port(), n -> n.has("error")).get("error").asString()).contains("NATS unreachable");
        }
    }

    private static JsonNode waitFor(int port, java.util.function.Predicate<JsonNode> ok) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = DashboardEvents.next(port).get("cluster");
            if (ok.test(last)) return last;
            Thread.sleep(300);
        }
        throw new AssertionError("the feed never showed the cluster as expected; last: " + last);
    }
}
