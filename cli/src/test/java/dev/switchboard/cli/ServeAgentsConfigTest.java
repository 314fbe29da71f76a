package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sb serve --config} with an mcpServers section: a bad file stops the start with the path, the server and the problem. */
class ServeAgentsConfigTest {
    @TempDir
    Path dir;

    @Test
    void serve_badMcpServersEntry_refusedAtStartNamingPathAndServer() throws Exception {
        Path file = Files.writeString(dir.resolve("clients.json"), """
                {"mcpServers": {"files": {"command": "npx", "args": "not-an-array"}, "search": {"url": "ftp://x"}}}""");
        ConfigCommandTest.Run r = ConfigCommandTest.run("serve", "--config", file.toString(), "--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("invalid configuration")
                .contains(file + ": mcpServers.files: args must be an array of strings")
                .contains(file + ": mcpServers.search: url must be an http or https URL, was \"ftp://x\"");
    }

    @Test
    void config_fileWithMcpServers_otherKeysStillChecked() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), """
                {"mcpServers": {"a": {"command": "x"}}, "queue": {"capacity": 77}, "agents": {"pool": {"min": 1}}}""");
        ConfigCommandTest.Run r = ConfigCommandTest.run("config", "--config", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("agents.pool.min").contains("77");
    }
}
