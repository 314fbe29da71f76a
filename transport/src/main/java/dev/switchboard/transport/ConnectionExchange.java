package dev.switchboard.transport;

import dev.switchboard.mcp.spi.Exchange;
import io.netty.channel.ChannelFutureListener;
import java.util.List;
import java.util.Map;

/**
 * One request's answer on a connection that carries a whole session (WebSocket, TCP, legacy
 * SSE): related messages and the response are messages on the same connection, in call order.
 * A counted exchange tells its session when it ends, so a TCP connection whose input ended can
 * wait for the answers still due. The connection closing first is the client going away:
 * {@link #onAbort} actions run then (the stateless era cancels the request).
 */
final class ConnectionExchange implements Exchange {
    private final ConnectionSession session;
    private final boolean counted;
    private boolean done;
    private ChannelFutureListener abortWatch;

    ConnectionExchange(ConnectionSession session, boolean counted) {
        this.session = session;
        this.counted = counted;
        if (counted) session.started();
    }

    @Override
    public void send(byte[] message) {
        session.send(message);
    }

    @Override
    public void respond(byte[] response) {
        if (counted && !end()) return; // already answered, or its client is gone
        session.send(response);
    }

    @Override
    public void abandon() {
        if (counted) end();
    }

    private synchronized boolean end() {
        if (done) return false;
        done = true;
        if (abortWatch != null) session.channel().closeFuture().removeListener(abortWatch);
        abortWatch = null;
        session.finished();
        return true;
    }

    @Override
    public synchronized void onAbort(Runnable action) {
        if (done || !counted || abortWatch != null) return;
        abortWatch = f -> {
            if (end()) action.run();
        };
        session.channel().closeFuture().addListener(abortWatch);
    }

    @Override
    public dev.switchboard.mcp.Principal principal() {
        return session.principal();
    }

    @Override
    public Map<String, List<String>> headers() {
        return session.headers();
    }
}
