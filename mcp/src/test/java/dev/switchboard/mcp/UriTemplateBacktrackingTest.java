package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A URI template with several variables in one path segment ({@code {a}-{b}}) compiled to a
 * backtracking regex: a client's {@code resources/read} of a long URI that almost matches made
 * matching take time polynomial in its length (minutes for a few kilobytes, found while writing
 * {@link UriTemplateFuzzTest}). Matching is now bounded in work per character; the timeout here
 * is a hang guard, not a performance figure.
 */
class UriTemplateBacktrackingTest {

    @Test
    void match_almostMatchingLongUri_endsPromptlyWithNoMatch() {
        UriTemplate template = UriTemplate.parse("x://{a}-{b}-{c}-{d}");
        String uri = "x://" + "-".repeat(5_000) + "/";
        Map<String, String> vars = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> template.match(uri));
        assertThat(vars).isNull();
    }

    @Test
    void match_ambiguousUri_keepsGreedyMeaning() {
        assertThat(UriTemplate.parse("file:///{name}.{ext}").match("file:///a.b.txt")).containsEntry("name", "a.b").containsEntry("ext", "txt");
        assertThat(UriTemplate.parse("x://{a}-{b}-{c}-{d}").match("x://1-2-3-4")).containsEntry("a", "1").containsEntry("d", "4");
    }
}
