package dev.switchboard.transport;

import dev.switchboard.mcp.Principal;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionHost;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One session carried by one connection: a WebSocket, a TCP connection, or a legacy HTTP+SSE
 * stream. The connection is the session: it opens one when it starts and ends it when it closes.
 * Every message, in or out, is one whole JSON-RPC message; how it is framed on the wire (a text
 * frame, a line, an SSE event) is the transport's {@code out}. Requests of the stateless era
 * (their {@code _meta} names the version) are served beside the session, as over stdio.
 *
 * <p>What a client sends is decoded here, once, on the event loop; a message the codec cannot
 * read is answered with its JSON-RPC error and the session carries on.
 */
final class ConnectionSession {
    private final SessionHost host;
    private final JsonRpcCodec codec;
    private final ServerSession session;
    private final Channel channel;
    private final Consumer<byte[]> out;
    private final Map<String, List<String>> headers;
    private final AtomicInteger unanswered = new AtomicInteger();
    private final Exchange noReply;
    /** Who opened the connection (its handshake's token), or {@code null}; every request on it is theirs. */
    private final Principal principal;

    private ConnectionSession(SessionHost host, JsonRpcCodec codec, ServerSession session, Channel channel, Consumer<byte[]> out,
                              Map<String, List<String>> headers, Principal principal) {
        this.principal = principal;
        this.host = host;
        this.codec = codec;
        this.session = session;
        this.channel = channel;
        this.out = out;
        this.headers = headers;
        this.noReply = new ConnectionExchange(this, false);
    }

    /**
     * Opens a session for {@code channel} named {@code transport} (for metrics), whose messages
     * leave through {@code out}; {@code null} when the server's session cap is reached (the reason
     * goes to {@code refused}). The session ends when the channel closes.
     */
    static ConnectionSession open(SessionHost host, JsonRpcCodec codec, String transport, Channel channel, Consumer<byte[]> out,
                                  Map<String, List<String>> headers, Consumer<String> refused) {
        return open(host, codec, transport, channel, out, headers, null, refused);
    }

    /**
     * As {@link #open(SessionHost, JsonRpcCodec, String, Channel, Consumer, Map, Consumer)}, the session bound to
     * {@code principal} (the handshake's; {@code null} for none), as a Streamable HTTP session is bound to its initialize's.
     */
    static ConnectionSession open(SessionHost host, JsonRpcCodec codec, String transport, Channel channel, Consumer<byte[]> out,
                                  Map<String, List<String>> headers, Principal principal, Consumer<String> refused) {
        return switch (host.open(transport)) {
            case SessionHost.Opened.Full full -> {
                refused.accept(full.reason());
                yield null;
            }
            case SessionHost.Opened.Session opened -> {
                if (principal != null) opened.session().bindOwner(principal.subject());
                ConnectionSession s = new ConnectionSession(host, codec, opened.session(), channel, out, headers, principal);
                opened.session().attach(message -> {
                    if (!channel.isActive()) return false;
                    out.accept(message);
                    return true;
                });
                channel.closeFuture().addListener(f -> host.end(opened.session().id()));
                yield s;
            }
        };
    }

    String id() {
        return session.id();
    }

    /** Handles one message the client sent: {@code length} bytes of {@code bytes} from {@code offset}. */
    void receive(byte[] bytes, int offset, int length) {
        dispatch(codec.decode(bytes, offset, length));
    }

    /** Handles one decoded message; a failure is answered with its JSON-RPC error. */
    void dispatch(Decoded decoded) {
        session.touch();
        switch (decoded) {
            case Decoded.Failure f -> {
                if (f.replyExpected()) out.accept(codec.encodeError(f));
            }
            case Decoded.Request r when Era.of(r) == Era.STATELESS -> host.handleStateless(r, new ConnectionExchange(this, true));
            case Decoded.Request r -> session.handle(r, new ConnectionExchange(this, true));
            case Decoded.Batch b -> session.handle(b, noReply); // a 2025-03-26 batch: its answer is written, not counted
            case Decoded d -> session.handle(d, noReply);
        }
    }

    /** Refuses a message the transport could not take as one (too long, not text): a -32600 naming why. */
    void refuse(String reason) {
        out.accept(codec.encodeError(null, JsonRpc.Error.invalidRequest(reason)));
    }

    /** Requests handed to the engine and not answered yet. */
    int unanswered() {
        return unanswered.get();
    }

    void send(byte[] message) {
        out.accept(message);
    }

    Channel channel() {
        return channel;
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    Principal principal() {
        return principal;
    }

    /** The subject the session is bound to, or {@code null}. */
    String owner() {
        return session.owner();
    }

    void started() {
        unanswered.incrementAndGet();
    }

    void finished() {
        unanswered.decrementAndGet();
    }
}
