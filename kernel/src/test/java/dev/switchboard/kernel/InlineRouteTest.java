package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InlineRouteTest {

    @Test
    void submit_inlineRoute_runsOnTheSubmittingThreadAndIsBooked() {
        try (Kernel k = Kernel.create()) {
            k.register(Subsystem.builder("math").route(Route.of("math://thread", d -> Thread.currentThread()).inline())
                    .route("math://other", d -> Thread.currentThread()).build());
            CompletableFuture<Outcome> inline = k.submit(Message.of("math://thread", null));
            assertThat(inline).isDone();
            assertThat(inline.join()).isEqualTo(new Outcome.Delivered(Thread.currentThread()));
            Outcome hopped = k.call(Message.of("math://other", null));
            assertThat(((Outcome.Delivered) hopped).value()).isNotSameAs(Thread.currentThread());
            assertThat(k.ledger().balanced()).isTrue();
            assertThat(k.ledger().delivered()).isEqualTo(2);
        }
    }

    @Test
    void submit_inlineRouteThatThrows_isDeadLetteredAfterOneAttempt() {
        try (Kernel k = Kernel.create()) {
            int[] attempts = {0};
            k.register(Subsystem.builder("math").maxAttempts(3).route(Route.of("math://fail", d -> {
                attempts[0]++;
                throw new IllegalStateException("no");
            }).inline()).build());
            Outcome o = k.submit(Message.of("math://fail", null)).join();
            assertThat(o).isInstanceOfSatisfying(Outcome.Undelivered.class, u -> assertThat(u.reason()).isEqualTo(DeadLetter.Reason.HANDLER_FAILED));
            assertThat(attempts[0]).isEqualTo(1);
        }
    }
}
