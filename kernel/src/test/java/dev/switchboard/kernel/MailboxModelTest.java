package dev.switchboard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests: random sequences of offers and polls (seeded, so a failure reproduces) run against
 * each mailbox policy and against a few-line model of that policy; after every step the offer
 * result, the polled item, the dropped items and the size must agree.
 */
class MailboxModelTest {

    record Item(int id, int priority) {}

    /** The obvious, slow implementation of each policy. */
    static final class Model {
        final OverflowPolicy policy;
        final int capacity;
        final int overflowCapacity;
        final ArrayDeque<Item> primary = new ArrayDeque<>();
        final List<Item> overflow = new ArrayList<>(); // kept in arrival order
        final List<Item> dropped = new ArrayList<>();

        Model(OverflowPolicy policy, int capacity, int overflowCapacity) {
            this.policy = policy;
            this.capacity = capacity;
            this.overflowCapacity = overflowCapacity;
        }

        Mailbox.Offer offer(Item item) {
            if (policy == OverflowPolicy.PRIORITY) return offerPriority(item);
            if (primary.size() < capacity) {
                primary.addLast(item);
                return Mailbox.Offer.ENQUEUED;
            }
            return switch (policy) {
                case DROP_OLDEST -> {
                    dropped.add(primary.pollFirst());
                    primary.addLast(item);
                    yield Mailbox.Offer.ENQUEUED;
                }
                case DROP_NEWEST -> {
                    dropped.add(item);
                    yield Mailbox.Offer.DROPPED;
                }
                case REJECT -> Mailbox.Offer.REJECTED;
                case BLOCK -> Mailbox.Offer.TIMED_OUT; // single-threaded: nobody makes room
                case PRIORITY -> throw new AssertionError();
            };
        }

        private Mailbox.Offer offerPriority(Item item) {
            if (overflow.isEmpty() && primary.size() < capacity) {
                primary.addLast(item);
                return Mailbox.Offer.ENQUEUED;
            }
            if (overflow.size() < overflowCapacity) {
                overflow.add(item);
                return Mailbox.Offer.ENQUEUED;
            }
            // lowest priority; among equals the newest (last in arrival order)
            Item lowest = null;
            for (Item i : overflow) if (lowest == null || i.priority() <= lowest.priority()) lowest = i;
            if (lowest != null && lowest.priority() < item.priority()) {
                overflow.remove(lowest);
                dropped.add(lowest);
                overflow.add(item);
                return Mailbox.Offer.ENQUEUED;
            }
            dropped.add(item);
            return Mailbox.Offer.DROPPED;
        }

        Item poll() {
            Item i = primary.pollFirst();
            if (i != null || overflow.isEmpty()) return i;
            Item best = overflow.stream().max(Comparator.comparingInt(Item::priority)).orElseThrow();
            for (Item o : overflow) if (o.priority() == best.priority()) { best = o; break; } // oldest among the highest
            overflow.remove(best);
            return best;
        }

        int size() {
            return primary.size() + overflow.size();
        }
    }

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (OverflowPolicy p : OverflowPolicy.values())
            for (long seed = 1; seed <= 25; seed++) out.add(Arguments.of(p, seed));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("runs")
    void randomOperations_matchTheModel(OverflowPolicy policy, long seed) {
        Random random = new Random(seed);
        int capacity = 1 + random.nextInt(8);
        int overflowCapacity = random.nextInt(6);
        List<Item> dropped = new ArrayList<>();
        Mailbox<Item> mailbox = Mailbox.create(new MailboxSettings(capacity, policy, overflowCapacity, 0),
                new MailboxListener<>() {
                    @Override
                    public void onDropped(Item item, OverflowPolicy p) {
                        dropped.add(item);
                    }
                }, Item::priority);
        Model model = new Model(policy, capacity, overflowCapacity);
        int nextId = 0;
        long enqueued = 0, dequeued = 0;
        for (int step = 0; step < 400; step++) {
            if (random.nextInt(100) < 60) {
                Item item = new Item(nextId++, random.nextInt(4));
                Mailbox.Offer expected = model.offer(item);
                assertThat(mailbox.offer(item)).as("offer of %s at step %d", item, step).isEqualTo(expected);
                if (expected == Mailbox.Offer.ENQUEUED) enqueued++;
            } else {
                Item expected = model.poll();
                assertThat(mailbox.poll()).as("poll at step %d", step).isEqualTo(expected);
                if (expected != null) dequeued++;
            }
            assertThat(mailbox.size()).as("size at step %d", step).isEqualTo(model.size());
            assertThat(dropped).as("dropped at step %d", step).isEqualTo(model.dropped);
        }
        MailboxStats stats = mailbox.stats();
        assertThat(stats.dropped()).isEqualTo(model.dropped.size());
        assertThat(stats.depth()).isEqualTo(model.size());
        // drop-oldest counts an evicted item as dequeued (it left through poll) and as dropped
        long evicted = policy == OverflowPolicy.DROP_OLDEST ? model.dropped.size() : 0;
        assertThat(stats.dequeued()).isEqualTo(dequeued + evicted);
        assertThat(stats.enqueued()).isEqualTo(enqueued);
    }
}
