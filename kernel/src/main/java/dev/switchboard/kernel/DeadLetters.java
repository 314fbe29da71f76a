package dev.switchboard.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Where undelivered messages go. Counts are exact and kept per reason forever; the messages
 * themselves are kept only for the most recent {@code capacity} so a storm of drops cannot exhaust
 * memory. Listeners see every one as it happens.
 */
public final class DeadLetters {
    private final EnumMap<DeadLetter.Reason, LongAdder> counts = new EnumMap<>(DeadLetter.Reason.class);
    private final LongAdder total = new LongAdder();
    private final ArrayDeque<DeadLetter> recent;
    private final int capacity;
    private final List<Consumer<DeadLetter>> listeners = new CopyOnWriteArrayList<>();

    DeadLetters(int capacity) {
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(Math.min(capacity, 1024));
        for (DeadLetter.Reason r : DeadLetter.Reason.values()) counts.put(r, new LongAdder());
    }

    void record(DeadLetter letter) {
        counts.get(letter.reason()).increment();
        if (capacity > 0) {
            synchronized (recent) {
                if (recent.size() == capacity) recent.pollFirst();
                recent.addLast(letter);
            }
        }
        total.increment();
        for (Consumer<DeadLetter> l : listeners) l.accept(letter);
    }

    /** Every dead letter ever recorded. */
    public long total() {
        return total.sum();
    }

    public long count(DeadLetter.Reason reason) {
        return counts.get(reason).sum();
    }

    /** Counts by reason, zero counts included. */
    public Map<DeadLetter.Reason, Long> counts() {
        EnumMap<DeadLetter.Reason, Long> out = new EnumMap<>(DeadLetter.Reason.class);
        counts.forEach((r, c) -> out.put(r, c.sum()));
        return out;
    }

    /** The most recent dead letters, oldest first. */
    public List<DeadLetter> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /** Calls {@code listener} for each dead letter from now on, on the thread that dead-letters it. */
    public void onDeadLetter(Consumer<DeadLetter> listener) {
        listeners.add(listener);
    }
}
