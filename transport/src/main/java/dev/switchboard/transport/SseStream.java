package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server-sent-events stream: a POST's response stream or a session's standalone GET stream.
 *
 * <p>Each event gets the id {@code <streamId>/<seq>}, so a {@code Last-Event-ID} names both the
 * stream and the position, and a reconnecting client gets exactly that stream's missed events from
 * the bounded replay buffer. The stream outlives its connection: events written while no
 * connection is attached are only buffered, and a resumed connection continues where it left off.
 * A client that reads too slowly is disconnected by the connection's {@link SlowReaders} guard
 * rather than buffered without bound; it can resume. Every method is synchronized: events come
 * from handler threads, keep-alives from the event loop, and their order on the wire must be one.
 */
final class SseStream {
    private static final System.Logger LOG = System.getLogger(SseStream.class.getName());
    /** The reconnection delay the priming event asks clients to wait. */
    static final long RETRY_MILLIS = 1_000;
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private record Event(long seq, byte[] frame) {}

    final String id;
    final String sessionId;
    private final int replayCapacity;
    private final Duration keepAlive;
    /** Made by the first event: an idle session's stream may never carry one. */
    private ArrayDeque<Event> replay;
    private long seq;
    /** The last event before this node's part of the stream (a stream taken over from another node); 0 otherwise. */
    private long takenOverAt;
    private Channel channel;
    private boolean finished;
    private long lastWriteNanos = System.nanoTime();
    private ScheduledFuture<?> keepAliveTask;
    private Runnable onDetach = () -> {};
    /** Where a cluster's journal feeds this stream from; null on a single node. */
    private AutoCloseable feed;

    SseStream(String id, String sessionId, int replayCapacity, Duration keepAlive) {
        this.id = id;
        this.sessionId = sessionId;
        this.replayCapacity = replayCapacity;
        this.keepAlive = keepAlive;
    }

