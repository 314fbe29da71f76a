package dev.switchboard.transport;

import dev.switchboard.mcp.Principal;
import dev.switchboard.mcp.spi.Exchange;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
    private final HttpHeaders requestHeaders;
    private final Map<String, String> responseHeaders;
    private final Supplier<SseStream> newStream;
    private final RequestTurns turns;
    private final boolean primes;
    private final Era era;
    private final Principal principal;
    private final Authenticator authenticator;
    private Map<String, List<String>> headers;
    private State state = State.NEW;
    private boolean released;
    private SseStream stream;
    private ChannelFutureListener abortWatch;

    /**
     * @param requestHeaders   the request's headers (not reference-counted, so they outlive the request)
     * @param responseHeaders  headers every response carries (the session id after initialize)
     * @param newStream        makes (and registers) the SSE stream when the reply becomes one
     * @param turns            the connection's turns: the next request is served once the reply is complete
     * @param primes           the client skips empty-data events (2025-11-25 and later): an SSE reply
     *                         starts with a priming event, and {@link #closeStream} may let go of the connection
     * @param era              the stateless era maps JSON-RPC error codes to HTTP statuses; the session era answers 200
     */
    HttpExchange(Channel channel, HttpHeaders requestHeaders, Map<String, String> responseHeaders, Supplier<SseStream> newStream,
                 RequestTurns turns, boolean primes, Era era) {
        this(channel, requestHeaders, responseHeaders, newStream, turns, primes, era, null, null);
    }

    /**
     * @param principal     who sent the request ({@code null} without authentication)
     * @param authenticator answers a scope refusal with its 403 challenge ({@code null} without authentication)
     */
    HttpExchange(Channel channel, HttpHeaders requestHeaders, Map<String, String> responseHeaders, Supplier<SseStream> newStream,
                 RequestTurns turns, boolean primes, Era era, Principal principal, Authenticator authenticator) {
        this.principal = principal;
        this.authenticator = authenticator;
        this.channel = channel;
        this.requestHeaders = requestHeaders;
        this.responseHeaders = responseHeaders;
        this.newStream = newStream;
        this.turns = turns;
        this.primes = primes;
        this.era = era;
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
        // an id to resume from even if the connection drops before the first real event
        if (primes) stream.prime(SseStream.RETRY_MILLIS);
    }

    /**
     * SSE polling. Ignored for clients before 2025-11-25: they cannot take the priming event that
     * tells them where to resume, so their stream simply stays open (closing is only a MAY).
     */
    @Override
    public synchronized void closeStream() {
        if (state == State.DONE || released || !primes) return;
        if (state == State.NEW) startStream();
        else stream.prime(SseStream.RETRY_MILLIS); // where to resume, and how long to wait before reconnecting
        stream.release();
        stopWatching(); // the client will come back for the rest: a closing connection is not an abort now
        // the connection is free again; the stream lives on in the registry for resumption
        turns.done();
        released = true;
    }

    /** An error that is the whole answer gets its era's status, and {@code Retry-After} when the client should retry. */
    @Override
    public synchronized void respondError(byte[] response, int code) {
        if (state != State.NEW) {
            respond(response);
            return;
        }
        respondWith(era == Era.STATELESS ? JsonRpcStatus.stateless(code) : HttpResponseStatus.OK, response, JsonRpcStatus.retryLater(code));
    }

    /** 403 with the authenticator's {@code insufficient_scope} challenge, when the answer has not started. */
    @Override
    public synchronized void refuseScope(byte[] response, int code, List<String> scopes) {
        if (state != State.NEW || authenticator == null) {
            respondError(response, code);
            return;
        }
        Authenticator.Verdict.Refused refusal = authenticator.insufficientScope(scopes);
        FullHttpResponse r = HttpResponses.json(channel.alloc(), HttpResponseStatus.valueOf(refusal.status()), response);
        responseHeaders.forEach((k, v) -> r.headers().set(k, v));
        refusal.headers().forEach((k, v) -> r.headers().set(k, v));
        OrderedWrites.write(channel, r);
        end();
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public synchronized void respond(byte[] response) {
        respondWith(HttpResponseStatus.OK, response, false);
    }

    private void respondWith(HttpResponseStatus status, byte[] response, boolean retryLater) {
        switch (state) {
            case NEW -> {
                FullHttpResponse r = HttpResponses.json(channel.alloc(), status, response);
                responseHeaders.forEach((k, v) -> r.headers().set(k, v));
                if (retryLater) JsonRpcStatus.retryAfter(r);
                endWith(r);
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
                FullHttpResponse r = HttpResponses.empty(HttpResponseStatus.ACCEPTED);
                responseHeaders.forEach((k, v) -> r.headers().set(k, v));
                endWith(r);
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
        stopWatching();
        if (!released) turns.done();
    }

    /** A whole reply (never released: only a stream is): its write and the connection's next turn in one event-loop task. */
    private void endWith(FullHttpResponse r) {
        state = State.DONE;
        stopWatching();
        OrderedWrites.writeWhole(channel, r, turns::doneOnLoop);
    }

    /**
     * The connection closing before the answer is the client going away. The watch is removed as
     * soon as the exchange ends, so a keep-alive connection does not collect one per request.
     */
    @Override
    public synchronized void onAbort(Runnable action) {
        if (state == State.DONE || released || abortWatch != null) return;
        abortWatch = f -> aborted(action);
        channel.closeFuture().addListener(abortWatch);
    }

    private void aborted(Runnable action) {
        synchronized (this) {
            if (state == State.DONE || released) return;
            state = State.DONE; // nothing more can reach this client; later answers are dropped
            abortWatch = null;
        }
        action.run();
    }

    private void stopWatching() {
        if (abortWatch != null) {
            channel.closeFuture().removeListener(abortWatch);
            abortWatch = null;
        }
    }

    /** Straight from Netty's headers (case-insensitive), without building the map below. */
    @Override
    public String header(String name) {
        return requestHeaders.get(name);
    }

    /** Built on first use: most requests never ask, and the copy would cost every one of them. */
    @Override
    public synchronized Map<String, List<String>> headers() {
        if (headers == null) {
            Map<String, List<String>> byName = new HashMap<>();
            for (Map.Entry<String, String> e : requestHeaders)
                byName.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(e.getValue());
            headers = Collections.unmodifiableMap(byName);
        }
        return headers;
    }
}
