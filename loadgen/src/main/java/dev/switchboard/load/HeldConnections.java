package dev.switchboard.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./sb load connections}: N idle connections, a session each, over WebSocket (upgrade,
 * initialize, initialized) or legacy HTTP+SSE ({@code GET /sse} until its {@code endpoint} event),
 * held against an {@code sb serve -Xmx1g} of its own; the server's heap after a GC, before and
 * while they are held, gives the heap per connection, judged against the goal (50,000 held
 * within a 1 GiB heap). Connections spread over loopback source addresses 127.0.0.1..K, so tens of
 * thousands do not run out of ephemeral ports. The server is stopped (by its PID) at the end.
 */
public final class HeldConnections {
    /** What to run. */
    public record Options(Path root, String transport, int connections, Duration hold, int sourceAddresses, int eventLoops) {}

    static final long GOAL_CONNECTIONS = 50_000;
    static final long HEAP_BYTES = 1L << 30;
    private static final int WINDOW = 512;

    private HeldConnections() {}

    /** Runs it and prints the figures and the verdict; {@code true} on PASS. */
    public static boolean run(Options o, PrintStream out) throws IOException, InterruptedException {
        if (!o.transport().equals("websocket") && !o.transport().equals("legacy-sse"))
            throw new IllegalArgumentException("connections runs over websocket or legacy-sse, not '" + o.transport() + "'");
        List<String> command = new ArrayList<>(Peers.switchboardServe("--port", "0", "--set", "http.maxConnections=1000000",
                "--set", "http.maxConnectionsPerAddress=1000000", "--set", "http.idleTimeoutMs=86400000"));
        command.add(1, "-Xmx1g");
        Peer peer = new Peer("switchboard-connections", "sb serve -Xmx1g holding idle connections", o.root(), command, List.of(), List.of(), false);
        try (PeerProcess server = PeerProcess.start(peer, o.root().resolve("target/load/connections-server.log"), Duration.ofSeconds(60))) {
            URI http = server.endpoint();
            String authority = http.getHost() + ":" + http.getPort();
            long limit = Math.min(openFiles(Path.of("/proc/self/limits")), openFiles(Path.of("/proc", Long.toString(server.pid()), "limits")));
            int n = (int) Math.min(o.connections(), Math.max(1, limit - 512));
            if (n < o.connections())
                out.printf("note: the open-files limit (%,d, ulimit -n; the hard limit bounds it) caps this run at %,d connections, not %,d%n", limit, n, o.connections());
            out.printf("connections over %s: %,d idle sessions from %d source address(es), held %d s; server pid %d (-Xmx1g), open files limit %s%n",
                    o.transport(), n, o.sourceAddresses(), o.hold().toSeconds(), server.pid(), limit);
            ServerMemory.Sample before = ServerMemory.sample(server.pid(), true);
            long start = System.nanoTime();
            AtomicReference<String> firstError = new AtomicReference<>();
            try (Held held = o.transport().equals("websocket") ? webSockets(URI.create("ws://" + authority + "/mcp/ws"), n, o, firstError)
                    : legacySse(URI.create("http://" + authority + "/sse"), n, o, firstError)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(Math.min(o.hold().toMillis(), 1_000));
                ServerMemory.Sample during = ServerMemory.sample(server.pid(), true);
                Thread.sleep(Math.max(0, o.hold().toMillis() - 1_000));
                long open = held.open();
                out.printf("  opened %,d of %,d in %.1f s (%,.0f/s); still open after the hold: %,d%s%n", held.count(), n, seconds,
                        held.count() / seconds, open, firstError.get() == null ? "" : "; first error: " + firstError.get());
                return verdict(before, during, held.count(), open, server.alive(), out);
            }
        }
    }

