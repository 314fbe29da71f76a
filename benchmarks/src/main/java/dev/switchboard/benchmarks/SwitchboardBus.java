package dev.switchboard.benchmarks;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.kernel.MailboxSettings;
import dev.switchboard.kernel.OverflowPolicy;
import dev.switchboard.kernel.PublishResult;
import dev.switchboard.kernel.Topic;

/**
 * Our {@code EventBus}, configured so that the benchmark measures delivery and nothing else: an
 * in-flight limit far above what a batch holds (so no publish is refused) and block-policy mailboxes
 * larger than a batch (so nothing is dropped and the block path is never taken). Everything else is
 * the default: batch size, idempotency window, ledger accounting.
 */
final class SwitchboardBus implements BusUnderTest {
    static final String TOPIC = "events://orders/created";
    private static final MailboxSettings MAILBOX = MailboxSettings.of(4 * BusBenchmark.BATCH, OverflowPolicy.BLOCK);

    private final Kernel kernel = Kernel.create(KernelConfig.defaults().withMaxInflight(1 << 22));
    /** A hot publisher holds its topic: no subscription lookup per publish. */
    private final Topic topic;

    SwitchboardBus(HandledCounts counts) {
        for (int i = 0; i < counts.subscribers(); i++) {
            int index = i;
            kernel.bus().subscribe(TOPIC, MAILBOX, m -> counts.increment(index));
        }
        topic = kernel.bus().topic(TOPIC);
    }

    @Override
    public void publish(OrderCreated event) {
        PublishResult r = topic.publish(event);
        // a refusal would make the benchmark wait forever for an event nobody got: fail loudly instead
        if (r.refused()) throw new IllegalStateException("publish refused: " + r);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
