package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBusTest {
    private final Kernel kernel = Kernel.create(KernelConfig.defaults());
    private final EventBus bus = kernel.bus();

    @AfterEach
    void close() {
        kernel.close();
    }

    @Test
    void publish_reachesEverySubscriberWhosePatternMatches() {
        List<String> exact = new CopyOnWriteArrayList<>(), star = new CopyOnWriteArrayList<>(), tail = new CopyOnWriteArrayList<>(), all = new CopyOnWriteArrayList<>();
        bus.subscribe("orders://created/eu", m -> exact.add(m.path()));
        bus.subscribe("orders://*/eu", m -> star.add(m.path()));
        bus.subscribe("orders://>", m -> tail.add(m.path()));
        bus.subscribe(">", m -> all.add(m.path()));
        assertThat(bus.publish("orders://created/eu", 1).deliveries()).isEqualTo(4);
        assertThat(bus.publish("orders://shipped/eu", 2).deliveries()).isEqualTo(3);
        assertThat(bus.publish("orders://created/us/east", 3).deliveries()).isEqualTo(2);
        assertThat(bus.publish("users://created", 4).deliveries()).isEqualTo(1);
        await().until(() -> all.size() == 4);
        await().until(() -> tail.size() == 3 && star.size() == 2 && exact.size() == 1);
        assertThat(star).containsExactly("orders://created/eu", "orders://shipped/eu");
        assertThat(tail).containsExactly("orders://created/eu", "orders://shipped/eu", "orders://created/us/east");
    }

    @Test
    void trailingGreaterThan_needsAtLeastOneMoreToken() {
        assertThat(TopicPattern.parse("a://>").matches(TopicPattern.tokens("a://"))).isFalse();
        assertThat(TopicPattern.parse("a://>").matches(TopicPattern.tokens("a://x"))).isTrue();
        assertThat(TopicPattern.parse("*://x").matches(TopicPattern.tokens("b://x"))).isTrue();
        assertThatThrownBy(() -> TopicPattern.parse("a://>/b")).hasMessageContaining("only at the end");
        assertThatThrownBy(() -> TopicPattern.parse("nonsense")).hasMessageContaining("not of the form");
    }

    @Test
    void publish_sameCorrelationIdTwice_deliversOnceAndReturnsTheFirstId() {
        List<Object> got = new CopyOnWriteArrayList<>();
        bus.subscribe("pay://>", m -> got.add(m.body()));
        Message first = Message.of("pay://charge", "a", Metadata.now().withCorrelationId("c-1"));
        Message again = Message.of("pay://charge", "b", Metadata.now().withCorrelationId("c-1"));
        PublishResult r1 = bus.publish(first);
        PublishResult r2 = bus.publish(again);
        assertThat(r1.duplicate()).isFalse();
        assertThat(r2.duplicate()).isTrue();
        assertThat(r2.messageId()).isEqualTo(first.id());
        assertThat(bus.publish(Message.of("pay://charge", "c", Metadata.now().withCorrelationId("c-2"))).duplicate()).isFalse();
        await().until(() -> got.size() == 2);
        assertThat(got).containsExactly("a", "c");
    }

    @Test
    void publish_correlationIdOutsideTheWindow_isDeliveredAgain() throws Exception {
        KernelConfig c = KernelConfig.from(Config.load(KernelConfig.KEYS, null, Map.of("MCP_IDEMPOTENCY_TTL_MS", "50"), Map.of()));
        try (Kernel k = Kernel.create(c)) {
            assertThat(k.bus().publish(Message.of("x://y", 1, Metadata.now().withCorrelationId("id"))).duplicate()).isFalse();
            assertThat(k.bus().publish(Message.of("x://y", 1, Metadata.now().withCorrelationId("id"))).duplicate()).isTrue();
            TimeUnit.MILLISECONDS.sleep(120);
            assertThat(k.bus().publish(Message.of("x://y", 1, Metadata.now().withCorrelationId("id"))).duplicate()).isFalse();
        }
    }

    @Test
    void subscriber_receivesCallerAndTraceContextUnchanged() {
        List<Message> got = new CopyOnWriteArrayList<>();
        bus.subscribe("t://>", got::add);
        Caller ann = new Caller("ann", Role.of("ops", Map.of("t", Access.RW)));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        bus.publish(Message.of("t://e", 1, Metadata.now().withCaller(ann).withTraceparent(traceparent)));
        await().until(() -> got.size() == 1);
        assertThat(got.getFirst().metadata().caller()).isEqualTo(ann);
        assertThat(got.getFirst().metadata().traceparent()).isEqualTo(traceparent);
    }

    @Test
    void unsubscribe_stopsDelivery() {
        List<Object> got = new CopyOnWriteArrayList<>();
        Subscription s = bus.subscribe("u://>", m -> got.add(m.body()));
        bus.publish("u://a", 1);
        await().until(() -> got.size() == 1);
        bus.unsubscribe(s);
        assertThat(bus.publish("u://a", 2).deliveries()).isZero();
        assertThat(bus.subscriptionCount()).isZero();
        assertThat(got).containsExactly(1);
    }

    @Test
    void publish_withNoSubscriber_isDeadLetteredNotLost() {
        assertThat(bus.publish("nobody://home", 1).deliveries()).isZero();
        assertThat(kernel.deadLetters().count(DeadLetter.Reason.NO_SUBSCRIBER)).isEqualTo(1);
        assertThat(kernel.ledger().balanced()).isTrue();
    }

    @Test
    void slowSubscriber_dropsOldestIntoDeadLettersAndTheLedgerBalances() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Object> got = new CopyOnWriteArrayList<>();
        bus.subscribe("slow://>", MailboxSettings.of(4, OverflowPolicy.DROP_OLDEST), m -> {
            release.await();
            got.add(m.body());
        });
        for (int i = 0; i < 50; i++) bus.publish("slow://e", i);
        release.countDown();
        await().until(() -> kernel.ledger().balanced());
        assertThat(kernel.deadLetters().count(DeadLetter.Reason.DROPPED_OLDEST)).isEqualTo(50 - got.size());
        assertThat(got).last().isEqualTo(49); // the newest survive
    }

    @Test
    void failingSubscriber_isRetriedThenDeadLettered() {
        bus.subscribe("f://>", m -> { throw new IllegalStateException("no"); });
        bus.publish("f://x", 1);
        await().until(() -> kernel.deadLetters().count(DeadLetter.Reason.HANDLER_FAILED) == 1);
        assertThat(kernel.deadLetters().recent().getLast().detail()).contains("failed 3 time(s)", "no");
    }

    @Test
    void publishBatch_returnsOneResultPerMessageInOrder() {
        List<Object> got = new CopyOnWriteArrayList<>();
        bus.subscribe("b://>", m -> got.add(m.body()));
        List<PublishResult> results = bus.publishBatch(List.of(Message.of("b://1", 1), Message.of("b://2", 2), Message.of("c://3", 3)));
        assertThat(results).extracting(PublishResult::deliveries).containsExactly(1, 1, 0);
        await().until(() -> got.size() == 2);
        assertThat(got).containsExactly(1, 2);
    }

    @Test
    void publish_overTheInflightLimit_isRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Kernel k = Kernel.create(KernelConfig.defaults().withMaxInflight(3))) {
            k.bus().subscribe("p://>", m -> release.await());
            k.bus().subscribe("p://*", m -> release.await());
            assertThat(k.bus().publish("p://x", 1).refused()).isFalse(); // 2 in flight
            PublishResult r = k.bus().publish("p://x", 2);                 // would be 4
            assertThat(r.refused()).isTrue();
            assertThat(r.backpressure()).isTrue();
            release.countDown();
            await().until(() -> k.ledger().balanced());
            assertThat(k.ledger().accepted()).isEqualTo(2);
            assertThat(k.ledger().refused()).isEqualTo(1);
        }
    }
}
