package dev.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.RequestObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** While a handler runs, the request's server span is the thread's current span, so the handler's own spans are its children. */
class TracingScopeTest {
    @Test
    void enter_makesTheServerSpanCurrent_throughTheCombinedObserver_andCloseRestores() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        RequestObserver observer = CombinedObserver.of(List.of(new TracingObserver(sdk), request -> RequestObserver.Observation.NONE));
        RequestObserver.Observation observation = observer.onStart(new RequestObserver.Request("tools/call", "add", "s", null));
        String child;
        try (RequestObserver.Scope scope = observation.enter()) {
            Span inHandler = sdk.getTracer("handler").spanBuilder("handler work").startSpan();
            child = inHandler.getSpanContext().getSpanId();
            inHandler.end();
        }
        assertThat(Span.current().getSpanContext().isValid()).as("the scope is closed").isFalse();
        observation.onEnd("ok", 0, 1);
        var server = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("tools/call add")).findFirst().orElseThrow();
        var handler = spans.getFinishedSpanItems().stream().filter(s -> s.getSpanId().equals(child)).findFirst().orElseThrow();
        assertThat(handler.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(handler.getTraceId()).isEqualTo(server.getTraceId());
    }
}
