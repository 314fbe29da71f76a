package dev.switchboard.kernel;

/**
 * One topic of the {@link EventBus}, held by a publisher that publishes to it often. Publishing
 * through it skips the per-publish lookup of the topic's subscriptions: they are computed once and
 * reused until a subscription comes or goes (the bus's version changes). Safe from any thread; a
 * stale read only costs a recomputation.
 */
public final class Topic {
    private final EventBus bus;
    private final String path;
    private volatile EventBus.Targets targets;

    Topic(EventBus bus, String path) {
        this.bus = bus;
        this.path = path;
        this.targets = bus.targetsOf(path);
    }

    public String path() {
        return path;
    }

    /** Publishes {@code body} with default metadata; the same as {@link EventBus#publish(String, Object)}. */
    public PublishResult publish(Object body) {
        return publish(Message.of(path, body));
    }

    /** Publishes {@code message}, whose path must be this topic's. */
    public PublishResult publish(Message message) {
        if (!message.path().equals(path)) throw new IllegalArgumentException("message to '" + message.path() + "' published on topic '" + path + "'");
        EventBus.Targets t = targets;
        if (!bus.current(t)) targets = t = bus.targetsOf(path);
        return bus.publish(message, t.subscriptions());
    }
}
