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
    /** The default limit on one incoming message (a line): the agents gateway's default, see {@code agents.maxMessageBytes}. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** How far past the limit a too-long line is skipped, looking for its end, before the stream is given up. */
    private static final int SKIP_FACTOR = 4;

    private final InputStream in;
    private final OutputStream out;
    private final Process process;
    private final int maxMessageBytes;
    private final Object writeLock = new Object();
    private volatile boolean closing;

    @Override
    public java.util.Optional<ProcessHandle> process() {
        return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
    }

    private ClientStdio(InputStream in, OutputStream out, Process process, int maxMessageBytes) {
        this.in = in;
        this.out = out;
        this.process = process;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** A transport over streams the caller owns, e.g. pipes to an in-process server. */
    static ClientStdio over(InputStream in, OutputStream out) {
        return over(in, out, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** The same, refusing incoming lines longer than {@code maxMessageBytes}. */
    static ClientStdio over(InputStream in, OutputStream out, int maxMessageBytes) {
        return new ClientStdio(in, out, null, maxMessageBytes);
    }

    /**
     * Spawns {@code command}; its stderr is inherited, or handed line by line to {@code stderr}
     * when given (a child whose stderr nobody drains blocks once the pipe buffer fills).
     */
    static ClientStdio spawn(List<String> command, java.util.Map<String, String> environment, Consumer<String> stderr, int maxMessageBytes) {
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
        return new ClientStdio(process.getInputStream(), process.getOutputStream(), process, maxMessageBytes);
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

    /*
     * A line longer than the limit is not parsed: it is skipped to its end, its bytes passing
     * through a ResponseIdScanner, so the call it answers fails at once with the size and the
     * stream stays in step (the next line is the next message; the process is not restarted for
     * one bad answer). Only a line that runs on SKIP_FACTOR times past the limit without ending
     * closes the transport: the server is writing without end, and nothing after it can be
     * trusted. Every unparseable line (garbage, JSON that is not JSON-RPC) goes to the inbox like
     * any other, which logs, counts and, where it has an id, fails the call it claims to answer.
     */
    private void read(Inbox inbox) {
        McpClientException cause;
        try (InputStream input = in) {
            BoundedLines lines = new BoundedLines(input, maxMessageBytes, false);
            long cap = (long) maxMessageBytes * SKIP_FACTOR;
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                if (line == BoundedLines.TOO_LONG) {
                    ResponseIdScanner scanner = new ResponseIdScanner().feed(lines.prefix());
                    long size = lines.skipRest(scanner, cap);
                    if (size < 0) {
                        String why = "the server wrote a line of more than " + cap + " bytes without ending it (limit " + maxMessageBytes
                                + " bytes per message); the connection was closed";
                        refuse(inbox, scanner, new McpClientException(McpClientException.Reason.TOO_LARGE, why));
                        // the other calls lost their connection, as when the process dies: CLOSED, so the gateway replaces the member
                        inbox.closed(new McpClientException(McpClientException.Reason.CLOSED, why));
                        return;
                    }
                    String which = scanner.id() == null ? "" : scanner.hasMethod() ? " (its request " + scanner.id() + ")"
                            : " answering request " + scanner.id();
                    refuse(inbox, scanner, new McpClientException(McpClientException.Reason.TOO_LARGE, "the server sent a message of "
                            + size + " bytes" + which + ", over the limit of " + maxMessageBytes + " bytes; it was skipped"));
                } else if (!blank(line)) {
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

    /** A response fails the call it answers; a request of the server's is answered with an error; anything else is counted. */
    private static void refuse(Inbox inbox, ResponseIdScanner scanner, McpClientException cause) {
        if (scanner.hasMethod() && scanner.id() != null) inbox.refusedRequest(scanner.id(), cause);
        else inbox.refused(scanner.hasMethod() ? null : scanner.id(), cause);
    }

    private static boolean blank(byte[] line) {
        for (byte b : line) if (b != ' ' && b != '\t' && b != '\r') return false;
        return true;
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
                    "cannot write to the server: " + e.getMessage() + exitStatus(), e, true); // its stdin is gone: it cannot read this
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
