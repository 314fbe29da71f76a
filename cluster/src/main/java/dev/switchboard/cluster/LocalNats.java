package dev.switchboard.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Local {@code nats-server} processes with JetStream on 127.0.0.1, for {@code sb cluster} and the
 * tests: one server, or a cluster of several joined by routes. Each server keeps its JetStream
 * store in its own temporary directory. nats-server cannot take port 0 for its routes, so the
 * ports are picked free first (bound on 0 and released). Servers are stopped by their process.
 */
public final class LocalNats implements AutoCloseable {
    private final List<Process> servers = new ArrayList<>();
    private final List<Integer> clientPorts;
    private final List<Integer> monitorPorts = new ArrayList<>();
    private final Path root;
    private List<Integer> routes = List.of();

    private LocalNats(List<Integer> clientPorts, Path root) {
        this.clientPorts = clientPorts;
        this.root = root;
    }

    /**
     * Starts {@code size} servers (1 for a single server, 3 for an R3 cluster) and waits until each
     * accepts clients.
     *
     * @throws IllegalStateException when {@code nats-server} is not installed or a server does not come up in 10 s
     */
    public static LocalNats start(int size) {
        try {
            Path root = Files.createTempDirectory("sb-nats");
            List<Integer> client = new ArrayList<>();
            List<Integer> route = new ArrayList<>();
            List<Integer> monitor = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                client.add(freePort());
                route.add(freePort());
                monitor.add(freePort());
            }
            LocalNats nats = new LocalNats(client, root);
            nats.monitorPorts.addAll(monitor);
            nats.routes = route;
            for (int i = 0; i < size; i++) nats.launch(i, route);
            for (int port : client) awaitPort(port);
            return nats;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(int i, List<Integer> routes) throws IOException {
        Path dir = Files.createDirectories(root.resolve("n" + i));
        List<String> cmd = new ArrayList<>(List.of(binary(), "-a", "127.0.0.1", "-p", "" + clientPorts.get(i),
                "-js", "-sd", dir.toString(), "-n", "sb-n" + i,
                "-m", "" + monitorPorts.get(i)));
        if (routes.size() > 1) {
            cmd.addAll(List.of("--cluster_name", "sb", "--cluster", "nats://127.0.0.1:" + routes.get(i),
                    "--routes", routes.stream().map(p -> "nats://127.0.0.1:" + p).collect(Collectors.joining(","))));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nats.log").toFile())).start();
            if (i < servers.size()) servers.set(i, p);
            else servers.add(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start nats-server (apt-get install nats-server): " + e.getMessage(), e);
        }
    }

    // Debian installs it in /usr/sbin, which a non-root PATH may lack.
    private static String binary() {
        return Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("nats-server on port " + port + " did not come up in 10 s");
    }

    /** The client URLs, comma-separated: the value for {@code cluster.nats}. */
    public String urls() {
        return clientPorts.stream().map(p -> "nats://127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public int size() {
        return clientPorts.size();
    }

    /** The process id of server {@code i}. */
    public long pid(int i) {
        return servers.get(i).pid();
    }

    /** The HTTP monitoring port of server {@code i} ({@code /varz} counts its messages), on 127.0.0.1. */
    public int monitorPort(int i) {
        return monitorPorts.get(i);
    }

    /** Kills server {@code i} at once (SIGKILL), as a crash would. */
    public void kill(int i) {
        servers.get(i).destroyForcibly();
    }

    /**
     * Starts server {@code i} again after {@link #kill}, on the same ports and with the same
     * JetStream store, and waits until it accepts clients.
     */
    public void restart(int i) {
        try {
            servers.get(i).waitFor();
            launch(i, routes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting nats-server " + i, e);
        }
        awaitPort(clientPorts.get(i));
    }

    @Override
    public void close() {
        for (Process p : servers) {
            p.destroy();
        }
        for (Process p : servers) {
            try {
                if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
