package dev.switchboard.cluster;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.util.regex.Pattern;

/* Why: the session bucket's name and shape in one place; the first node to start creates it. */
final class SessionStreams {
    static final String BUCKET = "sb-sessions";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_=-]{1,128}");

    private SessionStreams() {
    }

    static boolean validKey(String id) {
        return id != null && KEY.matcher(id).matches();
    }

    static void ensure(Connection c, int replicas) throws IOException, JetStreamApiException {
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
}
