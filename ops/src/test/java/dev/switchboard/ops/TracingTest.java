package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.kernel.Kernel;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class TracingTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    @Test
    void toolCall_traceparentInMeta_oneServerSpanChildOfIt() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults().withTracing(true), sdk(spans))) {
            String session = demo.initialize();
            demo.mcp(session, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2},"
                    + "\"_meta\":{\"traceparent\":\"00-" + TRACE + "-" + PARENT + "-01\"}}}");
            SpanData call = await(spans, "tools/call add");
            assertThat(call.getTraceId()).isEqualTo(TRACE);
            assertThat(call.getParentSpanId()).isEqualTo(PARENT);
            assertThat(call.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(call.getAttributes().asMap().toString()).contains("mcp.tool.name=add", "rpc.method=tools/call", "mcp.session.id=" + session, "mcp.outcome=ok");
            assertThat(call.getEndEpochNanos()).isGreaterThan(call.getStartEpochNanos());
        }
    }

    @Test
    void toolCall_traceparentHeader_usedWhenMetaHasNone_andErrorsMarkTheSpan() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults().withTracing(true), sdk(spans))) {
            String session = demo.initialize();
            demo.mcp(session, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\",\"arguments\":{}}}",
                    "traceparent", "00-" + TRACE + "-" + PARENT + "-01");
            SpanData call = await(spans, "tools/call nope");
            assertThat(call.getTraceId()).isEqualTo(TRACE);
            assertThat(call.getParentSpanId()).isEqualTo(PARENT);
            assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(call.getAttributes().asMap().toString()).contains("rpc.jsonrpc.error_code=-32602");
        }
    }

    @Test
    void toolCall_withAContextFrame_putsItOnTheSpan() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (ServedDemo demo = new ServedDemo(OpsSettings.defaults().withTracing(true), sdk(spans))) {
            String session = demo.initialize();
            demo.mcp(session, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2},"
                    + "\"_meta\":{\"io.switchboard/stage\":\"staging\",\"io.switchboard/risk\":\"low\",\"io.switchboard/tenant\":\"acme\"}}}");
            SpanData call = await(spans, "tools/call add");
            assertThat(call.getAttributes().asMap().toString()).contains("mcp.frame.tenant=acme", "mcp.frame.stage=staging", "mcp.frame.risk=low");
        }
    }

    @Test
    void defaults_tracingOff_noSdkAndNoTracingObserver() throws Exception {
        try (Kernel kernel = Kernel.create(); Operations ops = Operations.create(OpsSettings.defaults(), kernel)) {
            assertThat(ops.tracing()).isFalse();
            assertThat(ops.observer()).isInstanceOf(RequestMetrics.class);
        }
    }

    @Test
    void tracingEnabled_sdkBuiltFromOtelProperties() throws Exception {
        System.setProperty("otel.traces.exporter", "none");
        try (Kernel kernel = Kernel.create(); Operations ops = Operations.create(OpsSettings.defaults().withTracing(true), kernel)) {
            assertThat(ops.tracing()).isTrue();
            assertThat(ops.observer()).isInstanceOf(CombinedObserver.class);
        } finally {
            System.clearProperty("otel.traces.exporter");
        }
    }

    private static OpenTelemetrySdk sdk(InMemorySpanExporter spans) {
        return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    }

    private static SpanData await(InMemorySpanExporter spans, String name) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> spans.getFinishedSpanItems().stream().anyMatch(s -> s.getName().equals(name)));
        List<SpanData> found = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }
}
