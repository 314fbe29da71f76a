package dev.switchboard.cluster;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.Message;
import dev.switchboard.kernel.Metadata;
import dev.switchboard.kernel.PublishResult;
import dev.switchboard.kernel.Subscription;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.PublishOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Why: an application's kernel-bus topics named in cluster.topics must reach subscribers on every
 * node, once each. A message published on such a topic goes to the JetStream stream SB_BUS (R as
 * configured; subject sb.bus, the topic in a header) and every node reads the stream from "now" on
 * with its own ephemeral consumer, republishing other nodes' messages into its bus. A message
 * carrying an idempotency key (its correlation id) is published with Nats-Msg-Id = that key, so
 * JetStream's duplicate window drops the same key published on another node; each node's bus
 * window drops a copy whose key it has already delivered locally. The messages this bridge puts
 * into the bus are remembered by id so they are not sent back out.
 */
final class BusBridge implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BusBridge.class.getName());
    static final String STREAM = "SB_BUS";
    static final String SUBJECT = "sb.bus";
    private static final String NODE = "Sb-Node";
    private static final String TOPIC = "Sb-Topic";
    private static final String KEY = "Sb-Key";
    private static final int MAX_REMEMBERED = 100_000;

    private final Connection nats;
    private final JetStream js;
    private final Kernel kernel;
    private final String node;
    private final ClusterCodec codec;
    private final List<Subscription> local = new ArrayList<>();
    private final Set<Long> republished = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Dispatcher dispatcher;
    private final JetStreamSubscription remote;

    BusBridge(Connection nats, Kernel kernel, String node, ClusterCodec codec, List<String> patterns, int replicas)
            throws IOException, JetStreamApiException {
        this.nats = nats;
        this.kernel = kernel;
        this.node = node;
        this.codec = codec;
        BusStream.ensure(nats, replicas);
        this.js = nats.jetStream();
        try {
            for (String p : patterns) local.add(kernel.bus().subscribe(p, this::toCluster));
        } catch (IllegalArgumentException e) {
            local.forEach(Subscription::close);
            throw new IllegalArgumentException("cluster.topics: " + e.getMessage(), e);
        }
        this.dispatcher = nats.createDispatcher();
        ConsumerConfiguration cc = ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.New).ackPolicy(AckPolicy.None).build();
        this.remote = js.subscribe(SUBJECT, dispatcher, this::fromCluster, true,
                PushSubscribeOptions.builder().stream(STREAM).configuration(cc).build());
    }

    private void toCluster(Message m) {
        if (republished.remove(m.id())) return; // another node's message, put into our bus by fromCluster
        byte[] body;
        try {
            body = codec.encode(m.body());
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.log(Level.WARNING, "bus message on " + m.path() + " has a body the cluster cannot encode (" + e.getMessage()
                    + "); delivered on this node only");
            return;
        }
        String key = m.metadata().correlationId();
        Headers h = new Headers().put(NODE, node).put(TOPIC, m.path()).put(ClusterCodec.HEADER, codec.name());
        if (key != null) h.put(KEY, key);
        String msgId = key != null ? "k:" + key : "n:" + node + "." + sequence.incrementAndGet();
        try {
            PublishAck ack = js.publish(SUBJECT, h, body, PublishOptions.builder().messageId(msgId).expectedStream(STREAM).build());
            if (ack.isDuplicate()) duplicates.incrementAndGet(); else sent.incrementAndGet();
        } catch (IOException | JetStreamApiException e) {
            failed.incrementAndGet();
            LOG.log(Level.WARNING, "bus message on " + m.path() + " did not reach the cluster (" + e.getMessage() + "); delivered on this node only");
        }
    }

    private void fromCluster(io.nats.client.Message m) {
        Headers h = m.getHeaders();
        String from = h == null ? null : h.getFirst(NODE);
        if (node.equals(from)) return; // delivered here when it was published
        String topic = h == null ? null : h.getFirst(TOPIC);
        if (from == null || topic == null || m.getData() == null || !ClusterCodec.readable(h.getFirst(ClusterCodec.HEADER))) {
            reject("headers " + h, null);
            return;
        }
        Object body;
        try {
            body = codec.decode(m.getData(), Object.class);
        } catch (UnreadableMessage e) {
            reject("from " + from + ": " + e.getMessage(), e);
            return;
        }
        String key = h.getFirst(KEY);
        Metadata meta = key != null ? Metadata.now().withCorrelationId(key) : Metadata.now();
        Message out;
        try {
            out = Message.of(topic, body, meta);
        } catch (IllegalArgumentException e) {
            reject("topic '" + topic + "': " + e.getMessage(), e);
            return;
        }
        if (republished.size() > MAX_REMEMBERED) republished.clear(); // only when our own subscriptions fell far behind
        republished.add(out.id());
        PublishResult r = kernel.bus().publish(out);
        if (r.duplicate() || r.refused() || r.deliveries() == 0) republished.remove(out.id());
    }

    private void reject(String why, Exception e) {
        rejected.incrementAndGet(); // a corrupt or foreign message: counted and logged, never a crash
        LOG.log(Level.WARNING, "ignored a foreign message on " + SUBJECT + " (" + why + ")");
    }

    /** Messages this node sent to the cluster (not counting those JetStream dropped as duplicates). */
    long sent() {
        return sent.get();
    }

    /** Messages JetStream dropped because another node had published the same idempotency key. */
    long duplicates() {
        return duplicates.get();
    }

    /** Messages on the subject that were not ours to deliver. */
    long rejected() {
        return rejected.get();
    }

    /** Messages delivered on this node only because the cluster could not take them. */
    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        local.forEach(Subscription::close);
        try {
            remote.unsubscribe();
        } catch (IllegalStateException e) {
            // the connection is already closed
        }
        nats.closeDispatcher(dispatcher);
    }
}
