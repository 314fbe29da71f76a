package dev.switchboard.client;

import dev.switchboard.mcp.protocol.RequestId;
import java.nio.charset.StandardCharsets;

/*
 * Finds the top-level "id" of one JSON object fed a byte at a time, holding nothing of the rest.
 * Why: a stdio line past the size limit is skipped, not parsed, yet the call it answers must fail
 * at once with the reason rather than wait out its timeout. Servers put "id" before or after the
 * result (the TypeScript SDK writes it last), so the whole line passes through here as it is
 * skipped. Only depth, string and escape state are tracked; member names at depth 1 are collected
 * (short), and the value after "id" is kept when it is a string or a number of sane length.
 */
final class ResponseIdScanner implements BoundedLines.ByteSink {
    private static final int MAX_TOKEN = 256;

    private int depth;
    private boolean inString, escaped, expectKey, afterIdColon, idIsNext, topObject, hasMethod;
    private final StringBuilder token = new StringBuilder();
    private boolean collecting;
    private RequestId id;

    /** Feeds every byte of {@code bytes}. */
    ResponseIdScanner feed(byte[] bytes) {
        for (byte b : bytes) accept(b);
        return this;
    }

    /** The top-level id seen so far, or null. */
    RequestId id() {
        return id;
    }

    /** True when the object has a top-level "method": a request or notification of the server's, whose id is in the server's own id space. */
    boolean hasMethod() {
        return hasMethod;
    }

    @Override
    public void accept(byte b) {
        char c = (char) (b & 0xff);
        if (inString) {
            if (escaped) {
                escaped = false;
                keep(c);
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
                endString();
            } else {
                keep(c);
            }
            return;
        }
        if (collecting) {
            if (c == '-' || c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+') {
                if (token.length() < MAX_TOKEN) token.append(c);
                return;
            }
            endNumber();
        }
        switch (c) {
            case '{', '[' -> {
                if (depth == 0) topObject = c == '{';
                depth++;
                expectKey = c == '{' && depth == 1;
                idIsNext = false;
            }
            case '}', ']' -> depth--;
            case ',' -> expectKey = depth == 1 && topObject;
            case ':' -> {
                if (depth == 1 && topObject) {
                    expectKey = false;
                    afterIdColon = idIsNext;
                    idIsNext = false;
                }
            }
            case '"' -> {
                inString = true;
                collecting = depth == 1 && (expectKey || afterIdColon);
                token.setLength(0);
            }
            default -> {
                if (afterIdColon && (c == '-' || c >= '0' && c <= '9')) {
                    collecting = true;
                    token.setLength(0);
                    token.append(c);
                } else if (afterIdColon && c > ' ') {
                    afterIdColon = false; // null, true, false: no id to match
                }
            }
        }
    }

    private void keep(char c) {
        if (collecting && token.length() < MAX_TOKEN) token.append(c);
        else collecting = false;
    }

    private void endString() {
        if (!collecting) {
            afterIdColon = false;
            return;
        }
        collecting = false;
        String text = new String(token.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        if (afterIdColon) {
            afterIdColon = false;
            id = RequestId.of(text);
        } else if (expectKey) {
            idIsNext = text.equals("id");
            hasMethod |= text.equals("method");
        }
    }

    private void endNumber() {
        collecting = false;
        afterIdColon = false;
        try {
            id = RequestId.of(Long.parseLong(token.toString()));
        } catch (NumberFormatException e) {
            // a fractional or huge id: no request of ours carries one
        }
    }
}
