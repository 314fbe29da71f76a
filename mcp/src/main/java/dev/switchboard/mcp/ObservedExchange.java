package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Wraps a request's {@link Exchange} so the {@link RequestObserver} hears how it ended. The outcome
 * of a plain {@link #respond} is read from the encoded bytes: our encoder writes {@code jsonrpc},
 * {@code id}, then {@code result} or {@code error}, so the first {@code "error":{"code":} after the
 * id settles it without parsing the payload. A {@code tools/call} result whose top-level
 * {@code isError} is true ended as {@code tool_error}: the call failed although JSON-RPC succeeded.
 */
final class ObservedExchange implements Exchange {
    private static final byte[] ERROR_KEY = "\"error\":{\"code\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESULT_KEY = "\"result\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IS_ERROR_TRUE = "\"isError\":true".getBytes(StandardCharsets.US_ASCII);

    private final Exchange inner;
    private final RequestObserver.Observation observation;
    private final long started;
    private final boolean toolCall;

    private ObservedExchange(Exchange inner, RequestObserver.Observation observation, long started, boolean toolCall) {
        this.inner = inner;
        this.observation = observation;
        this.started = started;
        this.toolCall = toolCall;
    }

    /** {@code exchange} observed by {@code observer}, or {@code exchange} itself when nothing observes. */
    static Exchange observe(RequestObserver observer, Session session, Decoded.Request r, Exchange exchange) {
        if (observer == RequestObserver.NONE) return exchange;
        String tool = r.params() instanceof Tools.CallToolParams p ? p.name() : null;
        String traceparent = FeatureRequests.traceparent(r, exchange);
        String sessionId = session == null ? null : session.id();
        long started = System.nanoTime();
        return new ObservedExchange(exchange, observer.onStart(new RequestObserver.Request(r.method(), tool, sessionId, traceparent)), started,
                tool != null);
    }

    /** Opens the observation's scope on the handler's thread (see {@link RequestObserver.Observation#enter}). */
    static RequestObserver.Scope enter(Exchange exchange) {
        return exchange instanceof ObservedExchange observed ? observed.observation.enter() : RequestObserver.Scope.NONE;
    }

    /** Tells the observation of {@code exchange}, if it is observed, the request's context frame. */
    static void frame(Exchange exchange, ContextFrame frame) {
        if (exchange instanceof ObservedExchange observed) observed.observation.onFrame(frame);
    }

    @Override
    public void send(byte[] message) {
        inner.send(message);
    }

    @Override
    public void respond(byte[] response) {
        int code = errorCode(response);
        String outcome = code != 0 ? "error" : toolCall && toolFailed(response) ? "tool_error" : "ok";
        observation.onEnd(outcome, code, System.nanoTime() - started);
        inner.respond(response);
    }

    @Override
    public void respondError(byte[] response, int code) {
        observation.onEnd("error", code, System.nanoTime() - started);
        inner.respondError(response, code);
    }

    @Override
    public void refuseScope(byte[] response, int code, List<String> scopes) {
        observation.onEnd("error", code, System.nanoTime() - started);
        inner.refuseScope(response, code, scopes);
    }

    @Override
    public Principal principal() {
        return inner.principal();
    }

    @Override
    public void abandon() {
        observation.onEnd("cancelled", 0, System.nanoTime() - started);
        inner.abandon();
    }

    @Override
    public void closeStream() {
        inner.closeStream();
    }

    @Override
    public void onAbort(Runnable action) {
        inner.onAbort(action);
    }

    @Override
    public String header(String name) {
        return inner.header(name);
    }

    @Override
    public Map<String, List<String>> headers() {
        return inner.headers();
    }

    /** The error code of an encoded response, or 0 for a result. */
    static int errorCode(byte[] response) {
        int at = indexOf(response, ERROR_KEY, RESULT_KEY);
        if (at < 0) return 0;
        int i = at + ERROR_KEY.length;
        boolean negative = i < response.length && response[i] == '-';
        if (negative) i++;
        int code = 0;
        while (i < response.length && response[i] >= '0' && response[i] <= '9') code = code * 10 + (response[i++] - '0');
        return negative ? -code : code;
    }

    /**
     * True when the encoded response's {@code result} object has {@code "isError":true} at its own
     * level; the same key inside {@code content} or {@code structuredContent} does not count.
     */
    static boolean toolFailed(byte[] response) {
        int at = indexOf(response, RESULT_KEY, ERROR_KEY);
        if (at < 0) return false;
        int depth = 0;
        for (int i = at + RESULT_KEY.length; i < response.length; i++) {
            byte b = response[i];
            if (b == '"') {
                if (depth == 1 && startsWith(response, i, IS_ERROR_TRUE)) return true;
                i = endOfString(response, i);
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (--depth <= 0) return false;
            }
        }
        return false;
    }

    /** The index of the quote closing the string that opens at {@code open}. */
    private static int endOfString(byte[] bytes, int open) {
        for (int i = open + 1; i < bytes.length; i++) {
            if (bytes[i] == '\\') i++;
            else if (bytes[i] == '"') return i;
        }
        return bytes.length;
    }

    /** Where {@code key} first occurs, or -1 when {@code stop} occurs before it or neither does. */
    private static int indexOf(byte[] bytes, byte[] key, byte[] stop) {
        outer:
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '"' || (i > 0 && bytes[i - 1] == '\\')) continue;
            if (startsWith(bytes, i, stop)) return -1;
            for (int j = 0; j < key.length; j++) if (i + j >= bytes.length || bytes[i + j] != key[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) return false;
        for (int j = 0; j < prefix.length; j++) if (bytes[at + j] != prefix[j]) return false;
        return true;
    }
}
