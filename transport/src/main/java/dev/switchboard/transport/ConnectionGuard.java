package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpServerCodec;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.StringNode;

/**
 * The front of every HTTP pipeline we build (the MCP listener and the ops admin listener): the
 * connection caps, the header/body/idle deadlines, the bound on unsent output, and the HTTP codec
 * between them. One guard per listener, since it holds that listener's connection counts.
 *
 * <pre>{@code
 * ConnectionGuard guard = ConnectionGuard.create(ConnectionSettings.defaults());
 * // in a ChannelInitializer:
 * guard.install(channel.pipeline());   // then add the keep-alive handler, an aggregator, your handlers
 * }</pre>
 *
 * <p>Each connection it closes for a reason (a deadline, a slow reader, a cap) is logged once, on
 * the {@code dev.switchboard.transport.connections} logger, at most a burst of 20 lines and then 5
 * a second; what is dropped is counted in the next line. Each is also counted, unthrottled, in
 * {@link #traffic()} by {@link ConnectionClosure}.
 */
public final class ConnectionGuard {
    /** Low and high watermarks of every connection's outbound buffer; above high a channel is unwritable. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 256 * 1024);
    private static final RateLimitedLog LOG = new RateLimitedLog(System.getLogger("dev.switchboard.transport.connections"), 5, 20);

    private final ConnectionSettings settings;
    private final ConnectionAdmission admission;
    private final HttpTraffic traffic;

    private ConnectionGuard(ConnectionSettings settings, HttpTraffic traffic) {
        this.settings = settings;
        this.traffic = traffic;
        this.admission = new ConnectionAdmission(settings, this);
    }

    /** A guard counting its refusals and cuts in a traffic object of its own (see {@link #traffic()}). */
    public static ConnectionGuard create(ConnectionSettings settings) {
        return new ConnectionGuard(settings, new HttpTraffic());
    }

    /** A guard counting its refusals and cuts in {@code traffic}, the listener's, which ops reports. */
    public static ConnectionGuard create(ConnectionSettings settings, HttpTraffic traffic) {
        return new ConnectionGuard(settings, traffic);
    }

    /** Where this guard counts the connections it refused and closed, by {@link ConnectionClosure}. */
    public HttpTraffic traffic() {
        return traffic;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** Connections admitted and open now. */
    public int openConnections() {
        return admission.open();
    }

    /** Adds the guards and the HTTP/1.1 server codec to the end of {@code p}, and sets the channel's write-buffer watermarks. */
    public void install(ChannelPipeline p) {
        p.channel().config().setWriteBufferWaterMark(WATER_MARK);
        ReadDeadlines deadlines = new ReadDeadlines(settings, this);
        p.addLast(admission, new SlowReaders(settings, this), deadlines, new HttpServerCodec(), deadlines.boundaries());
    }

    /** Counts and logs (rate-limited) that {@code ch} is being closed and why, then closes it. */
    void close(Channel ch, ConnectionClosure why, Level level, String reason) {
        log(ch, why, level, reason);
        ch.close();
    }

    /** Counts {@code why} and logs (rate-limited) a line about {@code ch}. */
    void log(Channel ch, ConnectionClosure why, Level level, String reason) {
        traffic.countClosed(why);
        LOG.log(level, () -> "closing connection from " + ch.remoteAddress() + ": " + reason);
    }

    /**
     * Writes a complete HTTP/1.1 answer as raw bytes from {@code ctx} toward the socket: for
     * connections refused or cut before any response of theirs is under way, where the codec has
     * nothing of ours to encode. The body is a JSON-RPC error naming the setting, as the MCP
     * endpoint's refusals do; the answer says {@code Connection: close}.
     */
    static ChannelFuture answer(ChannelHandlerContext ctx, int status, String statusText, String message, String extraHeaders) {
        String quoted = StringNode.valueOf(message).toString();
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":" + quoted + "}}").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 " + status + " " + statusText + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = ctx.alloc().buffer(head.length + body.length).writeBytes(head).writeBytes(body);
        return ctx.writeAndFlush(buf);
    }
}
