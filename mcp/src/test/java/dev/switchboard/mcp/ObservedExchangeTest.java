package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionHost;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservedExchangeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[]}}|0",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"error\":{\"code\":-1}}}|0",
            "{\"jsonrpc\":\"2.0\",\"id\":\"\\\"error\\\":{\\\"code\\\":5\",\"result\":{}}|0",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":\"Unknown tool\"}}|-32602",
            "{\"jsonrpc\":\"2.0\",\"id\":\"\\\"result\\\":\",\"error\":{\"code\":-32000,\"message\":\"busy\"}}|-32000",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}|-32700",
    })
    void errorCode_encodedResponse_readsTheTopLevelErrorOnly(String response, int expected) {
        assertThat(ObservedExchange.errorCode(response.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void enter_scopeIsOpenOnTheHandlersThreadWhileItRuns_andClosedAfter() throws Exception {
        ThreadLocal<String> current = new ThreadLocal<>();
        java.util.List<String> closedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        RequestObserver observer = request -> new RequestObserver.Observation() {
            @Override
            public void onEnd(String outcome, int errorCode, long nanos) {}

            @Override
            public RequestObserver.Scope enter() {
                current.set("observed " + request.tool());
                return () -> {
                    closedOn.add(Thread.currentThread().toString());
                    current.remove();
                };
            }
        };
        tools.jackson.databind.node.ObjectNode schema = RecordingExchange.MAPPER.createObjectNode().put("type", "object");
        java.util.concurrent.atomic.AtomicReference<String> handlerThread = new java.util.concurrent.atomic.AtomicReference<>();
        try (McpServer server = McpServer.builder("o", "1").observer(observer)
                .tool(Tools.Tool.of("who", "says what is current", schema), (a, c) -> {
                    handlerThread.set(Thread.currentThread().toString());
                    return String.valueOf(current.get());
                }).build()) {
            ServerSession session = ((SessionHost.Opened.Session) server.sessionHost().open("t")).session();
            RecordingExchange init = new RecordingExchange();
            session.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"), init);
            init.await();
            RecordingExchange call = new RecordingExchange();
            session.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"who\"}}"), call);
            assertThat(call.await().path("result").path("content").get(0).path("text").asString()).isEqualTo("observed who");
            assertThat(closedOn).containsExactly(handlerThread.get());
        }
    }
}
