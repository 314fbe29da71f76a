package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./sb} script as a user runs it, from their own directory (it lives here because the
 * CLI's jar and class path file exist only once the cli module is packaged). {@code SB_SKIP_BUILD}
 * keeps it from starting a Maven build inside this one.
 */
class SbScriptTest {
    private static final Path SB = Path.of("..", "sb").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Process sb(String... args) throws IOException {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = SB.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("SB_SKIP_BUILD", "1");
        pb.environment().keySet().removeIf(k -> k.startsWith("MCP_"));
        return pb.start();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sb_fromTheCallersDirectory_readsTheirConfigFileAndRelativeConfigPaths() throws Exception {
        Files.createDirectories(dir.resolve(".mcp"));
        Files.writeString(dir.resolve(".mcp/config.json"), "{\"queue\": {\"capacity\": 77}}");
        Files.writeString(dir.resolve("mine.json"), "{\"queue\": {\"capacity\": 88}}");
        Process own = sb("config");
        assertThat(read(own.getInputStream())).containsPattern("queue\\.capacity +77 +\\.mcp/config\\.json");
        assertThat(own.waitFor()).isZero();
        Process relative = sb("config", "--config", "mine.json");
        assertThat(read(relative.getInputStream())).containsPattern("queue\\.capacity +88 +mine\\.json");
        assertThat(relative.waitFor()).isZero();
    }

    @Test
    void sb_missingConfigFile_exitsNonZeroNamingIt() throws Exception {
        Process p = sb("config", "--config", "/missing.json");
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        read(p.getInputStream());
        assertThat(p.waitFor()).isNotZero();
        assertThat(err.get(30, TimeUnit.SECONDS)).contains("/missing.json", "does not exist");
    }

    @Test
    void sb_serveWithStderrAPipe_startupLinesArriveWhileItRuns() throws Exception {
        Process p = sb("serve", "--port", "0");
        try {
            CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = err.readLine()) != null; ) if (line.startsWith("sb serve: demo server on http://")) return line;
                    return null;
                } catch (IOException e) {
                    return null;
                }
            });
            assertThat(started.get(60, TimeUnit.SECONDS)).isNotNull();
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sb_serveHelp_printsUsageAndExitsZero() throws Exception {
        Process p = sb("serve", "--help");
        assertThat(read(p.getInputStream())).contains("Usage: sb serve", "--jar");
        assertThat(p.waitFor()).isZero();
    }
}
