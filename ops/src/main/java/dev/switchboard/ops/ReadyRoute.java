package dev.switchboard.ops;

import dev.switchboard.transport.HttpResponses;

import dev.switchboard.transport.HttpRoute;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import tools.jackson.databind.json.JsonMapper;

/** {@code /ready}: 200 when every check is ready, 503 otherwise, with each check's answer and latency. */
final class ReadyRoute implements HttpRoute {
    private final ReadinessChecks readiness;
    private final JsonMapper mapper;

    ReadyRoute(ReadinessChecks readiness, JsonMapper mapper) {
        this.readiness = readiness;
        this.mapper = mapper;
    }

    @Override
    public void serve(Channel ch, FullHttpRequest req) {
        if (!ReadOnly.admits(ch, req)) return;
        readiness.run().whenComplete((report, failure) -> {
            if (failure != null) {
                ch.writeAndFlush(HttpResponses.error(ch.alloc(), HttpResponseStatus.SERVICE_UNAVAILABLE, -32603, "Internal error: readiness checks failed: " + failure));
                return;
            }
            HttpResponseStatus status = report.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
            ch.writeAndFlush(HttpResponses.page(ch.alloc(), status, HttpResponses.JSON, ReadinessChecks.json(mapper, report)));
        });
    }
}
