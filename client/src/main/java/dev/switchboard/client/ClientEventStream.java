package dev.switchboard.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} body as the WHATWG HTML spec defines it: {@code field: value}
 * lines, several {@code data} lines joined with newlines, a blank line ending each event, lines
 * starting with {@code :} ignored, {@code \n}, {@code \r\n} and {@code \r} all ending a line.
 *
 * <p>The last event id outlives the event that set it, as in a browser, because it is what a
 * reconnect sends in {@code Last-Event-ID}. Events whose data is blank are not returned (a browser
 * would dispatch {@code data:} alone as an empty message): MCP servers send one with only an id to
 * prime that reconnect, and there is nothing in it to process.
 *
 * <p>An event whose data passes the client's message limit is not held: {@link #next} throws
 * {@link TooLarge} once the limit is crossed, with only the limit's worth read.
 */
final class ClientEventStream implements Closeable {

    /**
     * One event.
     *
     * @param id   the last event id seen on the stream so far, or null
     * @param type the {@code event} field, {@code "message"} when absent
     * @param data the data lines joined with {@code \n}
     */
    record Event(String id, String type, String data) {}

    /** An event larger than the limit; the stream is not read further. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private final InputStream body;
    private final BoundedLines lines;
    private final int maxEventBytes;
    private String lastEventId;
    private long retryMillis = -1;
    /** True after {@link TooLarge} for a line cut off in the middle, whose rest {@link #skipEvent} reads first. */
    private boolean midLine;

    ClientEventStream(InputStream body) {
        this(body, ClientStdio.DEFAULT_MAX_MESSAGE_BYTES);
    }

    ClientEventStream(InputStream body, int maxEventBytes) {
        this.body = body;
        this.lines = new BoundedLines(body, maxEventBytes, true);
        this.maxEventBytes = maxEventBytes;
    }

    /** The next event with data, or null when the stream ends (an unterminated event is dropped). */
    Event next() throws IOException {
        StringBuilder data = new StringBuilder();
        String type = null;
        long dataBytes = 0;
        for (byte[] raw = lines.next(); raw != null; raw = lines.next()) {
            midLine = raw == BoundedLines.TOO_LONG;
            if (midLine || (dataBytes += raw.length) > maxEventBytes)
                throw new TooLarge("an event of more than " + maxEventBytes + " bytes (the limit per message)");
            String line = new String(raw, StandardCharsets.UTF_8);
            if (line.isEmpty()) {
                String payload = data.isEmpty() ? "" : data.substring(0, data.length() - 1);
                String eventType = type == null || type.isEmpty() ? "message" : type;
                data.setLength(0);
                type = null;
                dataBytes = 0;
                if (!payload.isBlank()) {
                    return new Event(lastEventId, eventType, payload);
                }
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(value(line, colon));
            switch (field) {
                case "data" -> data.append(value).append('\n');
                case "event" -> type = value;
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastEventId = value;
                    }
                }
                case "retry" -> {
                    if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9') && value.length() < 10) {
                        retryMillis = Long.parseLong(value);
                    }
                }
                default -> { } // unknown fields are ignored, as the spec says
            }
        }
        return null;
    }

    /**
     * After {@link TooLarge}: reads on to the end of that event without keeping it, so the stream
     * goes on with the next one (a standalone stream is better kept than reopened onto a replay of
     * the same event).
     *
     * @return false when the stream ended, or the event ran on past four times the limit, first
     */
    boolean skipEvent() throws IOException {
        long cap = 4L * maxEventBytes, seen = 0;
        if (midLine) {
            midLine = false;
            if ((seen = lines.skipRest(b -> {}, cap)) < 0) return false;
        }
        for (byte[] raw = lines.next(); raw != null; raw = lines.next()) {
            if (raw == BoundedLines.TOO_LONG) {
                long n = lines.skipRest(b -> {}, cap - seen);
                if (n < 0) return false;
                seen += n;
            } else if (raw.length == 0) {
                return true;
            } else if ((seen += raw.length) > cap) {
                return false;
            }
        }
        return false;
    }

    /** Where the value starts: after the colon and one optional space. */
    private static int value(String line, int colon) {
        return colon + 1 < line.length() && line.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1;
    }

    /** The last event id seen, or null; what a reconnect sends as {@code Last-Event-ID}. */
    String lastEventId() {
        return lastEventId;
    }

    /** The server's {@code retry} advice in milliseconds, or -1 when it gave none. */
    long retryMillis() {
        return retryMillis;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
