package dev.switchboard.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * An HTTP endpoint served beside MCP on the same listener: {@code /health}, {@code /metrics}, the
 * dashboard. One method, so a lambda fits.
 *
 * <p>It runs on the channel's event loop and must not block there: answer at once, or hand the
 * work to another thread and write the answer from there (Netty's writes are thread-safe). The
 * request is released after the call returns; retain what must outlive it.
 */
@FunctionalInterface
public interface HttpRoute {
    void serve(Channel channel, FullHttpRequest request);
}