    private static boolean verdict(ServerMemory.Sample before, ServerMemory.Sample during, long held, long open, boolean alive, PrintStream out) {
        if (before.heapUsed() < 0 || during.heapUsed() < 0 || held == 0) {
            out.println("  MISS: no heap figure (jcmd could not read the server) or no connection held");
            return false;
        }
        long perConnection = (during.heapUsed() - before.heapUsed()) / held;
        long projected = before.heapUsed() + perConnection * GOAL_CONNECTIONS;
        out.printf("  server heap after GC: %,d KiB before, %,d KiB with %,d held -> %,d bytes per connection; server RSS %,d -> %,d MiB%n",
                before.heapUsed() / 1024, during.heapUsed() / 1024, held, perConnection, before.rss() >> 20, during.rss() >> 20);
        out.printf("  %,d connections: %,d KiB + %,d x %,d bytes = %,d MiB of the 1,024 MiB heap%n", GOAL_CONNECTIONS, before.heapUsed() / 1024,
                GOAL_CONNECTIONS, perConnection, projected >> 20);
        boolean heldAll = held >= GOAL_CONNECTIONS && open == held && alive;
        boolean fits = projected < HEAP_BYTES;
        if (heldAll) out.printf("  goal: 50,000 held within a 1 GiB heap: %s%n", fits ? "PASS" : "MISS");
        else out.printf("  goal: 50,000 held within a 1 GiB heap: MISS (held %,d, not 50,000; the heap figure projects %s)%n", held,
                fits ? "that 50,000 fit" : "that 50,000 do not fit");
        return heldAll && fits;
    }

    /** The soft limit on open files of a process, from its {@code limits} file (unlimited or unreadable: no cap). */
    static long openFiles(Path limits) {
        try {
            for (String line : java.nio.file.Files.readAllLines(limits)) {
                if (!line.startsWith("Max open files")) continue;
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        } catch (IOException | RuntimeException e) {
            // no figure: no cap
        }
        return Long.MAX_VALUE;
    }

    private static InetSocketAddress source(int i, int addresses) {
        return new InetSocketAddress("127.0.0." + (1 + i % Math.max(1, Math.min(250, addresses))), 0);
    }

    /** The connections a run holds. */
    interface Held extends AutoCloseable {
        long count();

        long open();

        @Override
        void close();
    }

    static Held webSockets(URI ws, int n, Options o, AtomicReference<String> firstError) throws InterruptedException {
        WsClients clients = new WsClients(ws, o.eventLoops(), Duration.ofSeconds(30));
        List<WsSession> sessions = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore window = new Semaphore(WINDOW);
        for (int i = 0; i < n; i++) {
            window.acquire();
            clients.open(source(i, o.sourceAddresses()), null, null).whenComplete((s, e) -> {
                if (e != null) firstError.compareAndSet(null, Outcome.of(e));
                else sessions.add(s);
                window.release(); // after the add: whoever waits for the whole window sees every connection
            });
        }
        window.acquire(WINDOW);
        return new Held() {
            public long count() {
                return sessions.size();
            }

            public long open() {
                synchronized (sessions) {
                    return sessions.stream().filter(WsSession::isOpen).count();
                }
            }

            public void close() {
                sessions.forEach(WsSession::close);
                clients.close();
            }
        };
    }

    static Held legacySse(URI sse, int n, Options o, AtomicReference<String> firstError) throws InterruptedException {
        LoadClient client = new LoadClient(o.eventLoops(), Duration.ofSeconds(30));
        Requests requests = new Requests(sse, "add", "{}", Requests.PROTOCOL_VERSION);
        InetSocketAddress remote = new InetSocketAddress(sse.getHost(), sse.getPort());
        List<HttpConnection> streams = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore window = new Semaphore(WINDOW);
        for (int i = 0; i < n; i++) {
            window.acquire();
            CompletableFuture<String> endpoint = new CompletableFuture<>();
            client.connect(remote, source(i, o.sourceAddresses())).thenCompose(c -> c.openStream(requests.stream(null), null, data -> {
                if (data.contains("sessionId=")) endpoint.complete(data);
            }).thenCompose(status -> {
                if (status != 200) throw new IllegalStateException("GET /sse: http " + status);
                return endpoint.orTimeout(30, TimeUnit.SECONDS);
            }).thenApply(x -> c)).whenComplete((c, e) -> {
                if (e != null) firstError.compareAndSet(null, Outcome.of(e));
                else streams.add(c);
                window.release(); // after the add: whoever waits for the whole window sees every connection
            });
        }
        window.acquire(WINDOW);
        return new Held() {
            public long count() {
                return streams.size();
            }

            public long open() {
                synchronized (streams) {
                    return streams.stream().filter(HttpConnection::isOpen).count();
                }
            }

            public void close() {
                streams.forEach(HttpConnection::close);
                client.close();
            }
        };
    }
}
