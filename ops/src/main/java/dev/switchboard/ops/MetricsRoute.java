package dev.switchboard.ops;

import dev.switchboard.transport.HttpResponses;

import dev.switchboard.transport.HttpRoute;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/** {@code /metrics}: the Prometheus text format, written on a virtual thread off the event loop. */
final class MetricsRoute implements HttpRoute {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;
    private final Runnable beforeScrape;

    MetricsRoute(PrometheusMeterRegistry registry, Runnable beforeScrape) {
        this.registry = registry;
        this.beforeScrape = beforeScrape;
    }

    @Override
    public void serve(Channel ch, FullHttpRequest req) {
        if (!ReadOnly.admits(ch, req)) return;
        Thread.ofVirtual().name("metrics-scrape").start(() -> {
            try {
                beforeScrape.run();
                ch.writeAndFlush(HttpResponses.page(ch.alloc(), HttpResponseStatus.OK, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                ch.writeAndFlush(HttpResponses.error(ch.alloc(), HttpResponseStatus.INTERNAL_SERVER_ERROR, -32603, "Internal error: metrics scrape failed: " + e));
            }
        });
    }
}
