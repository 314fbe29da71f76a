package dev.switchboard.load;

import java.nio.charset.StandardCharsets;

/**
 * One complete HTTP answer as the generator sees it. The body stays bytes until someone asks: most
 * answers are only classified ({@link Outcome#of}), which scans bytes without decoding them.
 */
record HttpReply(int status, String sessionId, String contentType, byte[] body) {
    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isEventStream() {
        return contentType != null && contentType.startsWith("text/event-stream");
    }

    /** The JSON-RPC message: the body itself, or the data of the last SSE event that carries one. */
    String message() {
        if (!isEventStream()) return text();
        String last = "";
        for (String data : SseParser.dataOf(text())) if (!data.isBlank()) last = data;
        return last;
    }
}
