package dev.switchboard.cluster;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;

/*
 * Why: the bridged kernel bus needs JetStream only for its Nats-Msg-Id duplicate window and for a
 * delivery every node sees once; it keeps messages five minutes in memory (replicated), not on disk.
 */
final class BusStream {
    static final Duration DEDUP_WINDOW = Duration.ofMinutes(2);

    private BusStream() {
    }

    static void ensure(Connection c, int replicas) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = c.jetStreamManagement();
        if (!TaskStreams.exists(() -> jsm.getStreamInfo(BusBridge.STREAM))) {
            TaskStreams.create(() -> jsm.addStream(StreamConfiguration.builder()
                    .name(BusBridge.STREAM).subjects(BusBridge.SUBJECT).storageType(StorageType.Memory)
                    .maxAge(Duration.ofMinutes(5)).replicas(replicas).duplicateWindow(DEDUP_WINDOW).build()));
        }
    }
}
