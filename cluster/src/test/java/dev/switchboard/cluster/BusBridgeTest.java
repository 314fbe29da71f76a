package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.Message;
import dev.switchboard.kernel.Metadata;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three nodes (each its own kernel and NATS connection) on a 3-server NATS cluster, R3: the bridged kernel bus. */
class BusBridgeTest {
    private static LocalNats nats;
    private static final List<NatsCluster> clusters = new ArrayList<>();
    private static final List<Kernel> kernels = new ArrayList<>();
    private static final List<List<Message>> received = new ArrayList<>();

    @BeforeAll
    static void start() {
        nats = LocalNats.start(3);
        String[] urls = nats.urls().split(",");
        for (int i = 0; i < 3; i++) {
            NatsCluster c = NatsCluster.connect(ClusterSettings.of(urls[i]).withReplicas(3));
            Kernel k = Kernel.create();
            List<Message> got = new CopyOnWriteArrayList<>();
            k.bus().subscribe("app://orders/>", got::add);
            k.bus().subscribe("app://local/>", got::add);
            c.bridgeBus(k, List.of("app://orders/>"));
            clusters.add(c);
            kernels.add(k);
            received.add(got);
        }
    }

    @AfterAll
    static void stop() {
        clusters.forEach(NatsCluster::close);
        kernels.forEach(Kernel::close);
        if (nats != null) nats.close();
    }

    private static long count(int node, String path) {
        return received.get(node).stream().filter(m -> m.path().equals(path)).count();
    }

    @Test
    void publish_bridgedTopic_reachesEveryNodeOnce() {
        kernels.get(0).bus().publish("app://orders/created", Map.of("order", 42, "item", "lamp"));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(1, "app://orders/created") == 1 && count(2, "app://orders/created") == 1);
        Message onThird = received.get(2).stream().filter(m -> m.path().equals("app://orders/created")).findFirst().orElseThrow();
        assertThat(onThird.body()).isEqualTo(Map.of("order", 42, "item", "lamp"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> count(0, "app://orders/created") == 1
                && count(1, "app://orders/created") == 1 && count(2, "app://orders/created") == 1);
    }

    @Test
    void publish_sameIdempotencyKeyOnTwoNodes_deliveredOncePerNode() {
        Metadata keyed = Metadata.now().withCorrelationId("order-7-paid");
        kernels.get(0).bus().publish(Message.of("app://orders/paid", "order 7", keyed));
        kernels.get(1).bus().publish(Message.of("app://orders/paid", "order 7", keyed));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(2, "app://orders/paid") >= 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> count(0, "app://orders/paid") == 1
                && count(1, "app://orders/paid") == 1 && count(2, "app://orders/paid") == 1);
    }

    @Test
    void publish_topicNotBridged_staysOnItsNode() throws Exception {
        kernels.get(1).bus().publish("app://local/tick", "only here");
        await().atMost(Duration.ofSeconds(5)).until(() -> count(1, "app://local/tick") == 1);
        Thread.sleep(500);
        assertThat(count(0, "app://local/tick") + count(2, "app://local/tick")).isZero();
    }

    @Test
    void fromCluster_foreignOrCorruptMessage_countedNeverDelivered() throws Exception {
        var js = clusters.get(0).connection().jetStream();
        js.publish(BusBridge.SUBJECT, "no headers".getBytes(StandardCharsets.UTF_8));
        js.publish(BusBridge.SUBJECT, new Headers().put("Sb-Node", "elsewhere").put("Sb-Topic", "app://orders/x").put("Sb-Enc", "thrift"),
                new byte[] {1, 2, 3});
        js.publish(BusBridge.SUBJECT, new Headers().put("Sb-Node", "elsewhere").put("Sb-Topic", "app://orders/x").put("Sb-Enc", "cbor+zstd"),
                new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 9, 9});
        BusBridge third = clusters.get(2).busBridge();
        await().atMost(Duration.ofSeconds(5)).until(() -> third.rejected() == 3);
        assertThat(count(2, "app://orders/x")).isZero();
        kernels.get(0).bus().publish("app://orders/after", "still working");
        await().atMost(Duration.ofSeconds(5)).until(() -> count(2, "app://orders/after") == 1);
    }

    @Test
    void bridgeBus_malformedPattern_failsNamingTheKey() {
        assertThatThrownBy(() -> clusters.get(0).bridgeBus(Kernel.create(), List.of("orders")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster.topics");
    }
}
