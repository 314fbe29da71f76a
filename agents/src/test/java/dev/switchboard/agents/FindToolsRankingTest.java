package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.RequestObserver;
import dev.switchboard.mcp.protocol.Tools;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** find_tools with pattern memory: of two agents offering the same tool, the one that succeeded on similar work ranks first. */
class FindToolsRankingTest {
    static final String QUERY = "run a SQL query on the orders table";

    static float score(List<ToolMatch> found, String name) {
        return found.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().score();
    }

    @Test
    void rank_agentThatSucceededOnSimilarWork_ranksAboveTheOneThatFailed() throws Exception {
        var schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        McpServer.Builder b = McpServer.builder("gateway", "1");
        // the same server behind two agents: by meaning alone they tie, or nearly
        for (String agent : List.of("east", "west"))
            b.tool(Tools.Tool.of(agent + "_query", "Runs a SQL query against the orders database", schema), (a, c) -> "rows");
        b.tool(Tools.Tool.of("weather_forecast", "Tells the weather forecast for a city", schema), (a, c) -> "sunny");
        try (McpServer server = b.observer(RequestObserver.NONE).build();
             PatternMemory memory = PatternMemory.create(CachedEmbedder.MINI_LM, 1_000)) {
            FindTools findTools = FindTools.attach(server, ToolSearch.create(CachedEmbedder.MINI_LM), new ToolUsage(), ToolSearchSettings.defaults());
            List<ToolMatch> byMeaning = findTools.rank(QUERY, 3);
            float baseline = score(byMeaning, "west_query") - score(byMeaning, "east_query");

            findTools.rankBy(memory, name -> Optional.of(name.substring(0, name.indexOf('_'))));
            for (String sql : List.of("SELECT * FROM orders WHERE total > 100", "SELECT id, total FROM orders ORDER BY total", "SELECT count(*) FROM orders")) {
                memory.record(new PatternRecord("query", "{\"sql\":\"" + sql + "\"}", "east", false, 1_000, null));
                memory.record(new PatternRecord("query", "{\"sql\":\"" + sql + "\"}", "west", true, 1_000, null));
            }
            assertThat(memory.awaitRecorded(Duration.ofSeconds(30))).isTrue();
            List<ToolMatch> ranked = findTools.rank(QUERY, 3);
            System.out.printf("find_tools '%s': by meaning %s; with pattern memory %s%n", QUERY, byMeaning, ranked);

            assertThat(ranked.getFirst().name()).isEqualTo("west_query");
            assertThat(score(ranked, "west_query") - score(ranked, "east_query")).as("west's lead grows by the agents' record")
                    .isGreaterThan(baseline + (float) FindTools.PATTERN_WEIGHT);
            assertThat(score(ranked, "weather_forecast")).as("an agent with no record keeps its score").isEqualTo(score(byMeaning, "weather_forecast"));
        }
    }
}
