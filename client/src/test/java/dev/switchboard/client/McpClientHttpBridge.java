package dev.switchboard.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionChannel;
import dev.switchboard.mcp.spi.SessionHost;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Streamable HTTP server for client tests, on the JDK's {@link HttpServer} and an
 * {@link McpServer}'s sessions: just enough of the transport to exercise every path of the
 * client (JSON and SSE answers, priming events, closed-then-resumed streams, the standalone GET
 * stream, 404 for unknown sessions, 400 for garbage, DELETE).
 *
 * <p>Every SSE message is kept in a per-stream log with ids {@code <stream>-<index>}, so a GET
 * with {@code Last-Event-ID} replays what came after it and waits for the rest.
 */
final class McpClientHttpBridge implements AutoCloseable {

    /** One HTTP request as it arrived: the method and its headers by lower-case name. */
    record Seen(String method, Map<String, String> headers) {}

    /** Answer every request on an SSE stream opened with a priming event (id, retry, no data). */
    volatile boolean primeStreams;
    /** Close every POST stream right after its priming event, so the client must resume with GET. */
    volatile boolean dropPostStreams;
    /** Refuse the standalone GET stream with 405, as servers without one do. */
    volatile boolean refuseStandalone;

    final URI endpoint;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    private final McpServer server;
    private final HttpServer http;
    private final AtomicLong streamIds = new AtomicLong();
    private final Map<String, StreamLog> logs = new ConcurrentHashMap<>();
    private final List<CountDownLatch> standalone = new CopyOnWriteArrayList<>();

    McpClientHttpBridge(McpServer server) {
        this.server = server;
        try {
            this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/mcp", this::handle);
        http.start();
        this.endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/mcp");
    }

    /** The requests seen with {@code method}. */
    List<Seen> seen(String method) {
        return seen.stream().filter(s -> s.method().equals(method)).toList();
    }

    /** Drops every open standalone stream, as a proxy timing out would. */
    void dropStandaloneStreams() {
        standalone.forEach(CountDownLatch::countDown);
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
        seen.add(new Seen(ex.getRequestMethod(), headers));
        try (ex) {
            switch (ex.getRequestMethod()) {
                case "POST" -> post(ex, headers);
                case "GET" -> get(ex, headers);
                case "DELETE" -> {
                    boolean ended = headers.containsKey("mcp-session-id") && server.sessionHost().end(headers.get("mcp-session-id"));
                    ex.sendResponseHeaders(ended ? 200 : 404, -1);
                }
                default -> ex.sendResponseHeaders(405, -1);
            }
        }
    }

    private void post(HttpExchange ex, Map<String, String> headers) throws IOException {
        Decoded message = server.codec().decode(ex.getRequestBody().readAllBytes());
        if (message instanceof Decoded.Failure f) {
            plain(ex, 400, "application/json", new String(server.codec().encodeError(f), StandardCharsets.UTF_8));
            return;
        }
        ServerSession session;
        if (message instanceof Decoded.Request r && r.method().equals(McpMethods.INITIALIZE)) {
            session = ((SessionHost.Opened.Session) server.sessionHost().open("http")).session();
            ex.getResponseHeaders().set("Mcp-Session-Id", session.id());
        } else {
            String id = headers.get("mcp-session-id");
            session = id == null ? null : server.sessionHost().find(id);
            if (session == null) {
                plain(ex, id == null ? 400 : 404, "text/plain", id == null ? "Mcp-Session-Id required" : "no session " + id);
                return;
            }
        }
        if (!(message instanceof Decoded.Request)) {
            session.handle(message, new PostExchange(ex, headers));
            ex.sendResponseHeaders(202, -1);
            return;
        }
        PostExchange exchange = new PostExchange(ex, headers);
        if (primeStreams || dropPostStreams) {
            exchange.openStream();
        }
        session.handle(message, exchange);
        exchange.awaitEnd();
    }

    private void get(HttpExchange ex, Map<String, String> headers) throws IOException {
        String last = headers.get("last-event-id");
        if (last != null) {
            resume(ex, last);
            return;
        }
        ServerSession session = server.sessionHost().find(headers.getOrDefault("mcp-session-id", ""));
        if (session == null || refuseStandalone) {
            ex.sendResponseHeaders(session == null ? 404 : 405, -1);
            return;
        }
        CountDownLatch ended = new CountDownLatch(1);
        standalone.add(ended);
        startStream(ex);
        OutputStream out = ex.getResponseBody();
        write(out, "retry: 50\n\n");
        SessionChannel channel = m -> {
            try {
                write(out, "data: " + new String(m, StandardCharsets.UTF_8) + "\n\n");
                return true;
            } catch (IOException e) {
                ended.countDown();
                return false;
            }
        };
        session.attach(channel);
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.detach(channel);
            standalone.remove(ended);
        }
    }

