package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.McpException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A call's queue priority from its {@code _meta}, and the queue against a model: calls of seeded
 * random priorities arrive while every slot is taken, and which are refused and in what order the
 * others get a member must be what a sorted list with the same rules says.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallPriorityTest {
    @BeforeAll
    static void start() throws Exception {
        AgentPoolTest.start();
    }

    @AfterAll
    static void stop() {
        AgentPoolTest.stop();
    }

    private static ObjectNode meta(Object value) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        if (value instanceof Integer i) m.put(AgentCall.PRIORITY_KEY, i);
        else if (value instanceof String s) m.put(AgentCall.PRIORITY_KEY, s);
        else if (value instanceof Double d) m.put(AgentCall.PRIORITY_KEY, d);
        return m;
    }

    @Test
    void priority_fromMeta_overridesTheAgentsConfiguredOne() {
        assertThat(AgentCall.priority(meta(7), 2)).isEqualTo(7);
        assertThat(AgentCall.priority(meta(-3), 2)).isEqualTo(-3);
        assertThat(AgentCall.priority(null, 2)).isEqualTo(2);
        assertThat(AgentCall.priority(JsonNodeFactory.instance.objectNode(), 2)).isEqualTo(2);
    }

    @Test
    void priority_notAnInteger_isInvalidParamsNamingTheKey() {
        assertThatThrownBy(() -> AgentCall.priority(meta("high"), 0)).isInstanceOf(McpException.class)
                .hasMessageContaining("io.switchboard/priority").hasMessageContaining("must be an integer").hasMessageContaining("\"high\"");
        assertThatThrownBy(() -> AgentCall.priority(meta(1.5), 0)).isInstanceOf(McpException.class);
    }

    /** One call of the model: its priority and arrival. */
    private record Call(int index, int priority) {}

    @Test
    void queue_seededRandomPriorities_refusesAndServesAsTheModelSays() throws Exception {
        int capacity = 6;
        Random random = new Random(20261130);
        try (AgentPool pool = AgentPoolTest.pool(1, Affinity.NONE, 1, 3, 3)) {
            Member busy = pool.acquire(null, 0, Set.of());
            // the model: waiting calls by priority (higher first), then arrival
            Comparator<Call> order = Comparator.comparingInt((Call c) -> -c.priority()).thenComparingInt(Call::index);
            TreeSet<Call> waiting = new TreeSet<>(order);
            List<Integer> refusedByModel = new ArrayList<>();
            List<CompletableFuture<Member>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Call c = new Call(i, random.nextInt(10));
                if (waiting.size() < capacity) waiting.add(c);
                else if (waiting.last().priority() < c.priority()) {
                    refusedByModel.add(waiting.pollLast().index());
                    waiting.add(c);
                } else refusedByModel.add(i);
                int before = pool.queued();
                long refusedBefore = pool.counters.refused.get();
                CompletableFuture<Member> f = CompletableFuture.supplyAsync(() -> acquire(pool, c.priority()), AgentPoolTest.VIRTUAL);
                calls.add(f);
                // settled: queued, refused at once, or took the place of another
                await().until(() -> pool.queued() > before || pool.counters.refused.get() > refusedBefore);
            }
            await().until(() -> calls.stream().filter(CompletableFuture::isCompletedExceptionally).count() == refusedByModel.size());
            List<Integer> refused = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) if (calls.get(i).isCompletedExceptionally()) refused.add(i);
            assertThat(refused).containsExactlyInAnyOrderElementsOf(refusedByModel);
            // each freed slot goes to the first waiter of the model
            Member slot = busy;
            List<Integer> served = new ArrayList<>();
            for (Call expected : waiting) {
                pool.release(slot);
                await().until(() -> calls.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count() == served.size() + 1);
                int got = -1;
                for (int i = 0; i < calls.size(); i++)
                    if (calls.get(i).isDone() && !calls.get(i).isCompletedExceptionally() && !served.contains(i)) got = i;
                served.add(got);
                slot = calls.get(got).get();
            }
            pool.release(slot);
            assertThat(served).containsExactlyElementsOf(waiting.stream().map(Call::index).toList());
        }
    }

    private static Member acquire(AgentPool pool, int priority) {
        try {
            return pool.acquire(null, priority, Set.of());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
