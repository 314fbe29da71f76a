package dev.switchboard.mcp;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Every live session by id, with the cap and idle eviction. Ids are 128 bits from
 * {@link SecureRandom} in URL-safe base64: unguessable, and valid in an HTTP header as they are.
 */
final class SessionTable {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final int max;
    private final long idleNanos;
    private final int maxInflight;
    private final Consumer<Session> onEnd;

    SessionTable(McpSettings settings, Consumer<Session> onEnd) {
        this.max = settings.maxSessions();
        this.idleNanos = settings.idleTimeout().toNanos();
        this.maxInflight = settings.sessionMaxInflight();
        this.onEnd = onEnd;
    }

    /** A new session, or {@code null} when the cap is reached even after evicting idle ones. */
    Session open(String transport, Dispatcher dispatcher) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            evictIdle();
            if (count.incrementAndGet() > max) {
                count.decrementAndGet();
                return null;
            }
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        Session s = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), transport, dispatcher, maxInflight);
        sessions.put(s.id(), s);
        return s;
    }

    Session find(String id) {
        return id == null ? null : sessions.get(id);
    }

    /** Ends the session {@code id}, telling its requests in flight {@code why}; {@code false} when there was none. */
    boolean end(String id, Session.End why) {
        Session s = id == null ? null : sessions.remove(id);
        if (s == null) return false;
        count.decrementAndGet();
        s.close(why);
        onEnd.accept(s);
        return true;
    }

    /** Ends every session idle for longer than the timeout (see {@link Session#idle}); returns how many. */
    int evictIdle() {
        long now = System.nanoTime();
        int evicted = 0;
        for (Session s : sessions.values())
            if (s.idle(now, idleNanos) && end(s.id(), Session.End.EVICTED)) evicted++;
        return evicted;
    }

    int size() {
        return count.get();
    }

    int max() {
        return max;
    }

    Collection<Session> all() {
        return sessions.values();
    }

    void endAll() {
        for (String id : sessions.keySet()) end(id, Session.End.SHUTDOWN);
    }
}
