package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.Listen;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.StatelessEra;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * A stateless (2026-07-28) client's {@code subscriptions/listen} stream through the gateway: the
 * URIs it filters on are subscribed on the agents that serve them (our example server over HTTP,
 * server-everything over stdio), the agents' updates and list changes reach the stream, and the
 * agents are unsubscribed when the stream ends.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayListenTest {
    static final String NOTE = "demo://note";
    static McpServer demo, server;
    static StreamableHttpServer demoHttp, http;
    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        demo = McpServer.builder("demo", "1.0").resource(NOTE, "note", "a note", "text/plain", (uri, vars, ctx) -> "hello").build();
        demoHttp = StreamableHttpServer.start(demo, HttpSettings.defaults().withPort(0));
        server = McpServer.builder("gateway", "1.0").build();
        gateway = Gateway.start(server, List.of(
                RealServers.agent("demo", new Launch.Http(URI.create("http://127.0.0.1:" + demoHttp.port() + "/mcp"), Map.of()), 2, 20_000, false),
                RealServers.agent("every", RealServers.everything(), 1, 20_000, false)), AgentsSettings.defaults());
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        assertThat(gateway.awaitStarted(Duration.ofSeconds(30))).as("started: %s", gateway.status()).isTrue();
        // server-everything lists its resource templates after initialize
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.pool("every").catalogue().templates().size() > 0);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
        if (http != null) http.close();
        if (demoHttp != null) demoHttp.close();
    }

    /** A stateless client's open listen stream; closing its HTTP client ends the stream as a client that goes away does. */
    static final class Listener implements AutoCloseable {
        final List<String> updates = new CopyOnWriteArrayList<>(), changes = new CopyOnWriteArrayList<>();
        final List<Decoded.Notification> notes = new CopyOnWriteArrayList<>();
        final HttpClient hc = HttpClient.newHttpClient();
        final McpClient client;
        final Thread thread;

        Listener(Listen.Filter filter) {
            client = McpClient.builder().protocolVersion(StatelessEra.VERSION).httpClient(hc).onResourceUpdated(updates::add)
                    .onListChanged(changes::add).onNotification(notes::add).http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"));
            thread = Thread.ofVirtual().start(() -> {
                try {
                    client.request(McpMethods.SUBSCRIPTIONS_LISTEN, new Listen.ListenParams(filter, null), JsonNode.class);
                } catch (RuntimeException ended) {
                    // the stream ends when the test closes the client
                }
            });
        }

        /** The acknowledged filter's resourceSubscriptions, once the acknowledgement arrived. */
        List<String> acknowledgedUris() {
            await().atMost(Duration.ofSeconds(15)).until(() -> notes.stream().anyMatch(n -> n.method().equals(McpMethods.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED)));
            Decoded.Notification ack = notes.stream().filter(n -> n.method().equals(McpMethods.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED)).findFirst().orElseThrow();
            return ((Listen.AcknowledgedParams) ack.params()).notifications().resourceSubscriptions();
        }

        @Override
        public void close() {
            hc.shutdownNow();
            client.close();
        }
    }

    @Test
    void listen_agentResourceOverHttp_updatesAndListChangesReachTheStreamAndTheAgentIsReleasedAtItsEnd() {
        Member holder;
        try (Listener l = new Listener(new Listen.Filter(true, null, null, List.of(NOTE, "nosuch://thing")))) {
            assertThat(l.acknowledgedUris()).as("a URI nobody serves is left out of the acknowledged filter").containsExactly(NOTE);
            holder = gateway.subscriptions().holder(NOTE);
            assertThat(holder).as("the agent's member subscribed for the stream").isNotNull();
            assertThat(holder.subscriptions.get()).isEqualTo(1);

            demo.resourceUpdated(NOTE); // the agent's own update, sent to the gateway's member session
            await().atMost(Duration.ofSeconds(10)).until(() -> l.updates.contains(NOTE));
            demo.addTool(Tools.Tool.withoutArguments("late", "added while a client listens"), (a, c) -> "late");
            await().atMost(Duration.ofSeconds(10)).until(() -> l.changes.contains(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED));
            assertThat(l.updates).containsOnly(NOTE);
        }
        await().atMost(Duration.ofSeconds(10)).alias("the listener left: the agent is unsubscribed").until(() -> gateway.subscriptions().holder(NOTE) == null);
        assertThat(holder.subscriptions.get()).isZero();
        assertThat(server.listenStreamCount()).isZero();
    }

    @Test
    void listen_twoStreamsOnOneUri_oneAgentSubscriptionUntilTheLastEnds() {
        String uri = "demo://resource/dynamic/text/3";
        try (Listener first = new Listener(new Listen.Filter(null, null, null, List.of(uri)))) {
            assertThat(first.acknowledgedUris()).containsExactly(uri);
            Member holder = gateway.subscriptions().holder(uri);
            assertThat(holder).isNotNull();
            try (Listener second = new Listener(new Listen.Filter(null, null, null, List.of(uri)))) {
                assertThat(second.acknowledgedUris()).containsExactly(uri);
                assertThat(gateway.subscriptions().holder(uri)).isSameAs(holder);
                // server-everything sends updates of subscribed URIs once its toggle tool ran on that process
                holder.client.callTool("toggle-subscriber-updates", Map.of());
                await().atMost(Duration.ofSeconds(10)).until(() -> first.updates.contains(uri) && second.updates.contains(uri));
                holder.client.callTool("toggle-subscriber-updates", Map.of());
            }
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(300)).until(() -> server.listenStreamCount() == 1);
            assertThat(gateway.subscriptions().holder(uri)).as("still held for the first stream").isSameAs(holder);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.subscriptions().holder(uri) == null);
    }
}
