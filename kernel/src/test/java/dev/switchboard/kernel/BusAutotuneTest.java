package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusAutotuneTest {
    private Kernel kernel;

    @AfterEach
    void close() {
        if (kernel != null) kernel.close();
    }

    /** Autotune with the limit pinned at {@code limit}, and a subsystem "tools" whose route waits for {@code gate}. */
    private Kernel kernel(int limit, CountDownLatch gate) {
        AutotuneSettings a = AutotuneSettings.defaults().withEnabled(true).withBounds(limit, limit, limit);
        kernel = Kernel.create(KernelConfig.defaults().withAutotune(a));
        kernel.register(Subsystem.builder("tools").route("tools://call/x", d -> {
            gate.await();
            return "ok";
        }).build());
        return kernel;
    }

    private static Subscriber waitingFor(CountDownLatch gate, CountDownLatch started, List<Message> seen) {
        return m -> {
            started.countDown();
            gate.await();
            seen.add(m);
        };
    }

    @Test
    void publish_toASubsystemsTopic_holdsASlotOfItsLimitUntilTheSubscriberIsDone() throws Exception {
        CountDownLatch gate = new CountDownLatch(1), started = new CountDownLatch(1);
        Kernel k = kernel(2, gate);
        List<Message> seen = new CopyOnWriteArrayList<>();
        k.bus().subscribe("tools://events/>", waitingFor(gate, started, seen));
        k.bus().publish("tools://events/changed", "e1");
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        AdaptiveLimit tools = k.adaptiveLimits().get("tools");
        assertThat(tools.inFlight()).isEqualTo(1);
        CompletableFuture<Outcome> call = k.submit(Message.of("tools://call/x", null));
        assertThat(k.submit(Message.of("tools://call/x", null)).join()).isInstanceOf(Outcome.Refused.class); // the event holds the other slot
        gate.countDown();
        assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo(new Outcome.Delivered("ok"));
        await().atMost(Duration.ofSeconds(5)).until(() -> k.ledger().pending() == 0);
        assertThat(seen).extracting(Message::body).containsExactly("e1");
        assertThat(tools.inFlight()).isZero();
        assertThat(k.ledger().balanced()).isTrue();
    }

    @Test
    void publish_toATopicNoSubsystemOwns_isNotLimited() {
        CountDownLatch gate = new CountDownLatch(0);
        Kernel k = kernel(1, gate);
        AtomicInteger got = new AtomicInteger();
        k.bus().subscribe("news://>", m -> got.incrementAndGet());
        for (int i = 0; i < 20; i++) k.bus().publish("news://today", i);
        await().atMost(Duration.ofSeconds(5)).until(() -> got.get() == 20);
        assertThat(k.adaptiveLimits().get("tools").refused()).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"drop-newest, DROPPED_NEWEST", "reject, REJECTED", "block, BLOCK_TIMEOUT", "priority, DROPPED_LOW_PRIORITY", "drop-oldest, DROPPED_NEWEST"})
    void publish_refusedByTheLimit_followsTheOverflowPolicyAndIsDeadLettered(String policy, DeadLetter.Reason reason) throws Exception {
        CountDownLatch gate = new CountDownLatch(1), started = new CountDownLatch(1);
        Kernel k = kernel(1, gate);
        List<Message> seen = new CopyOnWriteArrayList<>();
        MailboxSettings mailbox = new MailboxSettings(64, OverflowPolicy.parse(policy), 16, 50);
        k.bus().subscribe("tools://events/>", mailbox, waitingFor(gate, started, seen));
        k.bus().publish("tools://events/a", "first");
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue(); // running, so not queued: drop-oldest has nothing to evict
        PublishResult second = k.bus().publish("tools://events/a", "second");
        assertThat(second.refused()).isFalse(); // accepted on the ledger, then ended by the policy
        assertThat(k.deadLetters().count(reason)).isEqualTo(1);
        assertThat(k.deadLetters().recent().getLast().detail()).contains("subsystem 'tools'", "adaptive limit of 1", "policy " + policy);
        gate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> k.ledger().pending() == 0);
        assertThat(seen).extracting(Message::body).containsExactly("first");
        assertThat(k.ledger()).isEqualTo(new Ledger(2, 1, 1, 0));
        assertThat(k.adaptiveLimits().get("tools").inFlight()).isZero();
        assertThat(k.adaptiveLimits().get("tools").refused()).isEqualTo(1);
    }

    @Test
    void publish_refusedUnderDropOldest_evictsTheOldestQueuedEventForTheNewOne() throws Exception {
        CountDownLatch gate = new CountDownLatch(1), started = new CountDownLatch(1);
        Kernel k = kernel(2, gate);
        List<Message> seen = new CopyOnWriteArrayList<>();
        k.bus().subscribe("tools://events/>", MailboxSettings.of(64, OverflowPolicy.DROP_OLDEST), waitingFor(gate, started, seen));
        k.bus().publish("tools://events/a", "running");
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        k.bus().publish("tools://events/a", "queued");
        k.bus().publish("tools://events/a", "newest");
        assertThat(k.deadLetters().count(DeadLetter.Reason.DROPPED_OLDEST)).isEqualTo(1);
        assertThat(k.deadLetters().recent().getLast().message().body()).isEqualTo("queued");
        gate.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> k.ledger().pending() == 0);
        assertThat(seen).extracting(Message::body).containsExactly("running", "newest");
        assertThat(k.ledger()).isEqualTo(new Ledger(3, 2, 1, 0));
        assertThat(k.adaptiveLimits().get("tools").inFlight()).isZero();
    }

    @Test
    void publish_refusedUnderBlock_getsTheSlotThatFreesWithinTheTimeout() throws Exception {
        CountDownLatch gate = new CountDownLatch(1), started = new CountDownLatch(1);
        Kernel k = kernel(1, gate);
        List<Message> seen = new CopyOnWriteArrayList<>();
        k.bus().subscribe("tools://events/>", new MailboxSettings(64, OverflowPolicy.BLOCK, 16, 5_000), waitingFor(gate, started, seen));
        k.bus().publish("tools://events/a", "first");
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gate.countDown();
        });
        k.bus().publish("tools://events/a", "second"); // blocks until the first is done
        await().atMost(Duration.ofSeconds(5)).until(() -> k.ledger().pending() == 0);
        assertThat(seen).extracting(Message::body).containsExactly("first", "second");
        assertThat(k.deadLetters().total()).isZero();
    }

    /**
     * A seeded model: a random mix of publications to three subscriptions with different policies
     * (one of them slow) and requests to the same subsystem, under a small limit. Whatever the mix,
     * every accepted message ends exactly once, every slot comes back, and each refused event is a
     * dead letter naming the limit.
     */
    @Test
    void seededMix_ofEventsAndRequestsUnderTheLimit_losesNothingAndGivesEverySlotBack() {
        CountDownLatch gate = new CountDownLatch(0);
        Kernel k = kernel(3, gate);
        AtomicInteger delivered = new AtomicInteger();
        k.bus().subscribe("tools://events/>", MailboxSettings.of(4, OverflowPolicy.DROP_OLDEST), m -> {
            Thread.sleep(2);
            delivered.incrementAndGet();
        });
        k.bus().subscribe("tools://events/>", MailboxSettings.of(8, OverflowPolicy.DROP_NEWEST), m -> delivered.incrementAndGet());
        k.bus().subscribe("*://events/>", new MailboxSettings(8, OverflowPolicy.BLOCK, 16, 5), m -> delivered.incrementAndGet());
        Random random = new Random(18);
        int published = 0, refusedCalls = 0;
        List<CompletableFuture<Outcome>> calls = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 600; i++) {
            if (random.nextInt(4) == 0) {
                CompletableFuture<Outcome> c = k.submit(Message.of("tools://call/x", null));
                if (c.join() instanceof Outcome.Refused) refusedCalls++;
                else calls.add(c);
            } else {
                PublishResult r = k.bus().publish("tools://events/" + random.nextInt(3), i);
                published += r.deliveries();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> k.ledger().pending() == 0);
        Ledger ledger = k.ledger();
        long deadLetters = k.deadLetters().total();
        assertThat(ledger.balanced()).isTrue();
        assertThat(k.doubleEnds()).isZero();
        assertThat(ledger.accepted()).isEqualTo(published + calls.size());
        assertThat(delivered.get() + deadLetters).isEqualTo(published);
        assertThat(deadLetters).isPositive(); // the limit of 3 bound
        assertThat(k.deadLetters().recent()).allSatisfy(d -> assertThat(d.detail()).containsAnyOf("adaptive limit", "mailbox of subscription"));
        assertThat(k.adaptiveLimits().get("tools").inFlight()).isZero();
        assertThat(ledger.refused()).isEqualTo(refusedCalls);
    }
}
