package dev.switchboard.cluster;

/**
 * NATS cannot be reached, or JetStream refused what the cluster needs (a stream, a bucket, a
 * write). The message names the servers or the resource; callers answer with a retryable error.
 */
public final class ClusterUnavailable extends RuntimeException {
    public ClusterUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
