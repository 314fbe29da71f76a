package dev.switchboard.cluster;

/* Why: bytes on a cluster subject or in a bucket that no codec of ours wrote; the reader counts and logs them, never crashes. */
final class UnreadableMessage extends RuntimeException {
    UnreadableMessage(String message) {
        super(message);
    }

    UnreadableMessage(String message, Throwable cause) {
        super(message, cause);
    }
}
