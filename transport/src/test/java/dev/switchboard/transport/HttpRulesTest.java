package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.x rules a careless or hostile client tests: one {@code Host}, a real media type, and no
 * chunked encoding or keep-alive for HTTP/1.0 clients that did not ask for it. Real sockets,
 * against {@link EchoHost}.
 */
class HttpRulesTest {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}";

    private EchoHost host;
    private StreamableHttpServer http;

    @BeforeEach
    void start() throws Exception {
        host = new EchoHost(10);
        HttpRoutes routes = HttpRoutes.builder().route("/health", (ch, req) -> ch.writeAndFlush(
                HttpResponses.page(ch.alloc(), io.netty.handler.codec.http.HttpResponseStatus.OK, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)))).build();
        http = StreamableHttpServer.start(host, host.codec, HttpSettings.defaults().withPort(0).withKeepAlive(Duration.ofMillis(200)), routes);
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
    void twoHostHeaders_are400NamingTheProblem_evenWhenTheFirstIsAllowed() throws Exception {
        RawHttp.Response r = exchange(RawHttp.post(null, INIT).replace("Host: 127.0.0.1\r\n", "Host: 127.0.0.1\r\nHost: attacker.example\r\n"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("Host", "2");
        assertThat(host.sessions).isEmpty();
    }

    @Test
    void missingHostOnHttp11_is400_butHttp10MayOmitIt() throws Exception {
        RawHttp.Response r = exchange(RawHttp.post(null, INIT).replace("Host: 127.0.0.1\r\n", ""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("Host", "HTTP/1.1");
        RawHttp.Response old = exchange(RawHttp.post(null, INIT).replace("Host: 127.0.0.1\r\n", "").replace("HTTP/1.1", "HTTP/1.0"));
        assertThat(old.status()).isEqualTo(200);
    }

    @Test
    void hostRules_applyToRoutesBesideMcp() throws Exception {
        assertThat(exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").status()).isEqualTo(200);
        RawHttp.Response two = exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.body()).contains("Host");
        assertThat(exchange("GET /health HTTP/1.1\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void contentType_isMatchedAsAMediaType() throws Exception {
        RawHttp.Response x = exchange(RawHttp.post(null, INIT).replace("Content-Type: application/json", "Content-Type: application/jsonx"));
        assertThat(x.status()).isEqualTo(415);
        assertThat(x.body()).contains("application/jsonx");
        assertThat(exchange(RawHttp.post(null, INIT).replace("Content-Type: application/json", "Content-Type: application/json-patch+json")).status())
                .isEqualTo(415);
        assertThat(exchange(RawHttp.post(null, INIT).replace("Content-Type: application/json", "Content-Type: Application/JSON ; charset=utf-8")).status())
                .isEqualTo(200);
    }

    @Test
    void accept_isMatchedAsMediaRanges() throws Exception {
        RawHttp.Response r = exchange(RawHttp.post(null, INIT).replace("Accept: application/json, text/event-stream", "Accept: application/jsonx, text/event-streams"));
        assertThat(r.status()).isEqualTo(406);
        assertThat(r.body()).contains("\"id\":1", "text/event-streams");
        assertThat(exchange(RawHttp.post(null, INIT).replace("Accept: application/json, text/event-stream", "Accept: application/json;q=0.9, text/*")).status())
                .isEqualTo(200);
    }

    @Test
    void http10_getsACloseDelimitedStream_neverChunked() throws Exception {
        String s = initialize();
        try (RawHttp raw = new RawHttp(http.port())) {
            raw.write(RawHttp.post(s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"test/related\"}").replace("HTTP/1.1", "HTTP/1.0"));
            String all = raw.readToEnd(); // ends only when the server closes: the body is close-delimited
            String head = all.substring(0, all.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
            assertThat(head).contains("text/event-stream").doesNotContain("transfer-encoding").doesNotContain("content-length");
            String body = all.substring(all.indexOf("\r\n\r\n") + 4);
            assertThat(body).startsWith("id: ").contains("\"data\":\"one\"", "\"data\":\"two\"", "\"id\":3").doesNotContain("\r\n0\r\n");
        }
    }

    @Test
    void http10KeepAlive_isHonouredOnlyWhenNegotiated() throws Exception {
        String s = initialize();
        try (RawHttp raw = new RawHttp(http.port())) {
            raw.write(RawHttp.post(s, PING, "Connection: keep-alive").replace("HTTP/1.1", "HTTP/1.0"));
            RawHttp.Response first = raw.read();
            assertThat(first.body()).contains("\"id\":9");
            assertThat(first.headers().get("connection")).isEqualToIgnoringCase("keep-alive");
            raw.write(RawHttp.post(s, PING.replace("9", "10"), "Connection: keep-alive").replace("HTTP/1.1", "HTTP/1.0"));
            assertThat(raw.read().body()).contains("\"id\":10");
        }
        try (RawHttp raw = new RawHttp(http.port())) {
            raw.write(RawHttp.post(s, PING).replace("HTTP/1.1", "HTTP/1.0"));
            assertThat(raw.read().body()).contains("\"id\":9");
            assertThat(raw.closedByServer()).isTrue();
        }
    }
}
