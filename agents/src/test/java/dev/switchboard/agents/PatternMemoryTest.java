package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pattern memory with the real embedding model: similar work prefers the agent that succeeded on it. */
class PatternMemoryTest {
    private static PatternRecord call(String tool, String args, String agent, boolean ok) {
        return new PatternRecord(tool, args, agent, ok, 1_000, null);
    }

    @Test
    void preferredAgent_similarWork_isTheAgentThatSucceededOnIt() throws Exception {
        try (PatternMemory memory = PatternMemory.create(Embedder.miniLm(), 1_000)) {
            memory.record(call("query", "{\"sql\":\"SELECT * FROM orders WHERE total > 100\"}", "db-east", false));
            memory.record(call("query", "{\"sql\":\"SELECT id, total FROM orders ORDER BY total\"}", "db-east", false));
            memory.record(call("query", "{\"sql\":\"SELECT * FROM orders WHERE total > 100\"}", "db-west", true));
            memory.record(call("query", "{\"sql\":\"SELECT count(*) FROM orders\"}", "db-west", true));
            memory.record(call("get_forecast", "{\"city\":\"Paris\"}", "weather-a", true));
            assertThat(memory.awaitRecorded(Duration.ofSeconds(30))).isTrue();

            assertThat(memory.size()).isEqualTo(5);
            List<String> both = List.of("db-east", "db-west");
            assertThat(memory.preferredAgent("query", "{\"sql\":\"SELECT * FROM orders WHERE total > 50\"}", both)).contains("db-west");
            assertThat(memory.agentScores("query", "{\"sql\":\"SELECT * FROM orders WHERE total > 50\"}", both).get("db-east")).isNegative();
            // nobody among the candidates has done work like this
            assertThat(memory.preferredAgent("get_forecast", "{\"city\":\"Lyon\"}", both)).isEmpty();
            assertThat(memory.similar("get_forecast", "{\"city\":\"Lyon\"}", 1).getFirst().pattern().agent()).isEqualTo("weather-a");
        }
    }

    @Test
    void record_pastCapacity_forgetsTheOldestCalls() throws Exception {
        try (PatternMemory memory = PatternMemory.create(Embedder.miniLm(), 3)) {
            for (int i = 0; i < 5; i++) memory.record(call("echo", "{\"n\":" + i + "}", "a" + i, true));
            assertThat(memory.awaitRecorded(Duration.ofSeconds(30))).isTrue();
            assertThat(memory.size()).isEqualTo(3);
            assertThat(memory.similar("echo", "{\"n\":0}", 5)).extracting(m -> m.pattern().agent()).containsExactlyInAnyOrder("a2", "a3", "a4");
            assertThat(memory.dropped()).isZero();
        }
    }
}
