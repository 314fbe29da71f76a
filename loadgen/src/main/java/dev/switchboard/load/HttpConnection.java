package dev.switchboard.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One keep-alive HTTP/1.1 connection with at most one request in flight, which is how every
 * scenario drives it: the next request goes out when the previous answer is complete. All state
 * is touched on the channel's event loop only, so there are no locks; {@link #send} hops onto
 * the loop when called from elsewhere. Timeouts are not a timer per request (scheduling and
 * cancelling one costs more than the request): the client sweeps its connections every 100 ms
 * and reads the one volatile field, {@code sentAt}.
 *
 * <p>A connection can instead carry one endless SSE stream ({@link #openStream}): then the body is
 * never collected, each event's data goes to a listener as it arrives.
 */
final class HttpConnection extends SimpleChannelInboundHandler<HttpObject> {
    private static final byte[] EMPTY = new byte[0];
    private final Channel channel;
    private final Duration timeout;
    private BiConsumer<HttpReply, Throwable> pending;
    private volatile long sentAt;
    private int status;
    private String sessionId;
    private String contentType;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(512);
    private byte[] single; // the body when it came in one piece, the usual case: no second copy
    private CompletableFuture<Integer> streamOpened;
    private SseParser stream;

    HttpConnection(Channel channel, Duration timeout) {
        this.channel = channel;
        this.timeout = timeout;
    }

    Channel channel() {
        return channel;
    }

    boolean isOpen() {
        return channel.isActive();
    }

    /** Sends {@code request} and completes with the whole answer; fails on timeout or close. */
    CompletableFuture<HttpReply> send(Requests.Raw request) {
        CompletableFuture<HttpReply> reply = new CompletableFuture<>();
        send(request, (r, e) -> {
            if (e != null) reply.completeExceptionally(e);
            else reply.complete(r);
        });
        return reply;
    }

    /** Sends {@code request}; {@code onReply} gets the whole answer, or the failure (timeout, close), on the event loop. */
    void send(Requests.Raw request, BiConsumer<HttpReply, Throwable> onReply) {
        if (channel.eventLoop().inEventLoop()) start(request, onReply);
        else channel.eventLoop().execute(() -> start(request, onReply));
    }

    private void start(Requests.Raw request, BiConsumer<HttpReply, Throwable> reply) {
        if (pending != null || stream != null) {
            reply.accept(null, new IllegalStateException("a request is already in flight on this connection"));
            return;
        }
        if (!channel.isActive()) {
            reply.accept(null, new ClosedChannelException());
            return;
        }
        pending = reply;
        sentAt = System.nanoTime();
        channel.writeAndFlush(request.encode(channel.alloc()), channel.voidPromise());
    }

    /**
     * Sends a GET that answers with an event stream; completes with the status once the headers
     * arrive, then hands each event's data to {@code onData} until the connection closes. Some
     * servers (the Java SDK's servlet transport) send no headers until their first event: when
     * nothing has come back after {@code grace} and the connection is open, the stream counts as
     * held and completes with status 0. It fails on close, or when nothing came within the timeout
     * and no grace was given.
     */
    CompletableFuture<Integer> openStream(Requests.Raw request, Duration grace, Consumer<String> onData) {
        CompletableFuture<Integer> opened = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (pending != null || stream != null || !channel.isActive()) {
                opened.completeExceptionally(new IllegalStateException("connection busy or closed"));
                return;
            }
            streamOpened = opened;
            stream = new SseParser(onData);
            sentAt = System.nanoTime();
            channel.writeAndFlush(request.encode(channel.alloc()), channel.voidPromise());
            if (grace != null) channel.eventLoop().schedule(() -> {
                if (streamOpened == opened && channel.isActive()) {
                    streamOpened = null;
                    sentAt = 0;
                    opened.complete(0);
                }
            }, grace.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        });
        return opened;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
            sessionId = response.headers().get("Mcp-Session-Id");
            contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
            body.reset();
            single = null;
            if (streamOpened != null) {
                sentAt = 0;
                streamOpened.complete(status);
                streamOpened = null;
            }
        }
        if (msg instanceof HttpContent content) {
            ByteBuf bytes = content.content();
            if (stream != null) stream.feed(bytes.toString(StandardCharsets.UTF_8));
            else if (bytes.isReadable()) {
                byte[] chunk = io.netty.buffer.ByteBufUtil.getBytes(bytes);
                if (single == null && body.size() == 0) single = chunk;
                else {
                    if (single != null) body.writeBytes(single);
                    single = null;
                    body.writeBytes(chunk);
                }
            }
            if (msg instanceof LastHttpContent) finish();
        }
    }

    private void finish() {
        if (stream != null) {
            stream = null;
            return;
        }
        BiConsumer<HttpReply, Throwable> reply = pending;
        pending = null;
        sentAt = 0;
        byte[] bytes = single != null ? single : body.size() == 0 ? EMPTY : body.toByteArray();
        single = null;
        if (reply != null) reply.accept(new HttpReply(status, sessionId, contentType, bytes), null);
    }

    /** Called by the client's sweeper from any thread: fails the request in flight if it is overdue. */
    void checkTimeout(long now) {
        long since = sentAt;
        if (since != 0 && now - since > timeout.toNanos()) channel.eventLoop().execute(() -> {
            if (sentAt == since) expire();
        });
    }

    private void expire() {
        if (streamOpened != null) {
            sentAt = 0;
            streamOpened.completeExceptionally(new TimeoutException("no stream headers within " + timeout.toMillis() + " ms"));
            streamOpened = null;
            channel.close();
            return;
        }
        BiConsumer<HttpReply, Throwable> reply = pending;
        if (reply == null) return;
        pending = null;
        sentAt = 0;
        // the answer may still come; the connection cannot be reused safely after a timeout
        channel.close();
        reply.accept(null, new TimeoutException("no answer within " + timeout.toMillis() + " ms"));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        BiConsumer<HttpReply, Throwable> reply = pending;
        pending = null;
        sentAt = 0;
        if (reply != null) reply.accept(null, new ClosedChannelException());
        if (streamOpened != null) streamOpened.completeExceptionally(new ClosedChannelException());
        streamOpened = null;
        stream = null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    void close() {
        channel.close();
    }
}
