package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.switchboard.mcp.McpServer;
import org.junit.jupiter.api.Test;

class ExamplesTest {

    @Test
    void create_everyName_buildsThatServer() {
        for (String name : Examples.NAMES) {
            try (McpServer server = Examples.create(name, McpServer.builder("switchboard-" + name, "0.1.0"))) {
                assertThat(server.info().name()).isEqualTo("switchboard-" + name);
            }
        }
        assertThat(new Examples.Names()).containsExactlyElementsOf(Examples.NAMES);
    }

    @Test
    void create_unknownName_namesTheChoices() {
        assertThatIllegalArgumentException().isThrownBy(() -> Examples.create("nope", McpServer.builder("x", "1")))
                .withMessageContaining("nope").withMessageContaining("demo").withMessageContaining("everything");
    }
}
