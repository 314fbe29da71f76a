package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.kernel.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentsFileTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    @Test
    void read_usersMcpServersFile_givesStdioAndHttpAgentsWithDefaults() throws Exception {
        Path file = write("""
                {"mcpServers": {
                  "files": {"command": "npx", "args": ["-y", "server-filesystem", "/tmp"], "env": {"A": "1"}},
                  "search": {"url": "https://example.com/mcp", "headers": {"Authorization": "Bearer x"}, "pool": {"min": 1, "max": 3},
                             "affinity": "session", "retry": true, "timeoutMs": 500, "priority": 7}
                }, "performance": {"maxInflight": 10}}""");
        AgentsFile read = AgentsFile.read(file, AgentsSettings.defaults());
        assertThat(read.agents()).extracting(AgentSpec::name).containsExactly("files", "search");
        AgentSpec files = read.agents().get(0), search = read.agents().get(1);
        assertThat(files.launch()).isEqualTo(new Launch.Stdio(List.of("npx", "-y", "server-filesystem", "/tmp"), Map.of("A", "1")));
        assertThat(files.pool()).isEqualTo(new PoolSize(5, 100, 30_000));
        assertThat(files.affinity()).isEqualTo(Affinity.NONE);
        assertThat(search.launch()).isEqualTo(new Launch.Http(URI.create("https://example.com/mcp"), Map.of("Authorization", "Bearer x")));
        assertThat(search.pool()).isEqualTo(new PoolSize(1, 3, 30_000));
        assertThat(search).extracting(AgentSpec::affinity, AgentSpec::retry, AgentSpec::timeoutMs, AgentSpec::priority)
                .containsExactly(Affinity.SESSION, true, 500L, 7);
    }

    @Test
    void read_vsCodeServersWithType_accepted() throws Exception {
        Path file = write("""
                {"servers": {"git": {"type": "stdio", "command": "uvx", "args": ["mcp-server-git"]},
                             "api": {"type": "http", "url": "http://127.0.0.1:9/mcp"}}}""");
        assertThat(AgentsFile.read(file, AgentsSettings.defaults()).agents()).extracting(AgentSpec::name).containsExactly("git", "api");
    }

    @Test
    void read_duplicateNameInOneSection_refusedWithPathAndName() throws Exception {
        Path file = write("""
                {"mcpServers": {"files": {"command": "a"}, "files": {"command": "b"}}}""");
        assertThatThrownBy(() -> AgentsFile.read(file, AgentsSettings.defaults())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("files").hasMessageContaining("twice");
    }

    @Test
    void read_sameNameInBothSections_refused() throws Exception {
        Path file = write("""
                {"mcpServers": {"files": {"command": "a"}}, "servers": {"files": {"url": "http://x/mcp"}}}""");
        assertThatThrownBy(() -> AgentsFile.read(file, AgentsSettings.defaults()))
                .hasMessageContaining("servers.files: duplicate server name 'files' (also in mcpServers)");
    }

    @Test
    void read_everyProblem_reportedAtOnceWithServerName() throws Exception {
        Path file = write("""
                {"mcpServers": {
                  "a": {"args": ["x"]},
                  "b": {"command": "x", "url": "http://h/mcp"},
                  "c": {"url": "ftp://h/x"},
                  "d": {"command": "x", "pool": {"min": 9, "max": 2}, "affinity": "sticky", "timeoutMs": -1},
                  "e": {"type": "websocket", "url": "ws://h/mcp"}
                }}""");
        assertThatThrownBy(() -> AgentsFile.read(file, AgentsSettings.defaults())).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        file + ": mcpServers.a: needs a command (stdio) or a url (Streamable HTTP, or legacy HTTP+SSE with \"type\": \"sse\")",
                        file + ": mcpServers.b: has both command and url; give one",
                        file + ": mcpServers.c: url must be an http or https URL, was \"ftp://h/x\"",
                        file + ": mcpServers.d: pool.min (9) is above pool.max (2)",
                        file + ": mcpServers.d: affinity must be \"session\" or \"none\", was \"sticky\"",
                        file + ": mcpServers.d: timeoutMs must be a whole number from 1 to 86400000, was -1",
                        file + ": mcpServers.e: type must be \"stdio\", \"http\" or \"sse\" (the legacy HTTP+SSE transport), was \"websocket\""));
    }

    @Test
    void read_vsCodeFileWithCommentsTrailingCommasInputsAndSse_takenAsItIsWithWarnings() throws Exception {
        Path file = write("""
                {
                  // VS Code's .vscode/mcp.json is JSON with comments
                  "inputs": [{"type": "promptString", "id": "token", "description": "API token", "password": true}],
                  "servers": {
                    "old": {"type": "sse", "url": "http://127.0.0.1:9/sse"}, /* a legacy HTTP+SSE server */
                    "api": {"type": "http", "url": "http://127.0.0.1:9/mcp", "headers": {"Authorization": "Bearer ${input:token}"},},
                  },
                }""");
        AgentsFile read = AgentsFile.read(file, AgentsSettings.defaults());
        assertThat(read.agents()).extracting(AgentSpec::launch).containsExactly(
                new Launch.LegacySse(URI.create("http://127.0.0.1:9/sse"), Map.of()),
                new Launch.Http(URI.create("http://127.0.0.1:9/mcp"), Map.of("Authorization", "Bearer ${input:token}")));
        assertThat(read.warnings()).containsExactly(
                file + ": inputs: Switchboard prompts for no input; a value written as ${input:…} is passed as it is written",
                file + ": servers.api: a value holds ${…}; Switchboard substitutes no variables and prompts for no inputs, so it is passed as it is written");
    }

    @Test
    void read_otherClientsKeysAndDisabled_warnedNotRefused() throws Exception {
        Path file = write("""
                {"mcpServers": {"a": {"command": "x", "autoApprove": []}, "b": {"command": "y", "disabled": true}}}""");
        AgentsFile read = AgentsFile.read(file, AgentsSettings.defaults());
        assertThat(read.agents()).extracting(AgentSpec::name).containsExactly("a");
        assertThat(read.warnings()).containsExactly(file + ": mcpServers.a: key 'autoApprove' is not used by Switchboard and is ignored",
                file + ": mcpServers.b: disabled, not started");
    }

    @Test
    void read_maxMessageBytes_perServerOverridesTheDefaultAndOutOfRangeIsRefused() throws Exception {
        Path file = write("""
                {"mcpServers": {"small": {"command": "a", "maxMessageBytes": 65536}, "plain": {"command": "b"}}}""");
        AgentsFile read = AgentsFile.read(file, AgentsSettings.defaults());
        assertThat(read.agents()).extracting(AgentSpec::maxMessageBytes).containsExactly(65_536, 16 * 1024 * 1024);
        assertThat(read.warnings()).isEmpty();
        Path bad = write("""
                {"mcpServers": {"tiny": {"command": "a", "maxMessageBytes": 10}}}""");
        assertThatThrownBy(() -> AgentsFile.read(bad, AgentsSettings.defaults())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mcpServers.tiny").hasMessageContaining("maxMessageBytes must be a whole number from 1024 to 268435456, was 10");
    }
}
