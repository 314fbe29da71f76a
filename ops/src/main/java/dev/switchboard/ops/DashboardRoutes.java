package dev.switchboard.ops;

import dev.switchboard.transport.HttpResponses;

import dev.switchboard.transport.HttpRoute;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The dashboard: the page at {@code /} (bundled in the jar) and its SSE feed at {@code /dashboard/events}. */
final class DashboardRoutes {
    static final String PAGE_PATH = "/";
    static final String EVENTS_PATH = "/dashboard/events";
    private final byte[] page;
    private final DashboardFeed feed;

    DashboardRoutes(DashboardFeed feed) {
        this.feed = feed;
        try (InputStream in = DashboardRoutes.class.getResourceAsStream("dashboard.html")) {
            if (in == null) throw new IllegalStateException("dashboard.html is missing from the ops jar");
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpRoute page() {
        return (ch, req) -> {
            if (ReadOnly.admits(ch, req)) ch.writeAndFlush(HttpResponses.page(ch.alloc(), HttpResponseStatus.OK, "text/html; charset=utf-8", page));
        };
    }

    HttpRoute events() {
        return this::events;
    }

    private void events(Channel ch, FullHttpRequest req) {
        if (!ReadOnly.admits(ch, req)) return;
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.CONNECTION, "keep-alive");
        ch.write(head);
        feed.subscribe(ch);
    }
}
