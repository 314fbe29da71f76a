package dev.switchboard.benchmarks;

import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;

/**
 * Guava's {@code EventBus} the way it is commonly used: {@code new EventBus()} (synchronous, direct
 * executor, per-thread queued dispatch) and {@code @Subscribe} methods without
 * {@code @AllowConcurrentEvents}, so each call goes through Guava's per-subscriber lock. Handlers run
 * on the publishing thread, so a publish returns only after every handler ran.
 */
final class GuavaBus implements BusUnderTest {
    private final EventBus bus = new EventBus("benchmark");

    GuavaBus(HandledCounts counts) {
        for (int i = 0; i < counts.subscribers(); i++) bus.register(new Listener(counts, i));
    }

    @Override
    public void publish(OrderCreated event) {
        bus.post(event);
    }

    @Override
    public void close() {
        // a Guava EventBus holds no threads
    }

    static final class Listener {
        private final HandledCounts counts;
        private final int index;

        Listener(HandledCounts counts, int index) {
            this.counts = counts;
            this.index = index;
        }

        @Subscribe
        public void on(OrderCreated event) {
            counts.increment(index);
        }
    }
}
