package dev.switchboard.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A server {@code sb compare} measures, as a process: the command that starts it, the folder it
 * runs in, and the steps that build it. Every peer keeps one contract: it takes {@code --port 0},
 * prints {@code LISTENING http://127.0.0.1:PORT/mcp} on stdout when ready, serves stateful
 * Streamable HTTP with the tool {@code add {a, b}}, and exits on SIGTERM; a peer with
 * {@code stateless} set also serves the 2026-07-28 era (no session) on the same endpoint.
 *
 * @param name        short name, as the table shows it
 * @param description what it is, with versions
 * @param workingDir  the folder it runs in
 * @param command     the command line, {@code --port 0} included
 * @param needs       files that must exist first (a build output, node_modules), each with how to make it
 * @param setup       the steps that make them ({@link PeerSetup} runs those whose output is stale)
 * @param stateless   whether it serves the stateless era (2026-07-28) too
 */
public record Peer(String name, String description, Path workingDir, List<String> command, List<Need> needs, List<Step> setup, boolean stateless) {
    /** A file the peer needs, and the command that makes it. */
    public record Need(Path file, String howToMake) {}

    /**
     * One build step: {@code command} run in {@code dir}; it is stale when {@code output} is missing
     * or older than any file under {@code inputs} (files or folders).
     */
    public record Step(Path dir, List<String> command, Path output, List<Path> inputs) {
        public Step {
            command = List.copyOf(command);
            inputs = List.copyOf(inputs);
        }
    }

    public Peer {
        command = List.copyOf(command);
        needs = List.copyOf(needs);
        setup = List.copyOf(setup);
    }

    /** Why this peer cannot start now; empty when it can. */
    public Optional<String> missing() {
        List<String> lines = needs.stream().filter(n -> !Files.exists(n.file())).map(n -> n.file() + " is missing (make it with: " + n.howToMake() + ")").toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lines));
    }
}
