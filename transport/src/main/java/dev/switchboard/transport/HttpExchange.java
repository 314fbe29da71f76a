package dev.switchboard.transport;

import dev.switchboard.mcp.Exchange;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One POSTed request's answer. The first thing the engine hands over decides the shape: a response
 * first becomes a plain {@code application/json} reply; a related message first (progress, a log,
 * a server-to-client request) turns the reply into an SSE stream that carries the related messages
 * and ends with the response. Synchronized, because the engine calls from handler threads and the
 * order of calls must be the order on the wire.
 */
final class HttpExchange implements Exchange {
    private enum State { NEW, STREAMING, DONE }

    private final Channel channel;
    private final Map<String, List<String>> headers;
    private final Map<String, String> responseHeaders;
    private final Supplier<SseStream> newStream;
    private final Runnable done;
    private final boolean statusFromErrors;
    private State state = State.NEW;
    private boolean released;
    private SseStream stream;

    /**
     * @param responseHeaders headers every response carries (the session id after initialize)
     * @param newStream       makes (and registers) the SSE stream when the reply becomes one
     * @param done            runs once the reply is complete, to let the connection read again
     */
    HttpExchange(Channel channel, Map<String, List<String>> headers, Map<String, String> responseHeaders, Supplier<SseStream> newStream, Runnable done) {
        this(channel, headers, responseHeaders, newStream, done, false);
    }

    /** @param statusFromErrors map JSON-RPC error codes to HTTP statuses (the stateless era does) */
    HttpExchange(Channel channel, Map<String, List<String>> headers, Map<String, String> responseHeaders, Supplier<SseStream> newStream,
                 Runnable done, boolean statusFromErrors) {
        this.statusFromErrors = statusFromErrors;
        this.channel = channel;
        this.headers = headers;
        this.responseHeaders = responseHeaders;
        this.newStream = newStream;
        this.done = done;
    }

    @Override
    public synchronized void send(byte[] message) {
        switch (state) {
            case NEW -> {
                startStream();
                stream.event(message);
            }
            case STREAMING -> stream.event(message);
            case DONE -> { } // the request already ended (cancelled); late messages have nowhere to go
        }
    }

    private void startStream() {
        stream = newStream.get();
        OrderedWrites.write(channel, SseStream.head(responseHeaders));
        stream.attach(channel, () -> {});
        state = State.STREAMING;
    }

    @Override
    public synchronized void closeStream() {
        if (state == State.DONE) return;
        if (state == State.NEW) {
            startStream();
            // SSE polling: an id to resume from and how long to wait before reconnecting
            stream.prime(SseStream.RETRY_MILLIS);
        }
        stream.release();
        // the connection is free again; the stream lives on in the registry for resumption
        done.run();
        released = true;
    }

    @Override
    public synchronized void respondError(byte[] response, int code) {
        if (state == State.NEW && statusFromErrors) respondWith(statusFor(code), response);
        else respond(response);
    }

    /** The stateless era's statuses: unknown or removed method 404, a refused envelope or params 400. */
    static HttpResponseStatus statusFor(int code) {
        return switch (code) {
            case -32601 -> HttpResponseStatus.NOT_FOUND;
            case -32700, -32600, -32602, -32020, -32021, -32022 -> HttpResponseStatus.BAD_REQUEST;
            case -32000 -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            default -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    @Override
    public synchronized void respond(byte[] response) {
        respondWith(HttpResponseStatus.OK, response);
    }

    private void respondWith(HttpResponseStatus status, byte[] response) {
        switch (state) {
            case NEW -> {
                FullHttpResponse r = HttpErrors.json(channel.alloc(), status, response);
                responseHeaders.forEach((k, v) -> r.headers().set(k, v));
                OrderedWrites.write(channel, r);
                end();
            }
            case STREAMING -> {
                stream.event(response);
                stream.finish();
                end();
            }
            case DONE -> { }
        }
    }

    @Override
    public synchronized void abandon() {
        switch (state) {
            case NEW -> {
                FullHttpResponse r = HttpErrors.empty(HttpResponseStatus.ACCEPTED);
                responseHeaders.forEach((k, v) -> r.headers().set(k, v));
                OrderedWrites.write(channel, r);
                end();
            }
            case STREAMING -> {
                stream.finish();
                end();
            }
            case DONE -> { }
        }
    }

    private void end() {
        state = State.DONE;
        if (!released) done.run();
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }
}
