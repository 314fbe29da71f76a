package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 11, defect 3: a handler waiting outside the server gives its capacity back, and the books stay exact. */
class CapacityTest {
    private Kernel kernel;

    @AfterEach
    void close() {
        if (kernel != null) kernel.close();
    }

    /** A route whose handler parks its capacity until {@code answer} opens (a client answering an elicitation). */
    private CompletableFuture<Outcome> parkedUntil(CountDownLatch parked, CountDownLatch answer) {
        return kernel.submit(Message.of("wait://client", new CountDownLatch[] {parked, answer}));
    }

    private void registerWaitingRoutes(Subsystem.Builder waits) {
        kernel.register(waits.route("wait://client", d -> {
            CountDownLatch[] latches = (CountDownLatch[]) d.message().body();
            try (Capacity.Parked away = d.capacity().park()) {
                latches[0].countDown();
                latches[1].await();
            }
            return "answered";
        }).build());
        kernel.register(Subsystem.builder("work").route("work://x", d -> "done").build());
    }

    @Test
    void park_whileWaiting_freesTheInflightSlotForOtherWork() throws Exception {
        kernel = Kernel.create(KernelConfig.defaults().withMaxInflight(1));
        registerWaitingRoutes(Subsystem.builder("wait"));
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        CompletableFuture<Outcome> waiting = parkedUntil(parked, answer);
        parked.await();
        assertThat(kernel.inFlight()).isZero();
        assertThat(kernel.parked()).isEqualTo(1);
        assertThat(kernel.ledger().pending()).isEqualTo(1);
        assertThat(kernel.call(Message.of("work://x", null))).isEqualTo(new Outcome.Delivered("done"));
        answer.countDown();
        assertThat(waiting.get()).isEqualTo(new Outcome.Delivered("answered"));
        assertThat(kernel.inFlight()).isZero();
        assertThat(kernel.parked()).isZero();
        assertThat(kernel.ledger()).isEqualTo(new Ledger(2, 2, 0, 0));
    }

    @Test
    void park_givesBackTheSubsystemPermit_soQueuedWorkRuns() throws Exception {
        kernel = Kernel.create(KernelConfig.defaults());
        kernel.register(Subsystem.builder("one").concurrency(1).route("one://wait", d -> {
            CountDownLatch[] latches = (CountDownLatch[]) d.message().body();
            try (Capacity.Parked away = d.capacity().park()) {
                latches[0].countDown();
                latches[1].await();
            }
            return "answered";
        }).route("one://work", d -> "done").build());
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        CompletableFuture<Outcome> waiting = kernel.submit(Message.of("one://wait", new CountDownLatch[] {parked, answer}));
        parked.await();
        assertThat(kernel.submit(Message.of("one://work", null)).get()).isEqualTo(new Outcome.Delivered("done"));
        answer.countDown();
        assertThat(waiting.get()).isEqualTo(new Outcome.Delivered("answered"));
        assertThat(kernel.submit(Message.of("one://work", null)).get()).isEqualTo(new Outcome.Delivered("done"));
    }

    @Test
    void park_leftOpenWhenTheHandlerReturns_isSettledAndTheSlotFreedOnce() throws Exception {
        kernel = Kernel.create(KernelConfig.defaults().withMaxInflight(1));
        kernel.register(Subsystem.builder("leaky").route("leaky://x", d -> {
            d.capacity().park(); // never closed
            return "left";
        }).build());
        kernel.register(Subsystem.builder("slow").route("slow://x", d -> ((CountDownLatch) d.message().body()).await(1, java.util.concurrent.TimeUnit.MINUTES)).build());
        assertThat(kernel.call(Message.of("leaky://x", null))).isEqualTo(new Outcome.Delivered("left"));
        assertThat(kernel.inFlight()).isZero();
        assertThat(kernel.parked()).isZero();
        assertThat(kernel.ledger().balanced()).isTrue();
        // the limit still holds exactly: one slow message fills it, the next is refused
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Outcome> slow = kernel.submit(Message.of("slow://x", release));
        assertThat(kernel.submit(Message.of("slow://x", release)).join()).isInstanceOf(Outcome.Refused.class);
        release.countDown();
        assertThat(slow.get()).isInstanceOf(Outcome.Delivered.class);
        assertThat(kernel.doubleEnds()).isZero();
    }

    @Test
    void resume_pastTheLimit_takesTheSlotBackAndRefusesNewWorkUntilItEnds() throws Exception {
        kernel = Kernel.create(KernelConfig.defaults().withMaxInflight(1));
        registerWaitingRoutes(Subsystem.builder("wait"));
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        CompletableFuture<Outcome> waiting = parkedUntil(parked, answer);
        parked.await();
        CountDownLatch release = new CountDownLatch(1);
        kernel.register(Subsystem.builder("slow").route("slow://x", d -> release.await(1, java.util.concurrent.TimeUnit.MINUTES)).build());
        CompletableFuture<Outcome> slow = kernel.submit(Message.of("slow://x", null));
        answer.countDown(); // the client answers while the slot is taken: the waiting handler still finishes
        assertThat(waiting.get()).isEqualTo(new Outcome.Delivered("answered"));
        release.countDown();
        assertThat(slow.get()).isInstanceOf(Outcome.Delivered.class);
        await().until(() -> kernel.inFlight() == 0);
        assertThat(kernel.parked()).isZero();
        assertThat(kernel.ledger()).isEqualTo(new Ledger(2, 2, 0, 0));
    }
}
