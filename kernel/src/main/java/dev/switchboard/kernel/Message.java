package dev.switchboard.kernel;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One unit of work or one event travelling through the kernel.
 *
 * <p>The {@code path} addresses it: {@code subsystem://route/segments} for routed work, or a topic of
 * the same shape on the {@link EventBus}. The body is whatever the handler expects; the kernel never
 * looks inside it. Ids are unique within the process and increase with creation order.
 *
 * @param id       process-unique id, assigned at creation
 * @param path     the address, {@code subsystem://route/...}
 * @param body     the payload, possibly {@code null}
 * @param metadata correlation, priority, deadline, caller, trace context, timing and attempts
 */
public record Message(long id, String path, Object body, Metadata metadata) {
    private static final AtomicLong IDS = new AtomicLong();

    public Message {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** A message to {@code path} with default metadata (no correlation id, priority 0, no deadline). */
    public static Message of(String path, Object body) {
        return new Message(IDS.incrementAndGet(), path, body, Metadata.now());
    }

    /** A message to {@code path} with the given metadata. */
    public static Message of(String path, Object body, Metadata metadata) {
        return new Message(IDS.incrementAndGet(), path, body, metadata);
    }

    /** The same message, one delivery attempt later. */
    Message nextAttempt() {
        return new Message(id, path, body, metadata.withAttempts(metadata.attempts() + 1));
    }
}
