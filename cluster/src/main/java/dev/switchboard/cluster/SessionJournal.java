package dev.switchboard.cluster;

import dev.switchboard.mcp.SessionDirectory.StreamEvent;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Why: a client whose GET stream's node is gone (or whose connection dropped) resumes on whichever
 * node the balancer picks. The node holding a session's standalone stream appends each event to
 * the session's subject of one bounded JetStream stream; the node the client comes back to reads
 * that subject and replays what follows the client's Last-Event-ID. Appends do not wait for the
 * acknowledgement (the event is already on its way to the client); a failed one is logged and counted.
 */
final class SessionJournal {
    private static final System.Logger LOG = System.getLogger(SessionJournal.class.getName());
    private static final Duration READ_WAIT = Duration.ofSeconds(2);

    private final JetStream js;
    private final JetStreamManagement jsm;
    private final AtomicLong unjournaled = new AtomicLong();
    /** Told of a foreign entry in a journal (subject, why): logged and counted by the directory. */
    private final java.util.function.BiConsumer<String, String> refused;

    SessionJournal(Connection nats, java.util.function.BiConsumer<String, String> refused) throws IOException {
        this.refused = refused;
        this.js = nats.jetStream();
        this.jsm = nats.jetStreamManagement();
    }

    void append(String sessionId, String eventId, byte[] message) {
        if (!SessionStreams.validKey(sessionId)) return;
        js.publishAsync(SessionStreams.EVENTS_PREFIX + sessionId, SessionMessages.eventHeaders(eventId), message)
                .whenComplete((ack, e) -> {
                    if (e == null) return;
                    unjournaled.incrementAndGet();
                    LOG.log(Level.WARNING, "session " + sessionId + ": event " + eventId + " not journaled: " + e.getMessage());
                });
    }

    /** Events the journal could not take. */
    long unjournaled() {
        return unjournaled.get();
    }

    /** The events after {@code eventId}, oldest first; {@code null} when the journal does not hold it. */
    List<StreamEvent> after(String sessionId, String eventId) {
        if (!SessionStreams.validKey(sessionId)) return null;
        String subject = SessionStreams.EVENTS_PREFIX + sessionId;
        long last;
        try {
            MessageInfo info = jsm.getLastMessage(SessionStreams.EVENTS, subject);
            last = info.getSeq();
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == 404) return null; // nothing journaled for this session
            throw new ClusterUnavailable("JetStream could not read the journal of session " + sessionId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ClusterUnavailable("JetStream could not read the journal of session " + sessionId + ": " + e.getMessage(), e);
        }
        List<StreamEvent> events = new ArrayList<>();
        boolean found = false;
        JetStreamSubscription sub = null;
        try {
            sub = js.subscribe(subject, PushSubscribeOptions.builder().stream(SessionStreams.EVENTS).ordered(true).build());
            while (true) {
                Message m = sub.nextMessage(READ_WAIT);
                if (m == null) throw new ClusterUnavailable("the journal of session " + sessionId + " stopped before its last event", null);
                try {
                    StreamEvent e = SessionMessages.event(m);
                    if (found) events.add(e);
                    else found = e.eventId().equals(eventId);
                } catch (SessionMessages.Refused r) {
                    refused.accept(subject, "skipped a foreign journal entry: " + r.getMessage());
                }
                if (m.metaData().streamSequence() >= last) break;
            }
        } catch (IOException | JetStreamApiException e) {
            throw new ClusterUnavailable("JetStream could not read the journal of session " + sessionId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailable("interrupted while reading the journal of session " + sessionId, e);
        } finally {
            if (sub != null) {
                try {
                    sub.unsubscribe();
                } catch (RuntimeException e) {
                    // the connection is gone: nothing to unsubscribe
                }
            }
        }
        return found ? events : null;
    }
}
