package dev.switchboard.ops;

import dev.switchboard.mcp.RequestObserver;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * A JSON-lines access log: one line per request with its time, method, tool, outcome, latency and
 * session. Lines are queued and written by one virtual thread, so a slow disk never slows a
 * request; when the queue is full a line is dropped and counted ({@link #dropped}).
 */
final class AccessLog implements RequestObserver, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AccessLog.class.getName());
    private static final int QUEUE = 65_536;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE);
    private final LongAdder dropped = new LongAdder();
    private final Writer out;
    private final Thread writer;
    private volatile boolean closed;

    private AccessLog(Writer out) {
        this.out = out;
        this.writer = Thread.ofVirtual().name("access-log").start(this::drain);
    }

    /** Appends to {@code file}, or writes to stderr when it is empty. */
    static AccessLog open(String file) throws IOException {
        Writer w = file.isEmpty()
                ? new OutputStreamWriter(System.err, StandardCharsets.UTF_8)
                : Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new AccessLog(new BufferedWriter(w, 64 * 1024));
    }

    @Override
    public Observation onStart(Request request) {
        return (outcome, code, nanos) -> {
            StringBuilder b = new StringBuilder(160).append("{\"time\":\"").append(Instant.now()).append("\",\"method\":");
            quote(b, request.method()).append(",\"tool\":");
            quote(b, request.tool()).append(",\"outcome\":");
            quote(b, Outcomes.label(outcome, code));
            if (code != 0) b.append(",\"code\":").append(code);
            b.append(",\"latencyMs\":").append(Math.round(nanos / 1_000.0) / 1_000.0).append(",\"session\":");
            quote(b, request.sessionId()).append('}');
            if (!lines.offer(b.toString())) dropped.increment();
        };
    }

    long dropped() {
        return dropped.sum();
    }

    private static StringBuilder quote(StringBuilder b, String s) {
        if (s == null) return b.append("null");
        b.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, b);
        return b.append('"');
    }

    private void drain() {
        try {
            while (!closed || !lines.isEmpty()) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) continue;
                out.write(line);
                out.write('\n');
                // write what else is queued, then flush once: one flush per burst, not per line
                while ((line = lines.poll()) != null) {
                    out.write(line);
                    out.write('\n');
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "the access log stopped: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        writer.join(2_000);
        try {
            out.flush();
        } catch (IOException ignored) {
            // the log's sink is gone; nothing left to tell
        }
    }
}
