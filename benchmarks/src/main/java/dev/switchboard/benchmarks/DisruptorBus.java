package dev.switchboard.benchmarks;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The floor: a raw LMAX Disruptor ring with one {@code EventHandler} (one thread) per subscriber, a
 * single-producer sequencer, no topic matching, no accounting, nothing allocated per event.
 *
 * <p>Wait strategy: {@link YieldingWaitStrategy}. It spins 100 times and then yields, so an idle
 * handler gives its core back to the publisher and to the other handlers, which matters with up to
 * five threads on two cores; busy-spin would starve them, and {@code BlockingWaitStrategy} makes the
 * producer take a lock and signal a condition on every publish, which lowers the floor and would
 * flatter us. Yielding is the fastest strategy that stays sane here, so it is the honest floor.
 */
final class DisruptorBus implements BusUnderTest {
    private static final EventTranslatorOneArg<Slot, OrderCreated> PUT = (slot, sequence, event) -> slot.event = event;

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;

    /** One reusable ring entry. */
    static final class Slot {
        OrderCreated event;
    }

    DisruptorBus(HandledCounts counts) {
        this(counts, new YieldingWaitStrategy());
    }

    /**
     * With {@link com.lmax.disruptor.BlockingWaitStrategy}: idle handlers park on a lock and
     * condition as our workers park, so this is the like-for-like peer of our bus; the yielding
     * ring stays beside it as the floor.
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array for handleEventsWith's varargs
    DisruptorBus(HandledCounts counts, com.lmax.disruptor.WaitStrategy waitStrategy) {
        disruptor = new Disruptor<>(Slot::new, 4 * BusBenchmark.BATCH, DaemonThreadFactory.INSTANCE,
                ProducerType.SINGLE, waitStrategy);
        EventHandler<Slot>[] handlers = new EventHandler[counts.subscribers()];
        for (int i = 0; i < handlers.length; i++) {
            int index = i;
            handlers[i] = (slot, sequence, endOfBatch) -> counts.increment(index);
        }
        disruptor.handleEventsWith(handlers);
        ring = disruptor.start();
    }

    @Override
    public void publish(OrderCreated event) {
        ring.publishEvent(PUT, event);
    }

    @Override
    public void close() {
        try {
            disruptor.shutdown(5, TimeUnit.SECONDS);
        } catch (com.lmax.disruptor.TimeoutException e) {
            disruptor.halt();
        }
    }
}
