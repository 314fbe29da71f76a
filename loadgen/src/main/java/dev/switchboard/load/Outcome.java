package dev.switchboard.load;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * How one request ended: {@code null} for success, else the kind of error as it is counted in the
 * report ("http 503", "json-rpc error", "tool error", "timeout", "closed", "connect").
 */
final class Outcome {
    private Outcome() {}

    /** The error kind of a JSON-RPC answer, or null when it succeeded. */
    static String of(HttpReply reply, boolean jsonRpc) {
        if (reply.status() >= 300) return "http " + reply.status();
        if (!jsonRpc) return null;
        byte[] b = reply.body();
        if (reply.status() == 202) return null;
        if (contains(b, "\"error\":{") || contains(b, "\"error\" : {")) return "json-rpc error";
        if (contains(b, "\"isError\":true")) return "tool error";
        if (!contains(b, "\"result\"")) return "no result";
        return null;
    }

    /** Whether a tools/call answer is a CreateTaskResult (a task was created) rather than the tool's own result. */
    static boolean createdTask(HttpReply reply) {
        return contains(reply.body(), "\"taskId\"");
    }

    static String of(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return switch (e) {
            case TimeoutException t -> "timeout";
            case ClosedChannelException c -> "closed";
            case ConnectException c -> "connect";
            case RefusedException r -> r.kind();
            default -> e.getClass().getSimpleName();
        };
    }

    private static boolean contains(byte[] haystack, String needle) {
        int n = needle.length();
        outer:
        for (int i = 0, last = haystack.length - n; i <= last; i++) {
            for (int j = 0; j < n; j++) if (haystack[i + j] != needle.charAt(j)) continue outer;
            return true;
        }
        return false;
    }

    /** A step that got an answer, but not the one it needed (session setup refused, …). */
    static final class RefusedException extends RuntimeException {
        private final String kind;

        RefusedException(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        String kind() {
            return kind;
        }
    }
}
