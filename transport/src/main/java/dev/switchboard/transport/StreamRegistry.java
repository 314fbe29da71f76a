package dev.switchboard.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Recent SSE streams by id, so a {@code Last-Event-ID} can find its stream. Bounded: the oldest
 * streams are forgotten first, and a forgotten stream simply cannot be resumed.
 */
final class StreamRegistry {
    private final Map<String, SseStream> streams;

    StreamRegistry(int capacity) {
        this.streams = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SseStream> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void add(SseStream s) {
        streams.put(s.id, s);
    }

    synchronized SseStream find(String id) {
        return streams.get(id);
    }

    synchronized void forget(SseStream s) {
        streams.remove(s.id, s);
    }

    synchronized void forgetSession(String sessionId) {
        streams.values().removeIf(s -> s.sessionId.equals(sessionId));
    }

    synchronized void forgetIf(Predicate<SseStream> gone) {
        streams.values().removeIf(gone);
    }
}
