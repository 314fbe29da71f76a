package dev.switchboard.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerSetupTest {
    @TempDir
    Path dir;

    private Peer peer(List<String> command, Path output) {
        return new Peer("demo", "a peer", dir, List.of("true"), List.of(), List.of(new Peer.Step(dir, command, output, List.of(dir.resolve("src")))), false);
    }

    @Test
    void run_staleOutput_runsTheStepOnceThenSkipsIt() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/input.txt"), "x");
        Path output = dir.resolve("out.txt");
        Path counter = dir.resolve("runs.txt");
        Peer p = peer(List.of("sh", "-c", "echo run >> runs.txt && touch out.txt"), output);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PeerSetup.run(p, dir.resolve("setup.log"), Duration.ofSeconds(30), new PrintStream(said, true));
        PeerSetup.run(p, dir.resolve("setup.log"), Duration.ofSeconds(30), new PrintStream(said, true));
        assertThat(Files.readAllLines(counter)).hasSize(1);
        assertThat(said.toString()).contains("setting up demo").contains("demo set up in");

        Files.setLastModifiedTime(output, FileTime.from(Instant.now().minusSeconds(60)));
        assertThat(PeerSetup.stale(p.setup().getFirst())).isTrue();
    }

    @Test
    void run_failingStep_namesThePeerAndTheLog() throws IOException {
        Peer p = peer(List.of("sh", "-c", "echo broken >&2; exit 3"), dir.resolve("never.txt"));
        Path log = dir.resolve("setup.log");
        assertThatThrownBy(() -> PeerSetup.run(p, log, Duration.ofSeconds(30), new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IOException.class).hasMessageContaining("demo could not be built").hasMessageContaining("exited with 3").hasMessageContaining(log.toString());
        assertThat(Files.readString(log)).contains("broken");
    }

    @Test
    void run_missingTool_namesThePeer() {
        Peer p = peer(List.of("no-such-build-tool-xyz"), dir.resolve("never.txt"));
        assertThatThrownBy(() -> PeerSetup.run(p, dir.resolve("setup.log"), Duration.ofSeconds(30), new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IOException.class).hasMessageContaining("demo could not be built").hasMessageContaining("did not start");
    }

    @Test
    void run_stepThatLeavesNoOutput_fails() {
        Peer p = peer(List.of("true"), dir.resolve("never.txt"));
        assertThatThrownBy(() -> PeerSetup.run(p, dir.resolve("setup.log"), Duration.ofSeconds(30), new PrintStream(new ByteArrayOutputStream())))
                .hasMessageContaining("left no");
    }
}
