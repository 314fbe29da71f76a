package dev.switchboard.cluster;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.Message;
import dev.switchboard.kernel.Metadata;
import dev.switchboard.kernel.Subscription;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.impl.Headers;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Why: a resource update or list change raised on one node must reach the subscribers on every
 * node, once each. Each node forwards what its own kernel bus publishes under mcp://notify/ to one
 * NATS subject and republishes what other nodes sent into its bus, marked with a cluster
 * correlation id: the mark stops it from being forwarded back, and the bus's idempotency window
 * drops a copy that arrives twice. On every node the server then delivers to the sessions whose
 * stream it holds, so a client hears it on whichever node holds its GET stream.
 */
final class NotificationBridge implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NotificationBridge.class.getName());
    static final String SUBJECT = "sb.notify";
    private static final String PATHS = "mcp://notify/";
    private static final String MARK = "cluster:";
    private static final String NODE = "Sb-Node";
    private static final String PATH = "Sb-Path";
    private static final String EVENT = "Sb-Event";

    private final Connection nats;
    private final Kernel kernel;
    private final String node;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Subscription local;
    private final Dispatcher remote;

    private final ClusterCodec codec;

    NotificationBridge(Connection nats, Kernel kernel, String node, ClusterCodec codec) {
        this.codec = codec;
        this.nats = nats;
        this.kernel = kernel;
        this.node = node;
        this.remote = nats.createDispatcher(this::fromCluster);
        remote.subscribe(SUBJECT);
        this.local = kernel.bus().subscribe(PATHS + ">", this::toCluster);
    }

    private void toCluster(Message m) {
        String cid = m.metadata().correlationId();
        if (cid != null && cid.startsWith(MARK)) return; // came from another node
        if (!(m.body() instanceof String body)) {
            LOG.log(Level.WARNING, "notification " + m.path() + " has a body NATS cannot carry; delivered on this node only");
            return;
        }
        // the event's cluster-wide name: the one its node stamped (the same on every node), else a fresh one
        String event = cid != null ? cid : node + "." + events.incrementAndGet();
        Headers h = new Headers().put(NODE, node).put(PATH, m.path()).put(EVENT, event)
                .put(ClusterCodec.HEADER, codec.name());
        nats.publish(SUBJECT, h, codec.encode(body));
    }

    private void fromCluster(io.nats.client.Message m) {
        Headers h = m.getHeaders();
        String from = h == null ? null : h.getFirst(NODE);
        if (node.equals(from)) return;
        String path = h == null ? null : h.getFirst(PATH);
        String event = h == null ? null : h.getFirst(EVENT);
        if (from == null || event == null || path == null || !path.startsWith(PATHS) || m.getData() == null) {
            rejected.incrementAndGet(); // a corrupt or foreign message: counted and logged, never a crash
            LOG.log(Level.WARNING, "ignored a foreign message on " + SUBJECT + " (headers " + h + ")");
            return;
        }
        String body;
        try {
            body = body(h.getFirst(ClusterCodec.HEADER), m.getData());
        } catch (UnreadableMessage e) {
            rejected.incrementAndGet();
            LOG.log(Level.WARNING, "ignored an unreadable message on " + SUBJECT + " from " + from + ": " + e.getMessage());
            return;
        }
        kernel.bus().publish(Message.of(path, body, Metadata.now().withCorrelationId(MARK + event)));
    }

    // No Sb-Enc header: a node from before the codec, which sent the body as UTF-8 text.
    private String body(String encoding, byte[] data) {
        if (encoding == null) return new String(data, StandardCharsets.UTF_8);
        if (!ClusterCodec.readable(encoding)) throw codec.unreadable("unknown encoding '" + encoding + "'", null);
        return codec.decode(data, String.class);
    }

    /** Messages on the subject that were not ours to deliver. */
    long rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        local.close();
        nats.closeDispatcher(remote);
    }
}
