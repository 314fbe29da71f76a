package dev.switchboard.cluster;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;

/*
 * Why: every node must find the same JetStream resources whichever starts first, so each one
 * creates what is missing and accepts what another node created. Names in one place.
 */
final class TaskStreams {
    static final String STREAM = "SB_TASK_QUEUE";
    static final String SUBJECT_PREFIX = "sb.tasks.queue.";
    static final String CONSUMER = "sb-task-workers";
    static final String BUCKET = "sb-tasks";
    /** How long JetStream remembers a Nats-Msg-Id: a create retried within it is not queued twice. */
    static final Duration DEDUP_WINDOW = Duration.ofMinutes(2);

    private TaskStreams() {
    }

    static void ensure(Connection c, int replicas, long leaseMs) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = c.jetStreamManagement();
        if (!exists(() -> jsm.getStreamInfo(STREAM))) {
            create(() -> jsm.addStream(StreamConfiguration.builder()
                    .name(STREAM).subjects(SUBJECT_PREFIX + "*")
                    .retentionPolicy(RetentionPolicy.WorkQueue).storageType(StorageType.File)
                    .replicas(replicas).duplicateWindow(DEDUP_WINDOW).build()));
        }
        if (!exists(() -> jsm.getConsumerInfo(STREAM, CONSUMER))) {
            create(() -> jsm.addOrUpdateConsumer(STREAM, ConsumerConfiguration.builder()
                    .durable(CONSUMER).filterSubject(SUBJECT_PREFIX + "*")
                    .ackPolicy(AckPolicy.Explicit).ackWait(Duration.ofMillis(leaseMs))
                    .deliverPolicy(DeliverPolicy.All).maxDeliver(-1).maxAckPending(100_000).build()));
        }
        KeyValueManagement kvm = c.keyValueManagement();
        if (!exists(() -> kvm.getStatus(BUCKET))) {
            create(() -> kvm.create(KeyValueConfiguration.builder()
                    .name(BUCKET).maxHistoryPerKey(1).storageType(StorageType.File).replicas(replicas).build()));
        }
    }

    interface Call {
        Object run() throws IOException, JetStreamApiException;
    }

    static boolean exists(Call lookup) throws IOException, JetStreamApiException {
        try {
            lookup.run();
            return true;
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == 404) return false;
            throw e;
        }
    }

    // Two nodes starting together both see "missing"; the loser's create fails and the winner's stands.
    static void create(Call create) throws IOException, JetStreamApiException {
        try {
            create.run();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != 10058 && e.getApiErrorCode() != 10148) throw e; // name already in use
        }
    }
}
