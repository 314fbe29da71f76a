package dev.switchboard.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Publish to handled, end to end: one producer publishes a batch of {@value #BATCH} events, then
 * waits until every subscriber's handler has run for all of them. The score is events per
 * microsecond per producer (each event reaching every subscriber), so asynchronous delivery is
 * counted, not just the enqueue. The handler only bumps its own counter ({@link HandledCounts}).
 *
 * <p>Beside our {@code EventBus}: Guava's {@code EventBus} with its default synchronous dispatch
 * ({@link GuavaBus}, which runs handlers inside {@code post}, so it is not a peer of an asynchronous
 * bus and is kept only for reference), Guava's {@code AsyncEventBus} on a pool with a thread per
 * subscriber as our bus has ({@link GuavaAsyncBus}, the fair Guava peer), and a raw LMAX Disruptor
 * ring with the blocking wait strategy (idle handlers park, as ours do: the fair Disruptor peer) and
 * with the yielding one (the floor). With 1 and 4 subscribers.
 *
 * <p>On two cores the asynchronous buses, ours and the Disruptor alike, land in one of two modes per
 * forked JVM, several times apart, depending on whether the scheduler lets the publisher and a
 * handler thread run side by side; that is why a full run uses three forks, and why a
 * {@code --quick} run's single fork is a sketch, not a verdict.
 *
 * <pre>
 * ./sb bench kernel --only BusBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BusBenchmark {
    static final int BATCH = 256;

    @Param({BusUnderTest.SWITCHBOARD, BusUnderTest.GUAVA, BusUnderTest.GUAVA_ASYNC, BusUnderTest.DISRUPTOR, BusUnderTest.DISRUPTOR_BLOCKING})
    public String impl;

    @Param({"1", "4"})
    public int subscribers;

    private final BusUnderTest.OrderCreated event = new BusUnderTest.OrderCreated(42);
    private HandledCounts counts;
    private BusUnderTest bus;
    private long published;

    @Setup(Level.Trial)
    public void setUp() {
        counts = new HandledCounts(subscribers);
        bus = BusUnderTest.create(impl, counts);
        published = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bus.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publishToHandled() {
        for (int i = 0; i < BATCH; i++) bus.publish(event);
        published += BATCH;
        counts.awaitAll(published);
    }
}
