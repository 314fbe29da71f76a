package dev.switchboard.cluster;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.util.regex.Pattern;

/*
 * Why: the names and shapes of the sessions' JetStream resources in one place; the first node to
 * start creates them. The event journal is one stream with a subject per session, bounded by count
 * per subject and by age (nats-server 2.9 has no per-message TTL), so a resumable stream costs
 * nothing once it is old.
 */
final class SessionStreams {
    static final String BUCKET = "sb-sessions";
    static final String EVENTS = "sb-events";
    static final String EVENTS_PREFIX = "sb.events.";
    /** Events a session's journal keeps: what a client can miss and still resume without loss. */
    static final long EVENTS_PER_SESSION = 1_000;
    /** How long a journaled event stays resumable. */
    static final java.time.Duration EVENTS_MAX_AGE = java.time.Duration.ofMinutes(30);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_=-]{1,128}");

    private SessionStreams() {
    }

    static boolean validKey(String id) {
        return id != null && KEY.matcher(id).matches();
    }

    static void ensure(Connection c, int replicas) throws IOException, JetStreamApiException {
        ensureJournal(c, replicas);
        KeyValueManagement kvm = c.keyValueManagement();
        try {
            kvm.getStatus(BUCKET);
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) throw e;
            try {
                kvm.create(KeyValueConfiguration.builder().name(BUCKET).maxHistoryPerKey(1)
                        .storageType(StorageType.File).replicas(replicas).build());
            } catch (JetStreamApiException raced) {
                if (raced.getApiErrorCode() != 10058) throw raced; // another node created it first
            }
        }
    }

    private static void ensureJournal(Connection c, int replicas) throws IOException, JetStreamApiException {
        var jsm = c.jetStreamManagement();
        try {
            jsm.getStreamInfo(EVENTS);
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) throw e;
            try {
                jsm.addStream(io.nats.client.api.StreamConfiguration.builder().name(EVENTS).subjects(EVENTS_PREFIX + ">")
                        .maxMessagesPerSubject(EVENTS_PER_SESSION).maxAge(EVENTS_MAX_AGE)
                        .storageType(StorageType.File).replicas(replicas).build());
            } catch (JetStreamApiException raced) {
                if (raced.getApiErrorCode() != 10058) throw raced; // another node created it first
            }
        }
    }
}
