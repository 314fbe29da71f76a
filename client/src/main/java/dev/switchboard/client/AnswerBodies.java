package dev.switchboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/*
 * Reading and judging the body of an HTTP answer for ClientHttp: bounded by the client's message
 * limit, and described in errors by an excerpt rather than whole (an HTML error page can be long).
 */
final class AnswerBodies {
    private AnswerBodies() {}

    /** A body under a wrong Content-Type that may still be the JSON answer (sloppy servers send text/plain): it is tried. */
    static boolean startsLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == '{' || b == '[') return true;
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return false;
        }
        return false;
    }

    /** The first 200 characters, white space folded, and the size: what an error shows of a body. */
    static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return "'" + text + (body.length > 200 ? "…'" : "'") + " (" + body.length + " bytes)";
    }

    /**
     * A whole JSON body: exactly Content-Length bytes when the server gave it (reading to the end
     * in 8 KB steps allocated 8 KB and a copy per answer, half of a gateway call's garbage), else
     * to the end, or null when that passes the limit (only the limit and a byte are read).
     */
    static byte[] read(InputStream body, long length, int maxMessageBytes) {
        try (body) {
            if (length >= 0) return body.readNBytes((int) length);
            byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxMessageBytes + 1L));
            return read.length > maxMessageBytes ? null : read;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static void closeUnread(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // dropped either way
        }
    }

    /** A Content-Length header's value, or -1 when absent or not a number. */
    static long length(String contentLength) {
        try {
            return contentLength == null ? -1 : Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean blank(byte[] body) {
        for (byte b : body) if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return false;
        return true;
    }
}
