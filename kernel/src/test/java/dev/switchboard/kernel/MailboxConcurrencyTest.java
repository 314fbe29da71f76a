package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many producers and consumers hammer one small mailbox: every offered item must end exactly once,
 * as dequeued, dropped (seen by the listener) or refused back to its producer.
 */
class MailboxConcurrencyTest {

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void manyProducersAndConsumers_everyItemEndsExactlyOnce(OverflowPolicy policy) throws Exception {
        int producers = 4, consumers = 3, perProducer = 20_000;
        ConcurrentLinkedQueue<Integer> dropped = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> refused = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> taken = new ConcurrentLinkedQueue<>();
        Mailbox<Integer> mailbox = Mailbox.create(new MailboxSettings(16, policy, 8, 1), new MailboxListener<>() {
            @Override
            public void onDropped(Integer item, OverflowPolicy p) {
                dropped.add(item);
            }
        }, i -> i % 5);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger producing = new AtomicInteger(producers);
        AtomicBoolean done = new AtomicBoolean();
        Thread[] threads = new Thread[producers + consumers];
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            threads[p] = Thread.ofPlatform().start(() -> {
                await(start);
                for (int i = 0; i < perProducer; i++) {
                    Mailbox.Offer o = mailbox.offer(base + i);
                    if (o == Mailbox.Offer.REJECTED || o == Mailbox.Offer.TIMED_OUT) refused.add(base + i);
                }
                if (producing.decrementAndGet() == 0) done.set(true);
            });
        }
        for (int c = 0; c < consumers; c++) {
            threads[producers + c] = Thread.ofPlatform().start(() -> {
                await(start);
                while (true) {
                    int n = mailbox.drain(taken::add, 7);
                    if (n == 0 && done.get() && mailbox.isEmpty()) return;
                    if (n == 0) Thread.onSpinWait();
                }
            });
        }
        start.countDown();
        for (Thread t : threads) t.join();

        int total = producers * perProducer;
        BitSet seen = new BitSet(total);
        for (ConcurrentLinkedQueue<Integer> q : java.util.List.of(dropped, refused, taken))
            for (int i : q) {
                assertThat(seen.get(i)).as("item %d ended twice", i).isFalse();
                seen.set(i);
            }
        assertThat(seen.cardinality()).as("items that ended").isEqualTo(total);
        MailboxStats stats = mailbox.stats();
        assertThat(stats.dropped()).isEqualTo(dropped.size());
        assertThat(stats.errors()).isEqualTo(refused.size());
        assertThat(stats.depth()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
