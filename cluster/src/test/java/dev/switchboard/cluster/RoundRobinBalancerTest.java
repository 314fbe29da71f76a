package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The balancer alone, in front of plain JDK HTTP servers standing in for the nodes. */
class RoundRobinBalancerTest {
    private final List<HttpServer> backends = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch secondPart = new CountDownLatch(1);
    private RoundRobinBalancer balancer;

    @AfterEach
    void stop() {
        if (balancer != null) balancer.close();
        backends.forEach(s -> s.stop(0));
        http.close();
    }

    @Test
    void forward_sequentialRequests_eachGoesToTheNextNodeOverReusedConnections() throws Exception {
        balancer = RoundRobinBalancer.start(List.of(node("a"), node("b"), node("c")), 0);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 9; i++) answers.add(post("/mcp", "{\"n\":" + i + "}").body());

        assertThat(answers).containsExactly("a:{\"n\":0}", "b:{\"n\":1}", "c:{\"n\":2}", "a:{\"n\":3}", "b:{\"n\":4}",
                "c:{\"n\":5}", "a:{\"n\":6}", "b:{\"n\":7}", "c:{\"n\":8}");
        // one client connection, so one event loop: one kept-alive connection per node serves all
        assertThat(balancer.connectionsOpened()).isEqualTo(3);
    }

    @Test
    void remove_nodeTakenOut_getsNoMoreRequests() throws Exception {
        InetSocketAddress a = node("a");
        balancer = RoundRobinBalancer.start(List.of(a, node("b")), 0);
        assertThat(post("/mcp", "1").body()).isEqualTo("a:1");
        balancer.remove(a);
        for (int i = 0; i < 4; i++) assertThat(post("/mcp", "x").body()).isEqualTo("b:x");
    }

    @Test
    void forward_streamedAnswer_reachesTheClientPartByPart() throws Exception {
        balancer = RoundRobinBalancer.start(List.of(node("a")), 0);
        HttpResponse<InputStream> r = http.send(request("/stream", "{}"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            byte[] first = body.readNBytes("data: one\n\n".length());
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("data: one\n\n"); // before the node sends the rest
            secondPart.countDown();
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("data: two\n\n");
        }
    }

    @Test
    void forward_nodeRefusingConnections_isSkipped() throws Exception {
        InetSocketAddress closed = new InetSocketAddress("127.0.0.1", LocalNats.freePort());
        balancer = RoundRobinBalancer.start(List.of(closed, node("b")), 0);
        for (int i = 0; i < 4; i++) assertThat(post("/mcp", "x").body()).isEqualTo("b:x");
    }

    @Test
    void forward_everyNodeRefusing_answers502NamingThem() throws Exception {
        InetSocketAddress closed = new InetSocketAddress("127.0.0.1", LocalNats.freePort());
        balancer = RoundRobinBalancer.start(List.of(closed), 0);
        HttpResponse<String> r = post("/mcp", "x");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("no cluster node answered").contains(String.valueOf(closed.getPort()));
    }

    // A node answering "<name>:<request body>" on /mcp, and on /stream two SSE parts, the second
    // only once the test has read the first.
    private InetSocketAddress node(String name) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/mcp", ex -> {
            byte[] body = (name + ":" + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        s.createContext("/stream", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // a first part held back in the balancer never reaches the test, which then gets "late"
                out.write((secondPart.await(5, TimeUnit.SECONDS) ? "data: two\n\n" : "data: late\n\n").getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        s.start();
        backends.add(s);
        return s.getAddress();
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancer.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }
}
