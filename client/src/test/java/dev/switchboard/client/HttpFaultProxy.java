package dev.switchboard.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A fault injector between {@link McpClient} and the real Streamable HTTP transport: a proxy on
 * the JDK's {@link HttpServer} (127.0.0.1, port 0) that forwards every request to the real server
 * and passes its answer back byte for byte, unless a test switches on a fault a healthy server
 * never shows: a standalone GET stream refused with 405, standalone streams cut as a proxy timing
 * out would, or every JSON answer turned into a primed SSE stream. It remembers the requests it
 * saw, so a test can tell what the client sent.
 */
final class HttpFaultProxy implements AutoCloseable {

    /** One HTTP request as it arrived: the method and its headers by lower-case name. */
    record Seen(String method, Map<String, String> headers) {}

    /** Answer every JSON response as an SSE stream opened with a priming event (id, retry, no data). */
    volatile boolean primeStreams;
    /** Refuse the standalone GET stream with 405, as servers without one do. */
    volatile boolean refuseStandalone;
    /** Never answer a DELETE (until the proxy closes), as a server that went away mid-connection would not. */
    volatile boolean hangDeletes;
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

    final URI endpoint;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

    private final URI upstream;
    private final HttpServer http;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> openStreams = new CopyOnWriteArrayList<>();

    HttpFaultProxy(URI upstream) {
        this.upstream = upstream;
        try {
            this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext(upstream.getPath(), this::handle);
        http.start();
        this.endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + upstream.getPath());
    }

    /** The requests seen with {@code method}. */
    List<Seen> seen(String method) {
        return seen.stream().filter(s -> s.method().equals(method)).toList();
    }

    /** Cuts every open standalone stream, as a proxy timing out would. */
    void dropStandaloneStreams() {
        for (AutoCloseable s : openStreams) {
            try {
                s.close();
            } catch (Exception e) {
                // already gone
            }
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
        seen.add(new Seen(ex.getRequestMethod(), headers));
        try (ex) {
            if (ex.getRequestMethod().equals("DELETE") && hangDeletes) {
                closing.await();
                return;
            }
            if (ex.getRequestMethod().equals("GET") && refuseStandalone) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(upstream)
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
            headers.forEach((k, v) -> {
                if (!RESTRICTED.contains(k)) forward.header(k, v);
            });
            HttpResponse<InputStream> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
            answer.headers().map().forEach((k, v) -> {
                if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT)) && !k.equals(":status")) ex.getResponseHeaders().put(k, v);
            });
            String type = answer.headers().firstValue("content-type").orElse("");
            try (InputStream body = answer.body()) {
                if (primeStreams && answer.statusCode() == 200 && type.startsWith("application/json")) {
                    asPrimedStream(ex, body.readAllBytes());
                } else if (type.startsWith("text/event-stream")) {
                    follow(ex, answer.statusCode(), body, ex.getRequestMethod().equals("GET"));
                } else {
                    byte[] bytes = body.readAllBytes();
                    ex.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
                    if (bytes.length > 0) ex.getResponseBody().write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Passes an SSE stream on as it arrives; a standalone (GET) one can be cut by {@link #dropStandaloneStreams}. */
    private void follow(HttpExchange ex, int status, InputStream body, boolean standalone) throws IOException {
        ex.sendResponseHeaders(status, 0);
        OutputStream out = ex.getResponseBody();
        // cutting closes both sides: the client sees its stream end, the server its connection
        AutoCloseable cut = () -> {
            body.close();
            ex.close();
        };
        if (standalone) openStreams.add(cut);
        try {
            byte[] buf = new byte[8192];
            for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut by dropStandaloneStreams, or the client went away
        } finally {
            openStreams.remove(cut);
        }
    }

    private static void asPrimedStream(HttpExchange ex, byte[] json) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write(("id: primed-0\nretry: 50\ndata:\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        out.write(("id: primed-1\ndata: " + new String(json, StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        closing.countDown();
        dropStandaloneStreams();
        http.stop(0);
        client.close();
    }
}
