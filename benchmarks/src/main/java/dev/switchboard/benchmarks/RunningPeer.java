package dev.switchboard.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A started {@link PeerServer}: its endpoint, read from the one line it prints, and its process.
 * Its stderr goes to ours so a failing peer explains itself; anything it prints on stdout after the
 * {@code LISTENING} line is drained and dropped, so a chatty peer never blocks on a full pipe.
 * {@link #close()} sends SIGTERM and waits, then kills what is left.
 */
public final class RunningPeer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("LISTENING (http://127\\.0\\.0\\.1:\\d+/mcp)");
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final PeerServer peer;
    private final Process process;
    private final URI endpoint;
    private volatile boolean exitedOnSigterm;

    private RunningPeer(PeerServer peer, Process process, URI endpoint) {
        this.peer = peer;
        this.process = process;
        this.endpoint = endpoint;
    }

    static RunningPeer start(PeerServer peer, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(peer.command()).directory(peer.workingDir().toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }, task -> Thread.ofVirtual().name("peer-" + peer.name() + "-start").start(task));
        String line;
        try {
            line = firstLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("peer " + peer.name() + " printed no LISTENING line within " + timeout.toMillis() + " ms: " + peer.command());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting peer " + peer.name(), e);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IOException("peer " + peer.name() + ": " + e.getCause(), e.getCause());
        }
        Matcher m = line == null ? null : LISTENING.matcher(line);
        if (m == null || !m.matches()) {
            process.destroyForcibly();
            throw new IOException("peer " + peer.name() + " should print 'LISTENING http://127.0.0.1:PORT/mcp' first, printed "
                    + (line == null ? "nothing and exited" : "'" + line + "'") + ": " + peer.command());
        }
        Thread.ofVirtual().name("peer-" + peer.name() + "-stdout").start(() -> drain(out));
        return new RunningPeer(peer, process, URI.create(m.group(1)));
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) { /* the contract says one line; the rest is not ours to read */ }
        } catch (IOException ignored) {
            // the peer went away
        }
    }

    public PeerServer peer() {
        return peer;
    }

    /** Its MCP endpoint, {@code http://127.0.0.1:PORT/mcp}. */
    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then up to ten seconds for it to exit, then SIGKILL. */
    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            exitedOnSigterm = process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            if (!exitedOnSigterm) process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close()} stopped it with SIGTERM alone, as the contract asks (no SIGKILL needed). */
    public boolean exitedOnSigterm() {
        return exitedOnSigterm;
    }
}
