package dev.switchboard.mcp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sessions subscribe to which resource URIs, indexed by URI so an update reaches its
 * subscribers without scanning every session.
 */
final class Subscriptions {
    private final Map<String, Set<Session>> byUri = new ConcurrentHashMap<>();
    private volatile SubscriptionWatcher watcher = SubscriptionWatcher.NONE;

    void watch(SubscriptionWatcher w) {
        watcher = w == null ? SubscriptionWatcher.NONE : w;
    }

    SubscriptionWatcher watcher() {
        return watcher;
    }

    void add(Session session, String uri) {
        byUri.computeIfAbsent(uri, u -> ConcurrentHashMap.newKeySet()).add(session);
        session.subscriptions().add(uri);
    }

    void remove(Session session, String uri) {
        session.subscriptions().remove(uri);
        byUri.computeIfPresent(uri, (u, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    /** Forgets every subscription of an ended session. */
    void removeAll(Session session) {
        for (String uri : session.subscribedUris()) remove(session, uri);
    }

    /** A session ended here: forgets its subscriptions and tells the watcher of each. */
    void ended(Session session) {
        for (String uri : session.subscribedUris()) {
            remove(session, uri);
            watcher.unsubscribed(session.id(), uri);
        }
    }

    Set<Session> subscribers(String uri) {
        return byUri.getOrDefault(uri, Set.of());
    }
}
