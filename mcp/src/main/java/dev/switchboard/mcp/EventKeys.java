package dev.switchboard.mcp;

import dev.switchboard.kernel.Message;
import dev.switchboard.kernel.Metadata;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Why: in a cluster the same notification is delivered on every node, and each node that holds a
 * copy of a subscribed session journals it for that session's stream: the nodes must name the
 * event alike so that the journal keeps it once. The node that raises it stamps a cluster-wide key
 * as the bus message's correlation id; the cluster bridge carries it to the other nodes, where it
 * arrives marked "cluster:". A single node stamps nothing: its bus messages stay as they were.
 */
final class EventKeys {
    /** The mark of a bus message another node raised (the cluster bridge's). */
    static final String REMOTE = "cluster:";

    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    EventKeys(boolean clustered) {
        this.prefix = clustered ? "ev-" + Long.toUnsignedString(new java.security.SecureRandom().nextLong(), 36) + "-" : null;
    }

    /** Metadata for a notification raised here: with a fresh key in a cluster, none on a single node. */
    Metadata stamp() {
        return prefix == null ? Metadata.now() : Metadata.now().withCorrelationId(prefix + next.incrementAndGet());
    }

    /** The cluster-wide key of a delivered notification, or null when it has none. */
    static String of(Message m) {
        String cid = m.metadata().correlationId();
        if (cid == null) return null;
        return cid.startsWith(REMOTE) ? cid.substring(REMOTE.length()) : cid;
    }

    /** Whether another node raised it. */
    static boolean remote(Message m) {
        String cid = m.metadata().correlationId();
        return cid != null && cid.startsWith(REMOTE);
    }
}
