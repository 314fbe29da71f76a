package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dashboard's live feed carries the agents the gateway reports, read anew each second, and says so when the report fails. */
class DashboardAgentsTest {
    @Test
    void feed_agentsShown_carriesAgentsAndMembersAndSaysWhenTheStatusFails() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        AtomicInteger inFlight = new AtomicInteger(3);
        try (Kernel kernel = Kernel.create(KernelConfig.defaults());
             Operations ops = Operations.create(OpsSettings.defaults(), kernel, null);
             McpServer server = McpServer.builder("t", "1").kernel(kernel).observer(ops.observer()).build();
             StreamableHttpServer listener = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0), ops.routes())) {
            ops.bind(server);
            assertThat(DashboardEvents.next(listener.port()).get("agents").isEmpty()).isTrue();
            ops.showAgents(() -> {
                if (broken.get()) throw new IllegalStateException("gateway closed");
                return List.of(Map.of("name", "files", "ready", true, "members", 2, "inFlight", inFlight.get(),
                        "memberList", List.of(Map.of("id", 1, "outstanding", 2, "calls", 40L, "circuit", "CLOSED", "alive", true),
                                Map.of("id", 2, "outstanding", 1, "calls", 7L, "circuit", "OPEN", "alive", true))));
            });
            JsonNode files = waitFor(listener.port(), a -> a.size() == 1 && a.get(0).has("name")).get(0);
            assertThat(files.get("name").asString()).isEqualTo("files");
            assertThat(files.get("inFlight").asInt()).isEqualTo(3);
            assertThat(files.get("memberList").get(1).get("circuit").asString()).isEqualTo("OPEN");
            inFlight.set(5);
            waitFor(listener.port(), a -> a.get(0).path("inFlight").asInt() == 5);
            broken.set(true);
            JsonNode failed = waitFor(listener.port(), a -> a.get(0).has("error")).get(0);
            assertThat(failed.get("error").asString()).contains("gateway closed");
        }
    }

    private static JsonNode waitFor(int port, java.util.function.Predicate<JsonNode> ok) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = DashboardEvents.next(port).get("agents");
            if (!last.isEmpty() && ok.test(last)) return last;
            Thread.sleep(300);
        }
        throw new AssertionError("the feed never showed the agents as expected; last: " + last);
    }
}
