package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request gets an answer that a client can act on: refusals echo the request's id when it is
 * known, refusals a client should retry say when ({@code Retry-After}), and every -32600 is a 400.
 * Real sockets, against {@link EchoHost}.
 */
class HttpAnswersTest {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":\"init-1\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private EchoHost host;
    private StreamableHttpServer http;

    @BeforeEach
    void start() throws Exception {
        host = new EchoHost(1);
        http = StreamableHttpServer.start(host, host.codec, HttpSettings.defaults().withPort(0).withKeepAlive(Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private RawHttp.Response exchange(String raw) throws Exception {
        try (RawHttp c = new RawHttp(http.port())) {
            c.write(raw);
            return c.read();
        }
    }

    private String initialize() throws Exception {
        RawHttp.Response r = exchange(RawHttp.post(null, INIT));
        assertThat(r.status()).isEqualTo(200);
        return r.headers().get("mcp-session-id");
    }

    @Test
    void sessionLimit_is503_echoesTheRequestId_andSaysWhenToRetry() throws Exception {
        initialize();
        RawHttp.Response r = exchange(RawHttp.post(null, INIT.replace("init-1", "init-2")));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).contains("\"id\":\"init-2\"", "sessions.max = 1");
        assertThat(r.headers()).containsKey("retry-after");
        assertThat(Integer.parseInt(r.headers().get("retry-after"))).isPositive();
    }

    @Test
    void unknownSession_is404_echoingTheRequestId() throws Exception {
        RawHttp.Response r = exchange(RawHttp.post("no-such-session", "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"ping\"}"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("\"id\":42", "no-such-session");
    }

    @Test
    void missingSessionId_is400_echoingTheRequestId() throws Exception {
        RawHttp.Response r = exchange(RawHttp.post(null, "{\"jsonrpc\":\"2.0\",\"id\":\"p-7\",\"method\":\"ping\"}"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"id\":\"p-7\"", "Mcp-Session-Id");
    }

    @Test
    void batchOutside2025_03_26_is400WithMinus32600() throws Exception {
        String s = initialize();
        RawHttp.Response r = exchange(RawHttp.post(s, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("-32600", "batches", "2025-11-25");
        assertThat(host.absorbed).isEmpty();
    }

    @Test
    void overloadAsTheWholeAnswer_carriesRetryAfter_inBothEras() throws Exception {
        String s = initialize();
        RawHttp.Response session = exchange(RawHttp.post(s, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"test/overloaded\"}"));
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.body()).contains("-32000", "\"id\":5");
        assertThat(session.headers()).containsKey("retry-after");

        RawHttp.Response stateless = exchange(RawHttp.post(null, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"test/overloaded\"}")
                .replace("MCP-Protocol-Version: 2025-11-25", "MCP-Protocol-Version: 2026-07-28"));
        assertThat(stateless.status()).isEqualTo(503);
        assertThat(stateless.headers()).containsKey("retry-after");
    }

    @Test
    void successfulAnswers_carryNoRetryAfter() throws Exception {
        String s = initialize();
        RawHttp.Response r = exchange(RawHttp.post(s, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).doesNotContainKey("retry-after");
    }
}
