package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tool search with the real embedding model over a fixed 30-tool catalogue. */
class ToolSearchTest {
    private static ToolSearch search;

    @BeforeAll
    static void index() {
        search = ToolSearch.create(CachedEmbedder.MINI_LM);
        search.sync(ToolCatalogue.TOOLS);
    }

    @AfterAll
    static void close() {
        search.close();
    }

    @Test
    void find_paraphrasedQueries_returnTheMeantToolFirstOrInTopThree() {
        List<String> missedTop3 = new ArrayList<>();
        int first = 0;
        for (String[] q : ToolCatalogue.PARAPHRASES) {
            List<String> names = search.find(q[0], 3).stream().map(ToolMatch::name).toList();
            if (!names.contains(q[1])) missedTop3.add(q[0] + " -> " + names + " (meant " + q[1] + ")");
            if (!names.isEmpty() && names.getFirst().equals(q[1])) first++;
        }
        assertThat(missedTop3).as("queries whose tool is not in the top 3").isEmpty();
        assertThat(first).as("queries answered with the meant tool first").isGreaterThanOrEqualTo(ToolCatalogue.PARAPHRASES.size() * 8 / 10);
    }

    @Test
    void find_returnsDescriptionAndScoresBestFirst() {
        List<ToolMatch> found = search.find("weather forecast", 5);
        assertThat(found).hasSize(5);
        assertThat(found.getFirst().description()).startsWith("Get the weather forecast");
        assertThat(found).extracting(ToolMatch::score).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(found.getFirst().score()).isBetween(0f, 1f);
    }

    @Test
    void sync_removedAndAddedTools_followTheCatalogue() {
        try (ToolSearch own = ToolSearch.create(CachedEmbedder.MINI_LM)) {
            own.sync(ToolCatalogue.TOOLS.subList(0, 10));
            assertThat(own.names()).hasSize(10).contains("files.read_file");
            own.sync(ToolCatalogue.TOOLS.subList(1, 10));
            assertThat(own.names()).doesNotContain("files.read_file");
            assertThat(own.find("read the contents of a file", 9)).extracting(ToolMatch::name).doesNotContain("files.read_file");
            own.add(ToolCatalogue.tool("notes.take_note", "Write down a note for later"));
            assertThat(own.find("jot something down to remember", 1)).extracting(ToolMatch::name).containsExactly("notes.take_note");
            assertThat(own.remove("notes.take_note")).isTrue();
            assertThat(own.remove("notes.take_note")).isFalse();
        }
    }

    @Test
    void find_blankQuery_isRefused() {
        assertThatThrownBy(() -> search.find(" ", 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
    }
}
