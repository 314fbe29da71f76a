package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes URI template matching: a client's {@code resources/read} URI against the templates a
 * server registers. Templates are the server author's (trusted); the URI is the client's. A match
 * must come back at once (no catastrophic backtracking), and the variables it returns must expand
 * back into the URI.
 */
class UriTemplateFuzzTest {
    private static final List<UriTemplate> TEMPLATES = List.of(
            UriTemplate.parse("test://template/{id}/data"),
            UriTemplate.parse("file:///{dir}/{name}"),
            UriTemplate.parse("db://{schema}.{table}/rows/{key}"),
            UriTemplate.parse("x://{a}-{b}-{c}-{d}"),
            UriTemplate.parse("users://{user_id}"));

    @FuzzTest(maxDuration = "10s")
    void match_anyUri_isFastAndRoundTrips(FuzzedDataProvider data) {
        UriTemplate template = data.pickValue(TEMPLATES);
        String uri = data.consumeRemainingAsString();
        Map<String, String> vars = template.match(uri);
        if (vars == null) return;
        assertThat(vars.keySet()).containsExactlyInAnyOrderElementsOf(template.variables());
        String expanded = template.text();
        for (Map.Entry<String, String> e : vars.entrySet()) {
            assertThat(e.getValue()).isNotEmpty().doesNotContain("/");
            expanded = expanded.replace("{" + e.getKey() + "}", e.getValue());
        }
        assertThat(expanded).isEqualTo(uri);
    }

    @FuzzTest(maxDuration = "10s")
    void parse_anyTemplate_acceptsOrNamesTheProblem(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        try {
            UriTemplate template = UriTemplate.parse(text);
            assertThat(template.variables()).allMatch(v -> v.matches("[A-Za-z0-9_.]+"));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("URI template");
        }
    }
}
