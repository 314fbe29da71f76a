package dev.switchboard.benchmarks;

import dev.switchboard.kernel.OverflowPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One thread offers an item and polls it back: the uncontended cost of a mailbox round trip, which
 * is what every message pays on its way to a worker. Our {@code Mailbox} runs with its default
 * drop-oldest policy (the ring never fills here, so the policy only matters through the code it
 * keeps on the fast path) beside {@link java.util.concurrent.ArrayBlockingQueue} and JCTools'
 * {@code MpscArrayQueue}, all at capacity 1024 (a power of two, so JCTools does not round it up).
 *
 * <pre>
 * ./sb bench kernel --only MailboxBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MailboxBenchmark {
    static final int CAPACITY = 1024;
    private static final Object ITEM = new Object();

    @Param({QueueUnderTest.SWITCHBOARD, QueueUnderTest.ARRAY_BLOCKING_QUEUE, QueueUnderTest.MPSC_ARRAY_QUEUE})
    public String impl;

    private QueueUnderTest queue;

    @Setup
    public void setUp() {
        queue = QueueUnderTest.create(impl, CAPACITY, OverflowPolicy.DROP_OLDEST);
    }

    @Benchmark
    public Object offerPoll() {
        queue.offer(ITEM);
        return queue.poll();
    }
}
