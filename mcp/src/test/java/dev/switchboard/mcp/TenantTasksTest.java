package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.spi.SessionHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class TenantTasksTest {
    record Job(String name) {}

    @TempDir
    Path dir;

    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void tenantAtItsTaskCap_isRefusedNamingTheKey_otherTenantsAreNot_andAFinishedTaskFreesAPlace() {
        try (McpServer server = McpServer.builder("tasks", "1.0").budgets(Budgets.none().withTenantMaxTasks(2))
                .taskTool("work", "Works until released", Job.class, "optional", false, (j, c) -> {
                    release.await();
                    return "done " + j.name();
                })
                .tasks(dir)
                .build()) {
            Principal alice = new Principal("alice", "app", "acme", Set.of(), Map.of());
            Principal bob = new Principal("bob", "app", "acme", Set.of(), Map.of());
            Principal carol = new Principal("carol", "app", "globex", Set.of(), Map.of());
            Session alices = session(server, alice);
            Session bobs = session(server, bob);
            assertThat(task(server, alices, alice).at("/result/task/taskId").asString()).isNotEmpty();
            assertThat(task(server, bobs, bob).at("/result/task/taskId").asString()).isNotEmpty();

            JsonNode refused = task(server, alices, alice);
            assertThat(refused.at("/error/code").asInt()).isEqualTo(-32000);
            assertThat(refused.at("/error/data/budget").asString()).isEqualTo("budgets.tenantMaxTasks");
            assertThat(refused.at("/error/message").asString()).contains("tenant 'acme'", "2 live tasks");
            assertThat(refused.at("/error/data/retryAfterMs").asLong()).isPositive();
            assertThat(task(server, session(server, carol), carol).at("/result/task/taskId").asString()).isNotEmpty();

            release.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> task(server, bobs, bob).has("result"));
        } finally {
            release.countDown();
        }
    }

    private Session session(McpServer server, Principal who) {
        Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
        send(server, s, "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}", who);
        return s;
    }

    private JsonNode task(McpServer server, Session s, Principal who) {
        return send(server, s, "tools/call", "{\"name\":\"work\",\"arguments\":{\"name\":\"j\"},\"task\":{\"ttl\":60000}}", who);
    }

    private JsonNode send(McpServer server, Session s, String method, String params, Principal who) {
        String json = "{\"jsonrpc\":\"2.0\",\"id\":" + ids.incrementAndGet() + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
        RecordingExchange ex = new RecordingExchange() {
            @Override
            public Principal principal() {
                return who;
            }
        };
        s.handle(server.codec().decode(json), ex);
        return ex.await();
    }
}
