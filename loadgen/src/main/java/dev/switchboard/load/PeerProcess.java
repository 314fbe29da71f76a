package dev.switchboard.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A started peer: its process, and the endpoint from its {@code LISTENING} line. Everything else
 * it prints goes to a log file, so a peer that fails says why. Closing sends SIGTERM, then kills
 * it if it has not exited within five seconds.
 */
public final class PeerProcess implements AutoCloseable {
    private final Peer peer;
    private final Process process;
    private final URI endpoint;
    private volatile boolean exitedOnSigterm;
    /** Stops the peer when this JVM is stopped (Ctrl-C, SIGTERM) before {@link #close}: nothing it started outlives it. */
    private final Thread stopOnExit;

    private PeerProcess(Peer peer, Process process, URI endpoint) {
        this.peer = peer;
        this.process = process;
        this.endpoint = endpoint;
        this.stopOnExit = new Thread(process::destroyForcibly, "sb-peer-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts {@code peer}, logging its output to {@code log}, and waits up to {@code timeout} for its {@code LISTENING} line. */
    public static PeerProcess start(Peer peer, Path log, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(peer.command()).directory(peer.workingDir().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    if (line.startsWith("LISTENING ")) return line.substring("LISTENING ".length()).trim();
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }, r -> Thread.ofVirtual().start(r));
        String url;
        try {
            url = listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            url = null;
        }
        if (url == null) {
            boolean exited = !p.isAlive();
            p.destroyForcibly();
            throw new IOException("peer " + peer.name() + (exited ? " exited with code " + p.waitFor() + " before printing LISTENING" : " did not print LISTENING within " + timeout.toSeconds() + " s")
                    + "; see " + log);
        }
        // keep draining stdout so the peer never blocks on a full pipe
        Thread.ofVirtual().start(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // the peer exited
            }
        });
        return new PeerProcess(peer, p, URI.create(url));
    }

    Peer peer() {
        return peer;
    }

    public URI endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Whether {@link #close} stopped it with SIGTERM alone, as the peer contract asks (no SIGKILL needed). */
    public boolean exitedOnSigterm() {
        return exitedOnSigterm;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook stops the peer
        }
        process.destroy();
        try {
            exitedOnSigterm = process.waitFor(5, TimeUnit.SECONDS);
            if (!exitedOnSigterm) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
