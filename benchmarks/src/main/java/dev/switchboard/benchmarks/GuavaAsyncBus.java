package dev.switchboard.benchmarks;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.Subscribe;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Guava's {@code AsyncEventBus}, the asynchronous peer of our bus: handlers run on an executor with
 * as many threads as there are subscribers (our bus gives each subscription its own worker). Each
 * handler runs under Guava's per-subscriber lock (no {@code @AllowConcurrentEvents}), as ours runs
 * one event at a time per subscription; that also keeps {@link HandledCounts} single-writer per
 * slot. {@code post} returns once each handler's task is queued.
 */
final class GuavaAsyncBus implements BusUnderTest {
    private final ExecutorService pool;
    private final AsyncEventBus bus;

    GuavaAsyncBus(HandledCounts counts) {
        pool = Executors.newFixedThreadPool(counts.subscribers(), r -> {
            Thread t = new Thread(r, "guava-async-bus");
            t.setDaemon(true);
            return t;
        });
        bus = new AsyncEventBus("benchmark", pool);
        for (int i = 0; i < counts.subscribers(); i++) bus.register(new Listener(counts, i));
    }

    @Override
    public void publish(OrderCreated event) {
        bus.post(event);
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
