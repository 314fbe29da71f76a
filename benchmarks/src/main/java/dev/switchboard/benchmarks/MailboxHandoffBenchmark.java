package dev.switchboard.benchmarks;

import dev.switchboard.kernel.OverflowPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One producer thread and one consumer thread share a queue (a JMH group of two, one per core on a
 * 2-core machine). Neither side blocks: a full offer or an empty poll backs off for
 * {@value #BACKOFF} tokens of {@code Blackhole.consumeCPU} and is tried again, as in JCTools'
 * {@code QueueThroughputBackoff}. Without the back-off the two spinning threads fight over the
 * queue's cache lines and, on two cores, settle into modes ten times apart from one fork to the next.
 * The score that compares is {@code polled}: items that crossed from producer to consumer per
 * microsecond; the group's primary score also counts failed attempts and means little.
 *
 * <p>Our mailbox runs with the reject policy here, not the default drop-oldest: a drop-oldest
 * mailbox never refuses, so its producer would evict items the consumer has not read yet (polling
 * the consumer's end of the ring) and "items transferred" would no longer compare with peers whose
 * {@code offer} simply says "full".
 *
 * <pre>
 * ./sb bench kernel --only MailboxHandoffBenchmark
 * </pre>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MailboxHandoffBenchmark {
    private static final Object ITEM = new Object();
    static final long BACKOFF = 20;

    @Param({QueueUnderTest.SWITCHBOARD, QueueUnderTest.ARRAY_BLOCKING_QUEUE, QueueUnderTest.MPSC_ARRAY_QUEUE})
    public String impl;

    private QueueUnderTest queue;

    /** Successful offers of the producer thread. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Offered {
        public long offered;

        @Setup(Level.Iteration)
        public void reset() {
            offered = 0;
        }
    }

    /** Items the consumer thread received. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Polled {
        public long polled;

        @Setup(Level.Iteration)
        public void reset() {
            polled = 0;
        }
    }

    @Setup
    public void setUp() {
        queue = QueueUnderTest.create(impl, MailboxBenchmark.CAPACITY, OverflowPolicy.REJECT);
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public void offer(Offered counter) {
        if (queue.offer(ITEM)) counter.offered++;
        else Blackhole.consumeCPU(BACKOFF);
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public void poll(Polled counter) {
        if (queue.poll() != null) counter.polled++;
        else Blackhole.consumeCPU(BACKOFF);
    }
}
