package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KernelTest {
    private Kernel kernel;

    private Kernel kernel(KernelConfig config) {
        kernel = Kernel.create(config);
        return kernel;
    }

    @AfterEach
    void close() {
        if (kernel != null) kernel.close();
    }

    @Test
    void submit_toARoute_deliversTheHandlersValue() {
        Kernel k = kernel(KernelConfig.defaults());
        k.register(Subsystem.builder("math").route("math://add/{a}/{b}", d -> Integer.parseInt(d.param("a")) + Integer.parseInt(d.param("b"))).build());
        assertThat(k.call(Message.of("math://add/2/3", null))).isEqualTo(new Outcome.Delivered(5));
        assertThat(k.ledger()).isEqualTo(new Ledger(1, 1, 0, 0));
    }

    @Test
    void submit_unknownRoute_isUndeliveredWithAReasonAndDeadLettered() {
        Kernel k = kernel(KernelConfig.defaults());
        CompletableFuture<Outcome> f = k.submit(Message.of("ghost://x", null));
        assertThat(f).isCompleted();
        Outcome.Undelivered u = (Outcome.Undelivered) f.join();
        assertThat(u.reason()).isEqualTo(DeadLetter.Reason.NO_ROUTE);
        assertThat(u.detail()).contains("no subsystem 'ghost'");
        assertThat(k.deadLetters().count(DeadLetter.Reason.NO_ROUTE)).isEqualTo(1);
        assertThat(k.ledger().balanced()).isTrue();
    }

    @Test
    void submit_callerWithoutTheScope_isDeniedNamingScopeAndPermission() {
        Kernel k = kernel(KernelConfig.defaults());
        k.register(Subsystem.builder("admin").route(Route.of("admin://purge", d -> "done").requires(Permission.WRITE, "store")).build());
        Caller reader = new Caller("ann", Role.of("reader", Map.of("store", Access.R)));
        Caller writer = new Caller("bob", Role.of("writer", Map.of("store", Access.RW)));
        Outcome denied = k.call(Message.of("admin://purge", null, Metadata.now().withCaller(reader)));
        assertThat(denied).isInstanceOfSatisfying(Outcome.Undelivered.class, u -> {
            assertThat(u.reason()).isEqualTo(DeadLetter.Reason.DENIED);
            assertThat(u.detail()).contains("'ann'", "'reader'", "write permission on scope 'store'");
        });
        assertThat(k.call(Message.of("admin://purge", null, Metadata.now().withCaller(writer)))).isEqualTo(new Outcome.Delivered("done"));
    }

    @Test
    void access_levels_implyTheLowerOnes() {
        assertThat(Access.RWG.allows(Permission.GRANT)).isTrue();
        assertThat(Access.RW.allows(Permission.GRANT)).isFalse();
        assertThat(Access.RW.allows(Permission.READ)).isTrue();
        assertThat(Access.R.allows(Permission.WRITE)).isFalse();
        assertThat(Access.parse("rw")).isEqualTo(Access.RW);
    }

    @Test
    void submit_pastItsDeadline_isExpired() {
        Kernel k = kernel(KernelConfig.defaults());
        k.register(Subsystem.builder("s").route("s://x", d -> 1).build());
        Outcome o = k.call(Message.of("s://x", null, Metadata.now().withDeadline(System.currentTimeMillis() - 1)));
        assertThat(((Outcome.Undelivered) o).reason()).isEqualTo(DeadLetter.Reason.EXPIRED);
    }

    @Test
    void handler_failingEveryAttempt_isRetriedThenDeadLetteredWithTheCause() {
        Kernel k = kernel(KernelConfig.defaults().withRetry(3, 0));
        AtomicInteger attempts = new AtomicInteger();
        List<Integer> seenAttempts = Collections.synchronizedList(new ArrayList<>());
        k.register(Subsystem.builder("f").route("f://x", d -> {
            attempts.incrementAndGet();
            seenAttempts.add(d.message().metadata().attempts());
            throw new IllegalStateException("boom");
        }).build());
        Outcome.Undelivered u = (Outcome.Undelivered) k.call(Message.of("f://x", null));
        assertThat(u.reason()).isEqualTo(DeadLetter.Reason.HANDLER_FAILED);
        assertThat(u.cause()).hasMessage("boom");
        assertThat(u.detail()).contains("after 3 attempt(s)");
        assertThat(seenAttempts).containsExactly(0, 1, 2);
        assertThat(k.deadLetters().recent()).singleElement().satisfies(dl -> assertThat(dl.reason()).isEqualTo(DeadLetter.Reason.HANDLER_FAILED));
    }

    @Test
    void handler_failingOnce_succeedsOnRetry() {
        Kernel k = kernel(KernelConfig.defaults().withRetry(2, 0));
        AtomicInteger calls = new AtomicInteger();
        k.register(Subsystem.builder("f").route("f://x", d -> {
            if (calls.incrementAndGet() == 1) throw new IllegalStateException("once");
            return "ok";
        }).build());
        assertThat(k.call(Message.of("f://x", null))).isEqualTo(new Outcome.Delivered("ok"));
    }

    @Test
    void handler_interrupted_isCancelledNotRetried() throws Exception {
        Kernel k = kernel(KernelConfig.defaults().withRetry(3, 0));
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Thread[] runner = new Thread[1];
        k.register(Subsystem.builder("c").route("c://x", d -> {
            calls.incrementAndGet();
            runner[0] = Thread.currentThread();
            running.countDown();
            Thread.sleep(60_000);
            return null;
        }).build());
        CompletableFuture<Outcome> f = k.submit(Message.of("c://x", null));
        running.await();
        runner[0].interrupt();
        assertThat(((Outcome.Undelivered) f.get()).reason()).isEqualTo(DeadLetter.Reason.CANCELLED);
        assertThat(calls).hasValue(1);
    }

    @Test
    void submit_overTheInflightLimit_isRefusedAtOnceAndNotAccepted() throws Exception {
        Kernel k = kernel(KernelConfig.defaults().withMaxInflight(2));
        CountDownLatch release = new CountDownLatch(1);
        k.register(Subsystem.builder("slow").route("slow://x", d -> {
            release.await();
            return "ok";
        }).build());
        CompletableFuture<Outcome> a = k.submit(Message.of("slow://x", null));
        CompletableFuture<Outcome> b = k.submit(Message.of("slow://x", null));
        Outcome refused = k.submit(Message.of("slow://x", null)).join();
        assertThat(refused).isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.detail()).contains("overloaded", "retry"));
        assertThat(k.backpressure().engaged()).isTrue();
        release.countDown();
        assertThat(a.get()).isEqualTo(new Outcome.Delivered("ok"));
        assertThat(b.get()).isEqualTo(new Outcome.Delivered("ok"));
        assertThat(k.ledger()).isEqualTo(new Ledger(2, 2, 0, 1));
        assertThat(k.backpressure().engaged()).isFalse();
    }

    @Test
    void backpressure_listeners_seeItEngageAndRelease() throws Exception {
        Kernel k = kernel(KernelConfig.defaults().withMaxInflight(4));
        List<Boolean> signals = Collections.synchronizedList(new ArrayList<>());
        k.backpressure().onChange(signals::add);
        CountDownLatch release = new CountDownLatch(1);
        k.register(Subsystem.builder("slow").route("slow://x", d -> release.await(60, java.util.concurrent.TimeUnit.SECONDS)).build());
        List<CompletableFuture<Outcome>> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) all.add(k.submit(Message.of("slow://x", null))); // 3 of 4 = the 0.75 watermark
        assertThat(signals).containsExactly(true);
        release.countDown();
        all.forEach(CompletableFuture::join);
        assertThat(signals).containsExactly(true, false);
    }

    @Test
    void orderedSubsystem_runsHandlersOneAtATimeInArrivalOrder() {
        Kernel k = kernel(KernelConfig.defaults());
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        k.register(Subsystem.builder("seq").ordered().route("seq://x", d -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            order.add((Integer) d.message().body());
            Thread.sleep(1);
            running.decrementAndGet();
            return null;
        }).build());
        List<CompletableFuture<Outcome>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) all.add(k.submit(Message.of("seq://x", i)));
        all.forEach(CompletableFuture::join);
        assertThat(order).hasSize(200).isSorted();
        assertThat(maxRunning).hasValue(1);
    }

    @Test
    void concurrentSubsystem_neverExceedsItsConcurrencyLimit() {
        Kernel k = kernel(KernelConfig.defaults());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        k.register(Subsystem.builder("par").concurrency(3).route("par://x", d -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(2);
            running.decrementAndGet();
            return null;
        }).build());
        List<CompletableFuture<Outcome>> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) all.add(k.submit(Message.of("par://x", i)));
        all.forEach(CompletableFuture::join);
        assertThat(maxRunning.get()).isBetween(2, 3);
        assertThat(k.ledger()).isEqualTo(new Ledger(300, 300, 0, 0));
    }

    @Test
    void rejectMailbox_whenFull_givesTheCallerAnErrorNamingTheSubsystem() throws Exception {
        Kernel k = kernel(KernelConfig.defaults());
        CountDownLatch release = new CountDownLatch(1);
        k.register(Subsystem.builder("tight").ordered().mailbox(MailboxSettings.of(2, OverflowPolicy.REJECT))
                .route("tight://x", d -> release.await(60, java.util.concurrent.TimeUnit.SECONDS)).build());
        List<CompletableFuture<Outcome>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) all.add(k.submit(Message.of("tight://x", i)));
        release.countDown();
        long rejected = all.stream().map(CompletableFuture::join)
                .filter(o -> o instanceof Outcome.Undelivered u && u.reason() == DeadLetter.Reason.REJECTED && u.detail().contains("'tight'"))
                .count();
        assertThat(rejected).isGreaterThanOrEqualTo(7); // one running, two queued at most
        await().until(() -> k.ledger().balanced());
    }

    @Test
    void close_deadLettersWhatIsStillQueuedAsShutdown() throws Exception {
        Kernel k = kernel(KernelConfig.defaults());
        CountDownLatch started = new CountDownLatch(1);
        k.register(Subsystem.builder("q").ordered().route("q://x", d -> {
            started.countDown();
            Thread.sleep(200);
            return null;
        }).build());
        List<CompletableFuture<Outcome>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) all.add(k.submit(Message.of("q://x", i)));
        started.await();
        k.close();
        all.forEach(CompletableFuture::join);
        assertThat(k.deadLetters().count(DeadLetter.Reason.SHUTDOWN)).isGreaterThanOrEqualTo(3);
        assertThat(k.ledger().balanced()).isTrue();
        assertThat(k.submit(Message.of("q://x", 9)).join()).isInstanceOf(Outcome.Refused.class);
    }

    @Test
    void health_reportsEachSubsystem() {
        Kernel k = kernel(KernelConfig.defaults());
        k.register(Subsystem.builder("a").route("a://x", d -> 1).build());
        k.register(Subsystem.builder("b").route("b://x", d -> 1).healthCheck(() -> Health.down("database unreachable")).build());
        Map<String, Health> h = k.health();
        assertThat(h.get("a").status()).isEqualTo(Health.Status.UP);
        assertThat(h.get("b").status()).isEqualTo(Health.Status.DOWN);
        assertThat(h.get("b").detail()).isEqualTo("database unreachable");
    }

    @Test
    void register_sameNameTwice_isAnError() {
        Kernel k = kernel(KernelConfig.defaults());
        k.register(Subsystem.builder("a").route("a://x", d -> 1).build());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> k.register(Subsystem.builder("a").build()))
                .hasMessageContaining("'a' is already registered");
    }

    @Test
    void waitForQuiet() {
        Kernel k = kernel(KernelConfig.defaults());
        k.register(Subsystem.builder("w").route("w://x", d -> 1).build());
        for (int i = 0; i < 100; i++) k.submit(Message.of("w://x", i));
        await().atMost(Duration.ofSeconds(10)).until(() -> k.ledger().balanced() && k.ledger().accepted() == 100);
    }
}
