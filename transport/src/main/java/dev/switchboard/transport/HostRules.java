package dev.switchboard.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.util.List;

/**
 * Who a request says it is for. HTTP's rule (RFC 9112 §3.2): exactly one {@code Host}, required
 * on HTTP/1.1; a request with two could pass the allow-list with the first while a proxy behind us
 * routes by the second. Then DNS-rebinding protection: the {@code Host}, and for MCP the
 * {@code Origin} when present, must name one of {@code http.allowedHosts}.
 */
public final class HostRules {
    private HostRules() {}

    /**
     * What is wrong with {@code request}'s {@code Host} headers (two or more; none on HTTP/1.1), or
     * {@code null} when nothing is. For any listener, whatever hosts it allows.
     */
    public static String malformed(HttpRequest request) {
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) return "Bad Request: " + hosts.size() + " Host headers; exactly one is allowed";
        if (hosts.isEmpty() && !request.protocolVersion().equals(HttpVersion.HTTP_1_0))
            return "Bad Request: the Host header is required on " + request.protocolVersion();
        return null;
    }

    /** The answer refusing {@code request} (400 malformed Host, 403 foreign Host or Origin), or {@code null} to serve it. */
    static FullHttpResponse refusal(ByteBufAllocator alloc, HttpRequest request, HttpSettings settings, boolean checkOrigin) {
        String malformed = malformed(request);
        if (malformed != null) return HttpResponses.error(alloc, HttpResponseStatus.BAD_REQUEST, -32600, malformed);
        String forbidden = foreign(request, settings, checkOrigin);
        return forbidden == null ? null : HttpResponses.error(alloc, HttpResponseStatus.FORBIDDEN, -32600, forbidden);
    }

    private static String foreign(HttpRequest request, HttpSettings settings, boolean checkOrigin) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host != null && !settings.allowsHost(host))
            return "Forbidden: Host '" + host + "' is not allowed (allowed: " + settings.allowedHosts() + ")";
        String origin = checkOrigin ? request.headers().get(HttpHeaderNames.ORIGIN) : null;
        if (origin == null) return null;
        String originHost;
        try {
            originHost = URI.create(origin).getHost();
        } catch (IllegalArgumentException e) {
            originHost = null;
        }
        if (originHost == null || !settings.allowedHosts().contains(originHost.startsWith("[") || !originHost.contains(":") ? originHost : "[" + originHost + "]"))
            return "Forbidden: Origin '" + origin + "' is not allowed (allowed hosts: " + settings.allowedHosts() + ")";
        return null;
    }
}
