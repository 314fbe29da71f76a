package dev.switchboard.benchmarks;

/**
 * A publish/subscribe bus with {@code n} subscribers whose handlers each bump their own slot of a
 * {@link HandledCounts}: ours, Guava's and a raw Disruptor ring, behind one shape.
 */
interface BusUnderTest extends AutoCloseable {
    String SWITCHBOARD = "switchboard";
    String GUAVA = "guava";
    String DISRUPTOR = "disruptor";

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
            default -> throw new IllegalArgumentException("unknown bus '" + impl + "'");
        };
    }
}
