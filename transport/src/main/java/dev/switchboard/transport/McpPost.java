package dev.switchboard.transport;

import dev.switchboard.mcp.Principal;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionHost;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A POST to the MCP endpoint: one client message (or a 2025-03-26 batch). The headers are checked
 * first, then the body is decoded, so every later refusal can echo the request's id. Stateless-era
 * requests go to the host without a session; session-era ones need {@code initialize} or a live
 * {@code Mcp-Session-Id}. Notifications and responses are accepted with 202; requests are answered
 * through an {@link HttpExchange}.
 */
final class McpPost {
    private static final String SESSION_RESPONSE_HEADER = "Mcp-Session-Id";
    private static final Exchange NO_REPLY = new Exchange() {
        @Override public void send(byte[] message) {}
        @Override public void respond(byte[] response) {}
        @Override public void abandon() {}
        @Override public Map<String, List<String>> headers() { return Map.of(); }
    };

    private final SessionHost host;
    private final JsonRpcCodec codec;
    private final SessionStreams streams;
    private final BiConsumer<Channel, FullHttpRequest> serveInTurn;
    private final Authenticator authenticator;

    McpPost(SessionHost host, JsonRpcCodec codec, SessionStreams streams, BiConsumer<Channel, FullHttpRequest> serveInTurn, Authenticator authenticator) {
        this.authenticator = authenticator;
        this.host = host;
        this.codec = codec;
        this.streams = streams;
        this.serveInTurn = serveInTurn;
    }

    void serve(Channel ch, FullHttpRequest req, Principal principal) {
        String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (!MediaTypes.isJson(contentType)) {
            HttpResponses.send(ch, McpHttpHandler.error(ch, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json, was " + (contentType == null ? "absent" : "'" + contentType + "'")), false);
            return;
        }
        Decoded decoded = decode(req.content());
        String accept = req.headers().get(HttpHeaderNames.ACCEPT);
        if (!MediaTypes.accepts(accept, "application/json") || !MediaTypes.accepts(accept, "text/event-stream")) {
            refuse(ch, HttpResponseStatus.NOT_ACCEPTABLE, decoded, JsonRpc.Error.invalidRequest(
                    "Accept must list both application/json and text/event-stream, was " + (accept == null ? "absent" : "'" + accept + "'")));
            return;
        }
        String version = req.headers().get(McpHttpHandler.VERSION_HEADER);
        String sessionId = req.headers().get(McpHttpHandler.SESSION_HEADER);
        if (Era.ofPost(sessionId, version, decoded, host.supportedVersions()) == Era.STATELESS) {
            RequestTurns turns = RequestTurns.of(ch, serveInTurn);
            turns.hold();
            // no resumption without sessions (GET is refused), so no priming events
            host.handleStateless(decoded, new HttpExchange(ch, req.headers(), Map.of(), () -> streams.newStream(""), turns, false, Era.STATELESS,
                    principal, authenticator));
            return;
        }
        if (version != null && !host.supportedVersions().contains(version)) {
            refuse(ch, HttpResponseStatus.BAD_REQUEST, decoded, JsonRpc.Error.invalidRequest(
                    "Unsupported MCP-Protocol-Version '" + version + "'; supported: " + host.supportedVersions()));
            return;
        }
        if (decoded instanceof Decoded.Failure f) {
            HttpResponses.send(ch, HttpResponses.json(ch.alloc(), HttpResponseStatus.BAD_REQUEST, codec.encodeError(f)), false);
            return;
        }
        ServerSession session;
        Map<String, String> responseHeaders = Map.of();
        if (sessionId == null) {
            if (!(decoded instanceof Decoded.Request r && r.method().equals(McpMethods.INITIALIZE))) {
                refuse(ch, HttpResponseStatus.BAD_REQUEST, decoded, JsonRpc.Error.of(McpHttpHandler.SESSION_REQUIRED,
                        "Bad Request: Mcp-Session-Id header is required; only initialize may be sent without one"));
                return;
            }
            switch (host.open("http")) {
                case SessionHost.Opened.Full full -> {
                    FullHttpResponse refused = refusal(ch, HttpResponseStatus.SERVICE_UNAVAILABLE, decoded, JsonRpc.Error.overloaded("Cannot open a session: " + full.reason()));
                    HttpResponses.send(ch, JsonRpcStatus.retryAfter(refused), false);
                    return;
                }
                case SessionHost.Opened.Session opened -> {
                    session = opened.session();
                    if (principal != null) session.bindOwner(principal.subject());
                    responseHeaders = Map.of(SESSION_RESPONSE_HEADER, session.id());
                }
            }
        } else {
            try {
                session = SessionStreams.visibleTo(host.find(sessionId), principal);
            } catch (dev.switchboard.mcp.SessionsUnavailable e) {
                FullHttpResponse refused = refusal(ch, HttpResponseStatus.SERVICE_UNAVAILABLE, decoded, SessionStreams.unavailable(e));
                HttpResponses.send(ch, JsonRpcStatus.retryAfter(refused), false);
                return;
            }
            if (session == null) {
                refuse(ch, HttpResponseStatus.NOT_FOUND, decoded, JsonRpc.Error.of(McpHttpHandler.SESSION_NOT_FOUND, "Session not found: '" + sessionId
                        + "' is unknown, ended or evicted; send initialize without Mcp-Session-Id to start a new one"));
                return;
            }
        }
        if (decoded instanceof Decoded.Batch && !ProtocolVersion.allowsBatches(session.protocolVersion())) {
            refuse(ch, HttpResponseStatus.BAD_REQUEST, decoded, JsonRpc.Error.invalidRequest("JSON-RPC batches are not allowed in protocol version "
                    + session.protocolVersion() + " (only 2025-03-26 and 2024-11-05 allow them)"));
            return;
        }
        if (!(decoded instanceof Decoded.Request || decoded instanceof Decoded.Batch)) {
            session.handle(decoded, NO_REPLY);
            FullHttpResponse accepted = HttpResponses.empty(HttpResponseStatus.ACCEPTED);
            responseHeaders.forEach((k, v) -> accepted.headers().set(k, v));
            HttpResponses.send(ch, accepted, false);
            return;
        }
        RequestTurns turns = RequestTurns.of(ch, serveInTurn);
        turns.hold();
        String sid = session.id();
        String negotiated = session.protocolVersion();
        HttpExchange exchange = new HttpExchange(ch, req.headers(), responseHeaders, () -> streams.newStream(sid), turns,
                SessionStreams.primes(negotiated != null ? negotiated : version), Era.SESSION, principal, authenticator);
        session.handle(decoded, exchange);
    }

    private void refuse(Channel ch, HttpResponseStatus status, Decoded decoded, JsonRpc.Error error) {
        HttpResponses.send(ch, refusal(ch, status, decoded, error), false);
    }

    /** An error answer that echoes the request's id when the body was a request. */
    private FullHttpResponse refusal(Channel ch, HttpResponseStatus status, Decoded decoded, JsonRpc.Error error) {
        return HttpResponses.json(ch.alloc(), status, codec.encodeError(decoded instanceof Decoded.Request r ? r.id() : null, error));
    }

    private Decoded decode(ByteBuf content) {
        if (content.hasArray()) return codec.decode(content.array(), content.arrayOffset() + content.readerIndex(), content.readableBytes());
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        return codec.decode(bytes);
    }
}