    static HttpResponse head(Map<String, String> extraHeaders) {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_EVENT_STREAM)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        extraHeaders.forEach((k, v) -> r.headers().set(k, v));
        return r;
    }

    /** Attaches {@code ch} (whose response head is already written) and starts keep-alives. */
    synchronized void attach(Channel ch, Runnable detached) {
        this.channel = ch;
        this.onDetach = detached;
        ch.closeFuture().addListener(f -> detach(ch));
        // a resumed stream replaces its previous connection, whose keep-alives must stop with it
        if (keepAliveTask != null) keepAliveTask.cancel(false);
        long period = keepAlive.toMillis();
        keepAliveTask = ch.eventLoop().scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
    }

    private synchronized void detach(Channel ch) {
        if (channel != ch) return;
        channel = null;
        if (keepAliveTask != null) keepAliveTask.cancel(false);
        onDetach.run();
    }

    /**
     * The priming event: the current position as an id, empty data, and the reconnection delay.
     * At the start of a stream it lets a client resume before the first real event; before the
     * server lets go of the connection (SSE polling) it tells the client where to resume and when.
     * Its id names the last event already sent, so resuming from it replays nothing twice. Only
     * clients of 2025-11-25 and later skip events with empty data; callers check the version.
     */
    synchronized void prime(long retryMillis) {
        write(("id: " + id + "/" + seq + "\nretry: " + retryMillis + "\ndata: \n\n").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Ends the current connection's response but not the stream: later events are buffered for a
     * client that comes back with {@code Last-Event-ID} (SSE polling).
     */
    synchronized void release() {
        Channel ch = channel;
        if (ch == null) return;
        channel = null;
        if (keepAliveTask != null) keepAliveTask.cancel(false);
        if (ch.isActive()) OrderedWrites.write(ch, LastHttpContent.EMPTY_LAST_CONTENT);
        onDetach.run();
    }

    /**
     * This stream continues one another node of a cluster held, whose last event was {@code lastSeq}:
     * the next event is {@code lastSeq + 1}, and events up to {@code lastSeq} are not buffered here.
     */
    synchronized void continueAfter(long lastSeq) {
        seq = lastSeq;
        takenOverAt = lastSeq;
    }

    /** Whether the events after {@code afterSeq} are this node's to replay (not sent by another node before a take-over). */
    synchronized boolean replaysAfter(long afterSeq) {
        return afterSeq >= takenOverAt;
    }

    /** Sends one JSON-RPC message as an event; returns its id. */
    synchronized String event(byte[] json) {
        long s = ++seq;
        String eventId = id + "/" + s;
        byte[] frame = frame(eventId, json);
        if (replayCapacity > 0) {
            if (replay == null) replay = new ArrayDeque<>(Math.min(replayCapacity, 8));
            if (replay.size() == replayCapacity) replay.pollFirst();
            replay.addLast(new Event(s, frame));
        }
        write(frame);
        return eventId;
    }

    /**
     * Sends one JSON-RPC message as the event at {@code position} of a cluster's journal (a stream
     * fed by the journal: positions increase, with gaps); one at or before the last is skipped.
     */
    synchronized void eventAt(long position, byte[] json) {
        if (position <= seq || finished) return;
        seq = position;
        String eventId = id + "/" + position;
        byte[] frame = frame(eventId, json);
        if (replayCapacity > 0) {
            if (replay == null) replay = new ArrayDeque<>(Math.min(replayCapacity, 8));
            if (replay.size() == replayCapacity) replay.pollFirst();
            replay.addLast(new Event(position, frame));
        }
        write(frame);
    }

    /** The journal feed of this stream (a cluster's), closed when the stream finishes. */
    synchronized void fedBy(AutoCloseable feed) {
        if (finished) close(feed);
        else this.feed = feed;
    }

    private static void close(AutoCloseable feed) {
        try {
            feed.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a journal feed: " + e.getMessage());
        }
    }

    private static byte[] frame(String eventId, byte[] json) {
        byte[] prefix = ("id: " + eventId + "\nevent: message\ndata: ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[prefix.length + json.length + 2];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(json, 0, frame, prefix.length, json.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    private void write(byte[] frame) {
        Channel ch = channel;
        // a client too slow for its events is cut, and logged once, by the connection's SlowReaders
        if (ch == null || !ch.isActive()) return;
        ByteBuf buf = ch.alloc().buffer(frame.length).writeBytes(frame);
        OrderedWrites.write(ch, new DefaultHttpContent(buf));
        lastWriteNanos = System.nanoTime();
    }

    private synchronized void keepAlive() {
        if (finished || channel == null) return;
        if (System.nanoTime() - lastWriteNanos >= keepAlive.toNanos() / 2) write(KEEP_ALIVE);
    }

    /** Ends the stream: the response completes and the connection is free for the next request. */
    synchronized void finish() {
        finished = true;
        if (feed != null) close(feed);
        feed = null;
        Channel ch = channel;
        if (ch != null && ch.isActive()) OrderedWrites.write(ch, LastHttpContent.EMPTY_LAST_CONTENT);
        if (keepAliveTask != null) keepAliveTask.cancel(false);
        channel = null;
        onDetach.run();
    }

    /** Whether a live connection is attached now. */
    synchronized boolean attached() {
        return channel != null && channel.isActive();
    }

    synchronized boolean finished() {
        return finished;
    }

    /**
     * Replays to {@code ch} the events after {@code afterSeq}; if the stream is finished the
     * response then ends (and {@code detached} runs), otherwise {@code ch} becomes the stream's
     * connection.
     */
    synchronized void resume(Channel ch, long afterSeq, Runnable detached) {
        if (channel != null && channel != ch) channel.close();
        long firstKept = replay == null || replay.isEmpty() ? seq + 1 : replay.peekFirst().seq();
        if (firstKept > afterSeq + 1 && afterSeq < seq)
            // nothing is lost silently: the client asked for events the bounded buffer no longer holds
            LOG.log(System.Logger.Level.WARNING, "SSE stream " + id + " of session " + sessionId + " resumed after event " + afterSeq
                    + " but events " + (afterSeq + 1) + ".." + (firstKept - 1) + " are no longer buffered (http.replayEvents = "
                    + replayCapacity + ")");
        if (replay != null) for (Event e : replay) {
            if (e.seq() <= afterSeq) continue;
            ch.write(new DefaultHttpContent(ch.alloc().buffer(e.frame().length).writeBytes(e.frame())));
        }
        if (finished) {
            ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            detached.run();
            return;
        }
        ch.flush();
        attach(ch, detached);
    }
}
