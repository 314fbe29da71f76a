package dev.switchboard.cluster;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * Why: the task-resume figure must say how much of the wait is the server's redelivery timer and
 * how much is ours (fetch, record read, claim). A pull consumer delivers each ticket to the reply
 * inbox of the node's pull request, a core NATS subject, so a watcher subscribed to that inbox
 * prefix on its own connection sees every delivery the moment the server sends it, with the
 * delivery count the server puts in the ack subject. For the benchmark only.
 */
final class DeliveryWatch implements AutoCloseable {
    private final Dispatcher dispatcher;
    private final String subject;
    private final Map<String, Long> firstRedelivery = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> redeliveries = new ConcurrentHashMap<>();

    private DeliveryWatch(Connection c, String inboxPrefix) {
        this.dispatcher = c.createDispatcher(this::seen);
        this.subject = inboxPrefix + ".>";
        dispatcher.subscribe(subject);
    }

    /** Watches deliveries to pull requests whose inbox starts with {@code inboxPrefix}; returns once the server has the subscription. */
    static DeliveryWatch on(Connection c, String inboxPrefix) throws Exception {
        DeliveryWatch w = new DeliveryWatch(c, inboxPrefix);
        c.flush(java.time.Duration.ofSeconds(2));
        return w;
    }

    private void seen(Message m) {
        long at = System.nanoTime();
        if (m.getReplyTo() == null || !m.getSubject().startsWith(TaskStreams.SUBJECT_PREFIX)) return; // a status (408, 404), not a ticket
        String id = m.getSubject().substring(TaskStreams.SUBJECT_PREFIX.length());
        if (deliveryCount(m.getReplyTo()) < 2) return;
        firstRedelivery.putIfAbsent(id, at);
        redeliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    // $JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.<ts>.<pending> (2.9), or with domain and account hash after ACK.
    private static long deliveryCount(String ackSubject) {
        String[] t = ackSubject.split("\\.");
        if (t.length < 9 || !"$JS".equals(t[0])) return 0;
        return Long.parseLong(t.length == 9 ? t[4] : t[6]);
    }

    /** When the server first redelivered this task's ticket (System.nanoTime), or null if not yet. */
    Long firstRedelivery(String taskId) {
        return firstRedelivery.get(taskId);
    }

    /** How many times the server delivered this task's ticket again (1 when the first redelivery was taken). */
    int redeliveries(String taskId) {
        AtomicInteger n = redeliveries.get(taskId);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        dispatcher.unsubscribe(subject);
    }
}
