package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KernelAutotuneTest {
    private Kernel kernel;

    @AfterEach
    void close() {
        if (kernel != null) kernel.close();
    }

    private Kernel kernel(int limit) {
        AutotuneSettings a = AutotuneSettings.defaults().withEnabled(true).withBounds(limit, limit, limit);
        kernel = Kernel.create(KernelConfig.defaults().withAutotune(a));
        return kernel;
    }

    @Test
    void submit_pastTheSubsystemsAdaptiveLimit_isRefusedWithARetryHintAndNotAccepted() throws Exception {
        Kernel k = kernel(2);
        CountDownLatch release = new CountDownLatch(1);
        k.register(Subsystem.builder("slow").route("slow://x", d -> {
            release.await();
            return "ok";
        }).build());
        k.register(Subsystem.builder("fast").route("fast://x", d -> "quick").build());
        CompletableFuture<Outcome> a = k.submit(Message.of("slow://x", null));
        CompletableFuture<Outcome> b = k.submit(Message.of("slow://x", null));
        Outcome refused = k.submit(Message.of("slow://x", null)).join();
        assertThat(refused).isInstanceOfSatisfying(Outcome.Refused.class, r -> {
            assertThat(r.detail()).contains("subsystem 'slow'", "adaptive limit of 2");
            assertThat(r.retryAfterMs()).isBetween(10L, 1_000L);
        });
        // another subsystem has its own limit
        assertThat(k.call(Message.of("fast://x", null))).isEqualTo(new Outcome.Delivered("quick"));
        assertThat(k.adaptiveLimits().get("slow").inFlight()).isEqualTo(2);
        release.countDown();
        assertThat(a.get()).isEqualTo(new Outcome.Delivered("ok"));
        assertThat(b.get()).isEqualTo(new Outcome.Delivered("ok"));
        assertThat(k.ledger()).isEqualTo(new Ledger(3, 3, 0, 1));
        assertThat(k.adaptiveLimits().get("slow").inFlight()).isZero();
        assertThat(k.adaptiveLimits().get("slow").refused()).isEqualTo(1);
        assertThat(k.call(Message.of("slow://x", null))).isEqualTo(new Outcome.Delivered("ok"));
    }

    @Test
    void submit_failingAndUnroutedMessages_giveTheirSlotsBack() {
        Kernel k = kernel(1);
        k.register(Subsystem.builder("bad").maxAttempts(1).route("bad://x", d -> { throw new IllegalStateException("boom"); }).build());
        for (int i = 0; i < 5; i++)
            assertThat(k.call(Message.of("bad://x", null))).isInstanceOf(Outcome.Undelivered.class);
        assertThat(k.call(Message.of("nowhere://x", null))).isInstanceOf(Outcome.Undelivered.class);
        assertThat(k.adaptiveLimits().get("bad").inFlight()).isZero();
        assertThat(k.ledger().refused()).isZero();
    }

    @Test
    void parkedHandler_leavesItsAdaptiveSlotForOthers() throws Exception {
        Kernel k = kernel(1);
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        k.register(Subsystem.builder("ask").route("ask://wait", d -> {
            try (Capacity.Parked away = d.capacity().park()) {
                parked.countDown();
                answer.await();
            }
            return "answered";
        }).route("ask://now", d -> "now").build());
        CompletableFuture<Outcome> waiting = k.submit(Message.of("ask://wait", null));
        parked.await();
        assertThat(k.call(Message.of("ask://now", null))).isEqualTo(new Outcome.Delivered("now"));
        answer.countDown();
        assertThat(waiting.get()).isEqualTo(new Outcome.Delivered("answered"));
        assertThat(k.adaptiveLimits().get("ask").inFlight()).isZero();
    }

    @Test
    void autotuneOff_noAdaptiveLimitsAndTheFixedRefusalWait() throws Exception {
        kernel = Kernel.create(KernelConfig.defaults().withMaxInflight(1));
        CountDownLatch release = new CountDownLatch(1);
        kernel.register(Subsystem.builder("slow").route("slow://x", d -> release.await(60, java.util.concurrent.TimeUnit.SECONDS)).build());
        CompletableFuture<Outcome> a = kernel.submit(Message.of("slow://x", null));
        Outcome refused = kernel.submit(Message.of("slow://x", null)).join();
        assertThat(((Outcome.Refused) refused).retryAfterMs()).isEqualTo(Outcome.Refused.RETRY_AFTER_MS);
        assertThat(kernel.adaptiveLimits()).isEmpty();
        assertThat(kernel.limitChanges()).isEmpty();
        release.countDown();
        a.get();
    }
}
