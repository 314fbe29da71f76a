package dev.switchboard.client;

import dev.switchboard.mcp.protocol.RequestId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The stdio transport: newline-delimited JSON on a pair of streams, usually a child process's
 * stdin and stdout.
 *
 * <p>One virtual thread reads lines; writers share the output stream under a lock, since a message
 * is a line and two interleaved lines are two broken messages. The codec never writes a raw
 * newline inside a message (strings escape it), so no framing beyond the line is needed.
 */
final class ClientStdio implements ClientTransport {

    private static final Duration EXIT_GRACE = Duration.ofSeconds(2);

    private final InputStream in;
    private final OutputStream out;
    private final Process process;
    private final Object writeLock = new Object();
    private volatile boolean closing;

    @Override
    public java.util.Optional<ProcessHandle> process() {
        return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
    }

    private ClientStdio(InputStream in, OutputStream out, Process process) {
        this.in = in;
        this.out = out;
        this.process = process;
    }

    /** A transport over streams the caller owns, e.g. pipes to an in-process server. */
    static ClientStdio over(InputStream in, OutputStream out) {
        return new ClientStdio(in, out, null);
    }

    /**
     * Spawns {@code command}; its stderr is inherited, or handed line by line to {@code stderr}
     * when given (a child whose stderr nobody drains blocks once the pipe buffer fills).
     */
    static ClientStdio spawn(List<String> command, java.util.Map<String, String> environment, Consumer<String> stderr) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectError(stderr == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new McpClientException(McpClientException.Reason.CLOSED,
                    "cannot start MCP server " + command + ": " + e.getMessage(), e);
        }
        if (stderr != null) {
            Thread.ofVirtual().name("mcp-client-stderr").start(() -> drain(process.getErrorStream(), stderr));
        }
        return new ClientStdio(process.getInputStream(), process.getOutputStream(), process);
    }

    private static void drain(InputStream stream, Consumer<String> sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                sink.accept(line);
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or the sink failed; either way there is nobody left to tell
        }
    }

    @Override
    public void start(Inbox inbox) {
        Thread.ofVirtual().name("mcp-client-stdio-reader").start(() -> read(inbox));
    }

    private void read(Inbox inbox) {
        McpClientException cause;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    inbox.receive(line);
                }
            }
            cause = new McpClientException(McpClientException.Reason.CLOSED,
                    closing ? "the client was closed" : "the server closed its output" + exitStatus());
        } catch (IOException e) {
            cause = new McpClientException(McpClientException.Reason.CLOSED,
                    closing ? "the client was closed" : "reading from the server failed: " + e.getMessage() + exitStatus(), e);
        }
        inbox.closed(cause);
    }

    private String exitStatus() {
        if (process == null) {
            return "";
        }
        try {
            return process.waitFor(100, TimeUnit.MILLISECONDS) ? " (process exited with " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void send(RequestId awaiting, byte[] message) {
        try {
            // one write: over a socket, a message and its newline in two writes are two segments
            byte[] line = java.util.Arrays.copyOf(message, message.length + 1);
            line[message.length] = '\n';
            synchronized (writeLock) {
                out.write(line);
                out.flush();
            }
        } catch (IOException e) {
            throw new McpClientException(McpClientException.Reason.CLOSED,
                    "cannot write to the server: " + e.getMessage() + exitStatus(), e);
        }
    }

    /** The spec's shutdown: close stdin, give the server a moment, then SIGTERM, then SIGKILL. */
    @Override
    public void close() {
        closing = true;
        try {
            synchronized (writeLock) {
                out.close();
            }
        } catch (IOException e) {
            // already closed by the other side
        }
        if (process != null) {
            try {
                if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroy();
                    if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            in.close();
        } catch (IOException e) {
            // the reader ends either way
        }
    }
}
