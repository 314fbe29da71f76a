package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.kernel.ConfigKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sb config}: descriptions, every unknown key at once, warnings for unknown variables, files from the caller's directory. */
class ConfigCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new Sb()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void help_serveAndConfig_printUsageAndExitZero() {
        Run serve = run("serve", "--help"), config = run("config", "--help");
        assertThat(serve.code()).isZero();
        assertThat(serve.out()).contains("Usage: sb serve", "--jar", "--class", "--stdio");
        assertThat(config.code()).isZero();
        assertThat(config.out()).contains("Usage: sb config", "--config", "--set");
        assertThat(serve.err() + config.err()).doesNotContain("Unknown option");
    }

    @Test
    void config_everyKey_isShownWithItsDescription() {
        Run r = run("config");
        assertThat(r.code()).isZero();
        for (ConfigKey<?> key : ServerOptions.keys()) assertThat(r.out()).contains(key.name() + " ").contains("    " + key.description());
    }

    @Test
    void config_missingConfigFile_isAnErrorNamingThePath() {
        Path missing = dir.resolve("missing.json");
        Run r = run("config", "--config", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("configuration file " + missing + " (from --config) does not exist");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void config_severalUnknownKeys_areReportedAtOnceWithTheKeysTheyProbablyMeant() {
        Run r = run("config", "--set", "queue.capasity=1", "--set", "http.prot=9000");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("2 problems", "'queue.capasity' (from command line); did you mean 'queue.capacity'?",
                "'http.prot' (from command line); did you mean 'http.port'?");
    }

    @Test
    void load_unknownMcpVariable_isAWarningOnStderrAndTheRestLoads() {
        StringWriter err = new StringWriter();
        ConfigOptions options = new ConfigOptions();
        var config = options.load(ServerOptions.keys(), Map.of("MCP_QUEUE_CAPACTY", "5", "MCP_HTTP_PORT", "9001"), new PrintWriter(err));
        assertThat(err.toString()).isEqualTo("sb: warning: environment variable MCP_QUEUE_CAPACTY is not a configuration key and is ignored; "
                + "did you mean MCP_QUEUE_CAPACITY?" + System.lineSeparator());
        assertThat(config.get(dev.switchboard.transport.HttpSettings.PORT)).isEqualTo(9001);
    }

    @Test
    void config_runInAnotherDirectory_readsThatDirectorysFileAndRelativeConfigPaths() throws Exception {
        Files.createDirectories(dir.resolve(".mcp"));
        Files.writeString(dir.resolve(".mcp/config.json"), "{\"queue\": {\"capacity\": 77}}");
        Files.writeString(dir.resolve("other.json"), "{\"queue\": {\"capacity\": 88}}");
        try (SbProcess sb = SbProcess.start(dir, Map.of(), "config")) {
            assertThat(sb.waitFor()).as(sb.errors()).isZero();
            assertThat(sb.allOutput()).containsPattern("queue\\.capacity +77 +\\.mcp/config\\.json");
        }
        try (SbProcess sb = SbProcess.start(dir, Map.of(), "config", "--config", "other.json")) {
            assertThat(sb.waitFor()).as(sb.errors()).isZero();
            assertThat(sb.allOutput()).containsPattern("queue\\.capacity +88 +other\\.json");
        }
        try (SbProcess sb = SbProcess.start(dir, Map.of(), "config", "--config", "absent.json")) {
            assertThat(sb.waitFor()).isEqualTo(2);
            assertThat(sb.errors()).contains(dir.resolve("absent.json").toString(), "does not exist");
        }
    }
}
