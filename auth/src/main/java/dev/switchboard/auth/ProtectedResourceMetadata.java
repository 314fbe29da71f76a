package dev.switchboard.auth;

import dev.switchboard.transport.HttpResponses;
import dev.switchboard.transport.HttpRoute;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The RFC 9728 document that tells a client which authorization server issues tokens for this
 * server, served at {@code /.well-known/oauth-protected-resource} and at the form with the MCP
 * endpoint's path appended (clients try that one first). The same bytes on every request.
 */
final class ProtectedResourceMetadata implements HttpRoute {
    static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";
    private final byte[] document;

    ProtectedResourceMetadata(String resource, String issuer, List<String> scopesSupported) {
        ObjectNode doc = JsonMapper.builder().build().createObjectNode();
        doc.put("resource", resource);
        doc.putArray("authorization_servers").add(issuer);
        if (!scopesSupported.isEmpty()) scopesSupported.forEach(doc.putArray("scopes_supported")::add);
        doc.putArray("bearer_methods_supported").add("header");
        this.document = doc.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The path-suffixed well-known path of {@code resource} ({@code /.well-known/oauth-protected-resource/mcp}), or the root one for a resource at {@code /}. */
    static String suffixedPath(String resource) {
        String path = URI.create(resource).getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? WELL_KNOWN : WELL_KNOWN + path;
    }

    /** The absolute URL a 401 points clients to: the path-suffixed document on the resource's origin. */
    static String url(String resource) {
        URI u = URI.create(resource);
        return u.getScheme() + "://" + u.getRawAuthority() + suffixedPath(resource);
    }

    @Override
    public void serve(Channel channel, FullHttpRequest request) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse r = HttpResponses.error(channel.alloc(), HttpResponseStatus.METHOD_NOT_ALLOWED, -32600,
                    "Method " + request.method() + " is not allowed on the protected resource metadata; use GET");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            channel.writeAndFlush(r);
            return;
        }
        FullHttpResponse r = HttpResponses.json(channel.alloc(), HttpResponseStatus.OK, document);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "public, max-age=3600");
        channel.writeAndFlush(r);
    }
}
