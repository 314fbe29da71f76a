package dev.switchboard.ops;

import dev.switchboard.mcp.RequestObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import java.util.List;

/**
 * One SERVER span per MCP request, from dispatch to the answer: the kernel's admission, the
 * mailbox wait and the handler all fall inside it. Its parent is the W3C {@code traceparent} the
 * client sent, in {@code params._meta} (the MCP convention) or the HTTP header.
 *
 * <p>Only built when tracing is on; when it is off no SDK exists and nothing here runs. The sampler
 * sees the span's name, kind and parent, not its attributes, which are set only once a span is
 * known to be recorded.
 */
final class TracingObserver implements RequestObserver {
    private static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
    private static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    private static final AttributeKey<String> TOOL = AttributeKey.stringKey("mcp.tool.name");
    private static final AttributeKey<String> SESSION = AttributeKey.stringKey("mcp.session.id");
    private static final AttributeKey<Long> ERROR_CODE = AttributeKey.longKey("rpc.jsonrpc.error_code");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("mcp.outcome");
    private static final AttributeKey<String> TENANT = AttributeKey.stringKey("mcp.frame.tenant");
    private static final AttributeKey<String> STAGE = AttributeKey.stringKey("mcp.frame.stage");
    private static final AttributeKey<String> RISK = AttributeKey.stringKey("mcp.frame.risk");
    private static final AttributeKey<List<String>> FLAGS = AttributeKey.stringArrayKey("mcp.frame.flags");
    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return key.equals("traceparent") ? carrier : null;
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();

    TracingObserver(OpenTelemetry otel) {
        this.tracer = otel.getTracer("dev.switchboard");
    }

    @Override
    public Observation onStart(Request request) {
        Context parent = request.traceparent() == null ? Context.root() : propagator.extract(Context.root(), request.traceparent(), TRACEPARENT);
        Span span = tracer.spanBuilder(request.tool() == null ? request.method() : request.method() + " " + request.tool())
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        // attributes only on sampled spans: at 1% sampling the other 99% skip building an attribute map
        if (span.isRecording()) {
            span.setAttribute(RPC_SYSTEM, "jsonrpc");
            span.setAttribute(RPC_METHOD, request.method());
            if (request.tool() != null) span.setAttribute(TOOL, request.tool());
            if (request.sessionId() != null) span.setAttribute(SESSION, request.sessionId());
        }
        return new SpanObservation(span, parent.with(span));
    }

    /** Ends the span with the outcome; while the handler runs, the span is the thread's current context. */
    private record SpanObservation(Span span, Context context) implements Observation {
        @Override
        public void onFrame(dev.switchboard.mcp.ContextFrame frame) {
            if (!span.isRecording()) return;
            if (frame.tenant() != null) span.setAttribute(TENANT, frame.tenant());
            if (frame.stage() != null) span.setAttribute(STAGE, frame.stage());
            span.setAttribute(RISK, frame.risk().wireName());
            if (!frame.flags().isEmpty()) span.setAttribute(FLAGS, List.copyOf(frame.flags()));
        }

        @Override
        public void onEnd(String outcome, int code, long nanos) {
            if (span.isRecording()) {
                span.setAttribute(OUTCOME, Outcomes.label(outcome, code));
                if (outcome.equals("error")) {
                    span.setAttribute(ERROR_CODE, (long) code);
                    span.setStatus(StatusCode.ERROR);
                } else if (outcome.equals("tool_error")) {
                    span.setStatus(StatusCode.ERROR, "the tool's result has isError: true");
                }
            }
            span.end();
        }

        @Override
        public RequestObserver.Scope enter() {
            io.opentelemetry.context.Scope scope = context.makeCurrent();
            return scope::close;
        }
    }
}
