package dev.switchboard.transport;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionChannel;
import dev.switchboard.mcp.spi.SessionHost;
import java.util.List;
import java.util.Map;

/**
 * An engine for fuzz tests: answers every request at once on the caller's thread (so an embedded
 * event loop or a stdio loop sees every answer before it reads on, and an input never waits), with
 * one session whose id, {@code s1}, the seeds know. {@code test/sse} sends a notification first.
 */
final class SyncHost implements SessionHost, ServerSession {
    private final JsonRpcCodec codec = JsonRpcCodec.create();

    @Override public Opened open(String transportName) { return new Opened.Session(this); }
    @Override public ServerSession find(String id) { return "s1".equals(id) ? this : null; }
    @Override public boolean end(String id) { return "s1".equals(id); }
    @Override public List<String> supportedVersions() { return List.of("2025-11-25", "2025-06-18", "2025-03-26"); }
    @Override public String id() { return "s1"; }
    @Override public String protocolVersion() { return "2025-11-25"; }
    @Override public void attach(SessionChannel channel) {}
    @Override public void detach(SessionChannel channel) {}
    @Override public void touch() {}

    @Override
    public void handleStateless(Decoded message, Exchange exchange) {
        handle(message, exchange);
    }

    @Override
    public void handle(Decoded message, Exchange exchange) {
        switch (message) {
            case Decoded.Request r when r.method().equals("test/sse") -> {
                exchange.send(codec.encodeNotification("notifications/message", null));
                exchange.respond(codec.encodeResult(r.id(), Map.of()));
            }
            case Decoded.Request r -> exchange.respond(codec.encodeResult(r.id(), Map.of("echo", r.method())));
            case Decoded.Batch b -> exchange.respond(codec.encodeError(null, JsonRpc.Error.invalidRequest("no batches")));
            default -> exchange.abandon();
        }
    }
}