    /** Replays a POST stream's log after {@code lastEventId}, then follows it until the response. */
    private void resume(HttpExchange ex, String lastEventId) throws IOException {
        int dash = lastEventId.lastIndexOf('-');
        StreamLog log = dash < 0 ? null : logs.get(lastEventId.substring(0, dash));
        if (log == null) {
            ex.sendResponseHeaders(404, -1);
            return;
        }
        startStream(ex);
        OutputStream out = ex.getResponseBody();
        try {
            for (int next = Integer.parseInt(lastEventId.substring(dash + 1)) + 1; ; next++) {
                String event = log.await(next);
                if (event == null) {
                    return;
                }
                write(out, event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void startStream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
    }

    private static void plain(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void write(OutputStream out, String event) throws IOException {
        synchronized (out) {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Override
    public void close() {
        dropStandaloneStreams();
        logs.values().forEach(StreamLog::finish);
        http.stop(0);
    }

    /** The events of one POST stream, kept for replay. */
    private static final class StreamLog {
        private final List<String> events = new ArrayList<>();
        private boolean done;

        synchronized void add(String event, boolean last) {
            events.add(event);
            done |= last;
            notifyAll();
        }

        synchronized void finish() {
            done = true;
            notifyAll();
        }

        /** Event {@code index}, waiting for it; null once the stream ended before it. */
        synchronized String await(int index) throws InterruptedException {
            while (events.size() <= index && !done) {
                wait();
            }
            return index < events.size() ? events.get(index) : null;
        }
    }

    /** One POST's answer: plain JSON when the response comes first, else an SSE stream. */
    private final class PostExchange implements Exchange {
        private final HttpExchange ex;
        private final Map<String, List<String>> headers = new HashMap<>();
        private final CountDownLatch end = new CountDownLatch(1);
        private StreamLog log;
        private String streamId;
        private boolean connected;

        PostExchange(HttpExchange ex, Map<String, String> requestHeaders) {
            this.ex = ex;
            requestHeaders.forEach((k, v) -> headers.put(k, List.of(v)));
        }

        synchronized void openStream() throws IOException {
            streamId = "s" + streamIds.incrementAndGet();
            log = new StreamLog();
            logs.put(streamId, log);
            startStream(ex);
            connected = true;
            event("retry: 50\n", "", false);
            if (dropPostStreams) {
                // the 2025-11-25 polling pattern: prime, close, let the client come back with GET
                connected = false;
                end.countDown();
            }
        }

        private void event(String prefix, String data, boolean last) {
            String event = prefix + "id: " + streamId + "-" + log.events.size() + "\ndata: " + data + "\n\n";
            log.add(event, last);
            if (connected) {
                try {
                    write(ex.getResponseBody(), event);
                } catch (IOException e) {
                    connected = false;
                }
            }
            if (last) {
                end.countDown();
            }
        }

        @Override
        public synchronized void send(byte[] message) {
            try {
                if (log == null) {
                    openStream();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            event("", new String(message, StandardCharsets.UTF_8), false);
        }

        @Override
        public synchronized void respond(byte[] response) {
            if (log != null) {
                event("", new String(response, StandardCharsets.UTF_8), true);
                return;
            }
            try {
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, response.length);
                ex.getResponseBody().write(response);
            } catch (IOException e) {
                // the client went away
            }
            end.countDown();
        }

        @Override
        public synchronized void abandon() {
            if (log != null) {
                log.finish();
            }
            end.countDown();
        }

        @Override
        public Map<String, List<String>> headers() {
            return headers;
        }

        void awaitEnd() {
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
