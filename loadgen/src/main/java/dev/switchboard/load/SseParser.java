package dev.switchboard.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits a Server-Sent Events stream into the data of its events. Text arrives in arbitrary chunks;
 * an event ends at a blank line. Only {@code data:} lines matter to the generator (ids, retry and
 * comments are dropped); events with empty data (priming, keep-alive) are not delivered.
 */
final class SseParser {
    private final StringBuilder pending = new StringBuilder();
    private final Consumer<String> onData;

    SseParser(Consumer<String> onData) {
        this.onData = onData;
    }

    void feed(CharSequence chunk) {
        pending.append(chunk);
        int end;
        while ((end = eventEnd()) >= 0) {
            String event = pending.substring(0, end);
            pending.delete(0, end + (pending.charAt(end) == '\r' ? 4 : 2));
            String data = dataOf(event, new StringBuilder());
            if (!data.isEmpty()) onData.accept(data);
        }
    }

    private int eventEnd() {
        int lf = pending.indexOf("\n\n");
        int crlf = pending.indexOf("\r\n\r\n");
        if (lf < 0) return crlf;
        return crlf < 0 ? lf : Math.min(lf, crlf);
    }

    private static String dataOf(String event, StringBuilder data) {
        for (String line : event.split("\r?\n")) {
            if (!line.startsWith("data:")) continue;
            if (!data.isEmpty()) data.append('\n');
            data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
        }
        return data.toString();
    }

    /** The data of every event in a complete stream body. */
    static List<String> dataOf(String body) {
        List<String> out = new ArrayList<>();
        SseParser parser = new SseParser(out::add);
        parser.feed(body);
        parser.feed("\n\n");
        return out;
    }
}
