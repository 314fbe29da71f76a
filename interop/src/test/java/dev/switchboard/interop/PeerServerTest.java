package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.McpClient;
import dev.switchboard.load.Peer;
import dev.switchboard.load.PeerProcess;
import dev.switchboard.load.Peers;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Lifecycle;
import dev.switchboard.mcp.protocol.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every peer that {@code ./sb compare} measures us against starts as its own process, keeps the
 * peer contract (one {@code LISTENING} line, stateful Streamable HTTP, {@code add}), answers our
 * {@link McpClient}, and exits on SIGTERM. A peer that drifted would make the comparison measure
 * errors, so this is checked on every build.
 */
class PeerServerTest {

    /** The two SDK peers as {@code ./sb compare} starts them (the floor answers no tools/list, and Switchboard is tested everywhere else). */
    static List<Peer> peers() {
        Path root = Fixture.interopDir().getParent();
        return List.of(Peers.javaSdk(root), Peers.typescriptSdk(root));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void peer_callAddOverHttp_answersTheSumInItsOwnSession(Peer peer) throws Exception {
        assertThat(peer.missing()).as("prerequisites").isEmpty();
        PeerProcess running = PeerProcess.start(peer, Path.of("target", "peers", peer.name() + ".log"), Duration.ofSeconds(60));
        try (running) {
            assertThat(running.endpoint().getHost()).isEqualTo("127.0.0.1");
            try (McpClient client = McpClient.http(running.endpoint())) {
                Lifecycle.InitializeResult init = client.initialize();
                assertThat(init.protocolVersion()).isNotBlank();
                assertThat(client.listTools()).extracting(Tools.Tool::name).contains("add");

                Tools.CallToolResult sum = client.callTool("add", Map.of("a", 2, "b", 3.5));
                assertThat(sum.isError()).isNotEqualTo(Boolean.TRUE);
                assertThat(sum.content()).singleElement().isInstanceOfSatisfying(Content.Text.class,
                        t -> assertThat(t.text()).isEqualTo("5.5"));
                Tools.CallToolResult again = client.callTool("add", Map.of("a", -40, "b", 2));
                assertThat(again.content()).singleElement().isInstanceOfSatisfying(Content.Text.class,
                        t -> assertThat(t.text()).isEqualTo("-38"));
            }
        }
        assertThat(running.exitedOnSigterm()).as("exited on SIGTERM within 10 s").isTrue();
        assertThat(running.alive()).isFalse();
    }
}
