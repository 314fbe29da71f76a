package dev.switchboard.cluster;

import dev.switchboard.mcp.spi.StreamJournal;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/*
 * Why: every event meant for a session's standalone stream goes through the session's subject of
 * one bounded JetStream stream, whichever node raised it and whether or not a node holds the
 * stream: the node holding it reads the subject (an ordered consumer), and a client that resumes
 * on another node is fed from the same subject after its Last-Event-ID. Event ids are the journal's
 * sequence numbers, so every node names an event alike and replays in the journal's order. Every
 * node that raises the same cluster-wide event for a session (each holding a copy of it) appends
 * it with the same Nats-Msg-Id, and JetStream's duplicate window keeps one. Appends do not wait
 * for the acknowledgement; a failed one is logged and counted.
 */
final class SessionJournal implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SessionJournal.class.getName());

    private final Connection nats;
    private final JetStream js;
    private final JetStreamManagement jsm;
    private final AtomicLong unjournaled = new AtomicLong();
    /** Told of a foreign entry in a journal (subject, why): logged and counted by the directory. */
    private final BiConsumer<String, String> refused;
    private volatile Dispatcher feeds;

    SessionJournal(Connection nats, BiConsumer<String, String> refused) throws IOException {
        this.nats = nats;
        this.refused = refused;
        this.js = nats.jetStream();
        this.jsm = nats.jetStreamManagement();
    }

    /** The journal of one session's standalone stream. */
    StreamJournal of(String sessionId) {
        String subject = SessionStreams.EVENTS_PREFIX + sessionId;
        return new StreamJournal() {
            @Override
            public void append(String eventKey, byte[] message) {
                SessionJournal.this.append(sessionId, subject, eventKey, message);
            }

            @Override
            public long open() {
                return SessionJournal.this.open(sessionId, subject);
            }

            @Override
            public boolean holds(long position) {
                return SessionJournal.this.holds(sessionId, subject, position);
            }

            @Override
            public AutoCloseable follow(long position, Sink sink) {
                return SessionJournal.this.follow(sessionId, subject, position, sink);
            }
        };
    }

    private void append(String sessionId, String subject, String eventKey, byte[] message) {
        PublishOptions once = PublishOptions.builder().messageId(sessionId + ":" + eventKey).build();
        js.publishAsync(subject, SessionMessages.eventHeaders(sessionId), message, once).whenComplete((ack, e) -> {
            if (e == null) return;
            unjournaled.incrementAndGet();
            LOG.log(Level.WARNING, "session " + sessionId + ": event " + eventKey + " not journaled: " + e.getMessage());
        });
    }

    private long open(String sessionId, String subject) {
        try {
            return js.publish(subject, SessionMessages.streamOpenHeaders(sessionId), new byte[0]).getSeqno();
        } catch (IOException | JetStreamApiException e) {
            throw new ClusterUnavailable("JetStream could not mark a new stream of session " + sessionId + ": " + e.getMessage(), e);
        }
    }

    private boolean holds(String sessionId, String subject, long position) {
        try {
            return subject.equals(jsm.getMessage(SessionStreams.EVENTS, position).getSubject());
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == 404) return false; // aged out, or never there
            throw new ClusterUnavailable("JetStream could not read the journal of session " + sessionId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ClusterUnavailable("JetStream could not read the journal of session " + sessionId + ": " + e.getMessage(), e);
        }
    }

    private AutoCloseable follow(String sessionId, String subject, long position, StreamJournal.Sink sink) {
        ConsumerConfiguration from = ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(position + 1).build();
        PushSubscribeOptions ordered = PushSubscribeOptions.builder().stream(SessionStreams.EVENTS).ordered(true).configuration(from).build();
        Dispatcher d = feeds();
        try {
            JetStreamSubscription sub = js.subscribe(subject, d, m -> deliver(sessionId, subject, m, sink), false, ordered);
            return () -> {
                try {
                    d.unsubscribe(sub);
                } catch (RuntimeException e) {
                    // the connection is gone: nothing to unsubscribe
                }
            };
        } catch (IOException | JetStreamApiException e) {
            throw new ClusterUnavailable("JetStream could not follow the journal of session " + sessionId + ": " + e.getMessage(), e);
        }
    }

    private void deliver(String sessionId, String subject, Message m, StreamJournal.Sink sink) {
        try {
            byte[] event = SessionMessages.event(sessionId, m);
            if (event != null) sink.event(m.metaData().streamSequence(), event);
        } catch (SessionMessages.Refused r) {
            refused.accept(subject, "skipped a foreign journal entry: " + r.getMessage());
        }
    }

    // One dispatcher (one thread) feeds every stream this node holds: each stream's events stay in order.
    private Dispatcher feeds() {
        Dispatcher d = feeds;
        if (d != null) return d;
        synchronized (this) {
            if (feeds == null) feeds = nats.createDispatcher();
            return feeds;
        }
    }

    /** Events the journal could not take. */
    long unjournaled() {
        return unjournaled.get();
    }

    @Override
    public void close() {
        Dispatcher d = feeds;
        if (d != null) {
            try {
                nats.closeDispatcher(d);
            } catch (RuntimeException e) {
                // the connection is gone already
            }
        }
    }
}
