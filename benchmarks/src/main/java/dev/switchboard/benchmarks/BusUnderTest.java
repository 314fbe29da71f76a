package dev.switchboard.benchmarks;

/**
 * A publish/subscribe bus with {@code n} subscribers whose handlers each bump their own slot of a
 * {@link HandledCounts}: ours, Guava's (synchronous and asynchronous) and a raw Disruptor ring (yielding and blocking), behind one shape.
 */
interface BusUnderTest extends AutoCloseable {
    String SWITCHBOARD = "switchboard";
    String GUAVA = "guava";
    String DISRUPTOR = "disruptor";
    String GUAVA_ASYNC = "guava-async";
    String DISRUPTOR_BLOCKING = "disruptor-blocking";

    /** Hands {@code event} to every subscriber; returns before they run it unless the bus is synchronous. */
    void publish(OrderCreated event);

    @Override
    void close();

    /** The event every bus carries: small, immutable, and of a type with a shallow class hierarchy. */
    record OrderCreated(long orderId) {}

    static BusUnderTest create(String impl, HandledCounts counts) {
        return switch (impl) {
            case SWITCHBOARD -> new SwitchboardBus(counts);
            case GUAVA -> new GuavaBus(counts);
            case DISRUPTOR -> new DisruptorBus(counts);
            case GUAVA_ASYNC -> new GuavaAsyncBus(counts);
            case DISRUPTOR_BLOCKING -> new DisruptorBus(counts, new com.lmax.disruptor.BlockingWaitStrategy());
            default -> throw new IllegalArgumentException("unknown bus '" + impl + "'");
        };
    }
}
