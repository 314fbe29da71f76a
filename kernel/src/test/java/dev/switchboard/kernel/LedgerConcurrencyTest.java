package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many producers, small mailboxes, slow and failing handlers, a tight in-flight limit: afterwards
 * every message is accounted for exactly once — nothing lost, nothing delivered twice, nothing both
 * delivered and dead-lettered — and accepted = delivered + dead-lettered.
 */
class LedgerConcurrencyTest {

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void manyProducers_everyMessageEndsExactlyOnce(OverflowPolicy policy) throws Exception {
        KernelConfig config = KernelConfig.defaults().withMaxInflight(400).withRetry(2, 0)
                .withMailbox(new MailboxSettings(8, policy, 8, 2));
        Map<Long, AtomicInteger> handled = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> deadIds = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> busHandled = new ConcurrentLinkedQueue<>();
        try (Kernel kernel = Kernel.create(config)) {
            kernel.deadLetters().onDeadLetter(dl -> deadIds.add(dl.message().id()));
            Handler handler = d -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                if (r.nextInt(10) == 0) Thread.sleep(1);
                if (r.nextInt(20) == 0) throw new IllegalStateException("flaky");
                handled.computeIfAbsent(d.message().id(), id -> new AtomicInteger()).incrementAndGet();
                return d.message().id();
            };
            kernel.register(Subsystem.builder("ordered").ordered().route("ordered://x/{n}", handler).build());
            kernel.register(Subsystem.builder("parallel").concurrency(4).route("parallel://x/{n}", handler).build());
            kernel.bus().subscribe("events://>", MailboxSettings.of(8, policy), m -> busHandled.add(m.id()));

            int producers = 6, perProducer = 3_000;
            CountDownLatch start = new CountDownLatch(1);
            ConcurrentLinkedQueue<CompletableFuture<Outcome>> futures = new ConcurrentLinkedQueue<>();
            AtomicInteger refusedSubmits = new AtomicInteger();
            AtomicInteger refusedPublishes = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perProducer; i++) {
                        switch (i % 3) {
                            case 0 -> futures.add(kernel.submit(Message.of("ordered://x/" + i, i)));
                            case 1 -> futures.add(kernel.submit(Message.of(i % 30 == 1 ? "nowhere://x" : "parallel://x/" + i, i)));
                            default -> { if (kernel.bus().publish("events://tick", i).refused()) refusedPublishes.incrementAndGet(); }
                        }
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) t.join();
            for (CompletableFuture<Outcome> f : futures) if (f.join() instanceof Outcome.Refused) refusedSubmits.incrementAndGet();
            await().atMost(Duration.ofSeconds(30)).until(() -> kernel.ledger().balanced());

            Ledger ledger = kernel.ledger();
            assertThat(kernel.doubleEnds()).isZero();
            assertThat(ledger.accepted()).isEqualTo(ledger.delivered() + ledger.deadLettered());
            assertThat(ledger.accepted() + ledger.refused()).isEqualTo((long) producers * perProducer);
            assertThat(ledger.refused()).isEqualTo(refusedSubmits.get() + refusedPublishes.get());
            assertThat(handled.values()).allSatisfy(n -> assertThat(n.get()).as("handled once").isEqualTo(1));
            assertThat(busHandled).doesNotHaveDuplicates();
            List<Long> dead = new ArrayList<>(deadIds);
            assertThat(dead).doesNotHaveDuplicates();
            assertThat(dead).doesNotContainAnyElementsOf(handled.keySet());
            assertThat(dead).doesNotContainAnyElementsOf(busHandled);
            assertThat(ledger.delivered()).isEqualTo(handled.size() + busHandled.size());
            assertThat(ledger.deadLettered()).isEqualTo(dead.size());
        }
    }
}
