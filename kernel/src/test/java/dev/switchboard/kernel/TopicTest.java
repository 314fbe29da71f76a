package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void publish_subscriptionsAddedAndRemovedAfterTheHandle_areFollowed() {
        try (Kernel k = Kernel.create()) {
            AtomicInteger first = new AtomicInteger();
            AtomicInteger second = new AtomicInteger();
            Subscription a = k.bus().subscribe("events://orders/*", m -> first.incrementAndGet());
            Topic topic = k.bus().topic("events://orders/created");
            assertThat(topic.publish("one").deliveries()).isEqualTo(1);
            k.bus().subscribe("events://orders/created", m -> second.incrementAndGet());
            assertThat(topic.publish("two").deliveries()).isEqualTo(2);
            // closing a subscription dead-letters what it still holds: let it take "two" first
            await().until(() -> first.get() == 2);
            a.close();
            assertThat(topic.publish("three").deliveries()).isEqualTo(1);
            await().untilAsserted(() -> {
                assertThat(first.get()).isEqualTo(2);
                assertThat(second.get()).isEqualTo(2);
            });
            await().until(() -> k.ledger().balanced());
        }
    }

    @Test
    void publish_messageForAnotherPath_isRefusedNamingBoth() {
        try (Kernel k = Kernel.create()) {
            Topic topic = k.bus().topic("events://a");
            assertThatThrownBy(() -> topic.publish(Message.of("events://b", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events://b").hasMessageContaining("events://a");
        }
    }
}
