package dev.switchboard.cli;

import dev.switchboard.cluster.LocalNats;
import dev.switchboard.cluster.RoundRobinBalancer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A whole cluster on this machine in one command: NATS servers with JetStream joined by routes,
 * Switchboard nodes ({@code sb serve} processes with {@code cluster.nats} set) and a round-robin
 * balancer in front that sends each request to the next node. Prints the URLs; Ctrl-C stops
 * everything it started (by process, never by name).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Start a local cluster: NATS servers with JetStream (R3), Switchboard nodes and a round-robin HTTP balancer "
                + "in front of them; prints the URLs and stops everything on Ctrl-C.",
        footer = {"", "Examples:", "  ./sb cluster", "  ./sb cluster --nodes 2 --port 9000 --example everything"})
final class ClusterCommand implements Callable<Integer> {
    @Option(names = "--nodes", description = "Switchboard nodes (default: ${DEFAULT-VALUE}).")
    int nodes = 3;

    @Option(names = "--nats", description = "NATS servers (default: ${DEFAULT-VALUE}; 3 or more keep every stream in 3 copies).")
    int natsServers = 3;

    @Option(names = "--port", description = "The balancer's port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--example", description = "The built-in server each node runs (default: demo).")
    String example;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || natsServers < 1) {
            System.err.println("sb: --nodes and --nats must be at least 1");
            return 2;
        }
        List<Process> started = new ArrayList<>();
        LocalNats nats;
        try {
            nats = LocalNats.start(natsServers);
        } catch (IllegalStateException e) {
            System.err.println("sb: " + e.getMessage());
            return 1;
        }
        RoundRobinBalancer balancer = null;
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            System.out.println("NATS     " + nats.urls());
            List<InetSocketAddress> backends = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                Process p = startNode(nats.urls(), i);
                started.add(p);
                URI url = URI.create(awaitListening(p, i));
                backends.add(new InetSocketAddress(url.getHost(), url.getPort()));
                System.out.println("node " + i + "   " + url + "  (pid " + p.pid() + ", /ready beside it)");
            }
            balancer = RoundRobinBalancer.start(backends, port);
            System.out.println("BALANCER http://127.0.0.1:" + balancer.port() + "/mcp   (each request to the next node)");
            System.out.println("Ctrl-C stops the balancer, the nodes and NATS.");
            System.out.flush();
            RoundRobinBalancer b = balancer;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop(started, b, nats);
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("sb cluster: " + e.getMessage());
            stop(started, balancer, nats);
            return 1;
        }
    }

    private Process startNode(String natsUrls, int i) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(nodeJvmFlags());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dsb.root=" + System.getProperty("sb.root", "."), Sb.class.getName(), "serve", "--port", "0",
                "--set", "cluster.nats=" + natsUrls, "--set", "tasks.dir=.switchboard/cluster-node-" + i));
        if (example != null) cmd.addAll(List.of("--example", example));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    // A node runs with the JVM flags ./sb serve gives a single node: this JVM's own (GC, modules,
    // logging; ./sb starts both alike) and the serve heap bounds (SB_SERVE_JAVA_OPTS replaces them,
    // as in ./sb), so a node and a single server compare like with like.
    static List<String> nodeJvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-XX:MaxNewSize") || a.startsWith("-Dsb.root=")
                    || a.startsWith("-agentlib") || a.startsWith("-javaagent")) continue;
            flags.add(a);
        }
        String serve = System.getenv("SB_SERVE_JAVA_OPTS");
        flags.addAll(serve == null || serve.isBlank() ? List.of("-Xmx1g", "-XX:MaxNewSize=128m") : List.of(serve.trim().split("\\s+")));
        return flags;
    }

    private static String awaitListening(Process p, int i) throws java.io.IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("LISTENING ")) {
                Thread.ofVirtual().start(() -> drain(out)); // keep its stdout from filling up
                return line.substring("LISTENING ".length()).trim();
            }
        }
        throw new IllegalStateException("node " + i + " exited before listening (exit " + p.exitValue() + ")");
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the node's stdout carries nothing after LISTENING
            }
        } catch (java.io.IOException e) {
            // the node stopped
        }
    }

    private static void stop(List<Process> nodes, RoundRobinBalancer balancer, LocalNats nats) {
        if (balancer != null) balancer.close();
        for (Process p : nodes) p.destroy();
        for (Process p : nodes) {
            try {
                if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        nats.close();
    }
}
