package dev.switchboard.transport;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionChannel;
import dev.switchboard.mcp.spi.SessionHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny engine behind the seam, so transport tests see only the transport. Methods:
 * {@code initialize} (negotiates the version the client asks for), {@code ping}, {@code test/related}
 * (two notifications, then the response), {@code test/flood} (10,000 notifications of 1 KiB), {@code test/slow} (answers after 200 ms),
 * {@code test/poll} (one notification, lets go of the connection, then one more and the response),
 * {@code test/push} (a message on the session channel, then the response), {@code test/overloaded}
 * (-32000 through {@code respondError}, in both eras). Everything else: -32601.
 */
final class EchoHost implements SessionHost {
    final JsonRpcCodec codec = JsonRpcCodec.create();
    final Map<String, Echo> sessions = new ConcurrentHashMap<>();
    final List<Decoded> absorbed = new CopyOnWriteArrayList<>();
    private final int maxSessions;

    EchoHost(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    static byte[] notification(String text) {
        return ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"" + text + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Opened open(String transportName) {
        if (sessions.size() >= maxSessions) return new Opened.Full("sessions.max = " + maxSessions + " reached");
        Echo s = new Echo(UUID.randomUUID().toString());
        sessions.put(s.id, s);
        return new Opened.Session(s);
    }

    @Override
    public ServerSession find(String id) {
        return sessions.get(id);
    }

    @Override
    public boolean end(String id) {
        return sessions.remove(id) != null;
    }

    @Override
    public void handleStateless(Decoded message, Exchange exchange) {
        if (message instanceof Decoded.Request r && r.method().equals("test/overloaded"))
            exchange.respondError(codec.encodeError(r.id(), JsonRpc.Error.overloaded("busy")), JsonRpc.SERVER_OVERLOADED);
        else if (message instanceof Decoded.Request r) exchange.respond(codec.encodeError(r.id(), JsonRpc.Error.methodNotFound(r.method())));
    }

    @Override
    public List<String> supportedVersions() {
        return List.of("2025-11-25", "2025-06-18", "2025-03-26");
    }

    final class Echo implements ServerSession {
        final String id;
        volatile String version;
        volatile SessionChannel channel;

        Echo(String id) {
            this.id = id;
        }

        @Override public String id() { return id; }
        @Override public String protocolVersion() { return version; }
        @Override public void attach(SessionChannel c) { channel = c; }
        @Override public void detach(SessionChannel c) { if (channel == c) channel = null; }
        @Override public void touch() {}

        @Override
        public void handle(Decoded message, Exchange exchange) {
            if (!(message instanceof Decoded.Request r)) {
                absorbed.add(message);
                if (message instanceof Decoded.Batch) exchange.abandon();
                return;
            }
            byte[] ok = codec.encodeResult(r.id(), Map.of("echo", r.method()));
            switch (r.method()) {
                case "initialize" -> {
                    String asked = r.params() instanceof dev.switchboard.mcp.protocol.Lifecycle.InitializeParams p ? p.protocolVersion() : null;
                    version = asked != null && supportedVersions().contains(asked) ? asked : supportedVersions().getFirst();
                    exchange.respond(ok);
                }
                case "ping" -> exchange.respond(ok);
                case "test/related" -> Thread.ofVirtual().start(() -> {
                    exchange.send(notification("one"));
                    exchange.send(notification("two"));
                    exchange.respond(ok);
                });
                case "test/slow" -> Thread.ofVirtual().start(() -> {
                    sleep(200);
                    exchange.respond(ok);
                });
                case "test/poll" -> Thread.ofVirtual().start(() -> {
                    exchange.send(notification("before"));
                    exchange.closeStream();
                    sleep(300);
                    exchange.send(notification("after"));
                    exchange.respond(ok);
                });
                case "test/flood" -> Thread.ofVirtual().start(() -> {
                    // 10,000 notifications of 1 KiB: far more than a client that does not read may make the server hold
                    String kib = "x".repeat(1024);
                    for (int i = 0; i < 10_000; i++) exchange.send(notification(kib));
                    exchange.respond(ok);
                });
                case "test/overloaded" -> exchange.respondError(codec.encodeError(r.id(), JsonRpc.Error.overloaded("busy")), JsonRpc.SERVER_OVERLOADED);
                case "test/push" -> {
                    SessionChannel c = channel;
                    if (c != null) c.send(notification("pushed"));
                    exchange.respond(ok);
                }
                default -> exchange.respond(codec.encodeError(r.id(), JsonRpc.Error.methodNotFound(r.method())));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
