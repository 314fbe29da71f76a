package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.McpClient;
import dev.switchboard.load.Peer;
import dev.switchboard.load.PeerProcess;
import dev.switchboard.load.PeerSetup;
import dev.switchboard.load.Peers;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Lifecycle;
import dev.switchboard.mcp.protocol.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every peer that {@code ./sb compare} measures us against is built the way compare builds it
 * ({@link PeerSetup}: skipped when its output under peers/NAME/target or node_modules is newer than
 * its sources), starts as its own process, keeps the peer contract (one {@code LISTENING} line,
 * stateful Streamable HTTP, {@code add}), answers our {@link McpClient} — without a session too,
 * when it serves 2026-07-28 — and exits on SIGTERM. A peer that drifted would make the comparison
 * measure errors, so this is checked on every build.
 */
class PeerServerTest {

    /** The SDK and framework peers as {@code ./sb compare} starts them (the floor answers no tools/list, and Switchboard is tested everywhere else). */
    static List<Peer> peers() {
        return Peers.sdks(Fixture.interopDir().getParent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    @Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
    void peer_callAddOverHttp_answersTheSumInItsOwnSessionAndStatelessWhereServed(Peer declared) throws Exception {
        PeerSetup.run(declared, Path.of("target", "peers", declared.name() + "-setup.log"), Duration.ofMinutes(15), System.out);
        Peer peer = Peers.sdks(Fixture.interopDir().getParent()).stream().filter(p -> p.name().equals(declared.name())).findFirst().orElseThrow();
        assertThat(peer.missing()).as("prerequisites").isEmpty();
        PeerProcess running = PeerProcess.start(peer, Path.of("target", "peers", peer.name() + ".log"), Duration.ofSeconds(90));
        try (running) {
            assertThat(running.endpoint().getHost()).isEqualTo("127.0.0.1");
            try (McpClient client = McpClient.http(running.endpoint())) {
                Lifecycle.InitializeResult init = client.initialize();
                assertThat(init.protocolVersion()).isNotBlank();
                assertThat(client.listTools()).extracting(Tools.Tool::name).contains("add");
                assertSum(client.callTool("add", Map.of("a", 2, "b", 3.5)), "5.5");
                assertSum(client.callTool("add", Map.of("a", -40, "b", 2)), "-38");
            }
            if (peer.stateless()) {
                try (McpClient client = McpClient.builder().protocolVersion("2026-07-28").http(running.endpoint())) {
                    assertSum(client.callTool("add", Map.of("a", 2, "b", 3.5)), "5.5");
                }
            }
        }
        assertThat(running.exitedOnSigterm()).as("exited on SIGTERM within 5 s").isTrue();
        assertThat(running.alive()).isFalse();
    }

    private static void assertSum(Tools.CallToolResult sum, String expected) {
        assertThat(sum.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(sum.content()).singleElement().isInstanceOfSatisfying(Content.Text.class, t -> assertThat(t.text()).isEqualTo(expected));
    }
}
