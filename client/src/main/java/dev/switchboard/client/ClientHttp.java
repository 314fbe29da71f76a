package dev.switchboard.client;

import dev.switchboard.mcp.protocol.RequestId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Streamable HTTP transport of MCP 2025-11-25 on {@link HttpClient}.
 *
 * <p>Every message is a POST. The answer to a request is either one JSON message or an SSE stream
 * carrying progress, logs and server-to-client requests before the response; notifications and
 * responses get 202. {@link #send} returns once the headers are in, so HTTP errors surface on the
 * caller's thread, and a stream is read on by a virtual thread of its own: the caller may need to
 * answer a sampling request that arrives on it, which is another POST.
 *
 * <p>A stream that breaks before its response is resumed with a GET carrying
 * {@code Last-Event-ID}, when the server gave event ids; 2025-11-25 servers may even close streams
 * on purpose and expect that. After initialization a standalone GET stream carries messages that
 * belong to no request, and is reopened the same way when it drops; a 405 means the server offers
 * none.
 */
final class ClientHttp implements ClientTransport {

    private static final String SESSION_ID = "Mcp-Session-Id";
    private static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    private static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final int MAX_RESUMES = 5;
    private static final int MAX_LISTEN_FAILURES = 8;
    private static final int MAX_ERROR_BODY = 8192;
    /** The longest close() waits for the session's DELETE (or the request timeout, when shorter). */
    static final Duration DELETE_TIMEOUT = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(ClientHttp.class.getName());

    private final URI endpoint;
    private final HttpClient http;
    private final boolean ownsClient;
    private final Duration timeout;
    /** Headers sent with every request (e.g. {@code Authorization}), from the builder. */
    private final java.util.Map<String, String> headers;
    private final Set<Thread> readers = ConcurrentHashMap.newKeySet();
    /** Bumped by each {@link #listen}; a standalone reader of an older generation stops. */
    private final AtomicInteger listeners = new AtomicInteger();
    private volatile Inbox inbox;
    private volatile Thread listener;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean closed;
    /** POSTs over pooled keep-alive sockets instead of {@link #http}, when the builder asked for it (plain http only). */
    private final KeepAlivePosts posts;
    /** The largest response body or stream event taken; a larger one is refused unread, failing the request it answers. */
    private final int maxMessageBytes;

    ClientHttp(URI endpoint, HttpClient http, Duration timeout, java.util.Map<String, String> headers) {
        this(endpoint, http, timeout, headers, false, ClientStdio.DEFAULT_MAX_MESSAGE_BYTES);
    }

    ClientHttp(URI endpoint, HttpClient http, Duration timeout, java.util.Map<String, String> headers, boolean keepAliveSockets,
               int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.posts = keepAliveSockets && "http".equalsIgnoreCase(endpoint.getScheme())
                ? new KeepAlivePosts(endpoint, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis())) : null;
        this.endpoint = endpoint;
        this.headers = headers;
        this.ownsClient = http == null;
        // HTTP/1.1 on plain http: the default HTTP/2 would first try an h2c upgrade, which many
        // servers (and proxies) mishandle on a POST; https negotiates HTTP/2 through ALPN instead
        this.http = http != null ? http : HttpClient.newBuilder()
                .version("http".equalsIgnoreCase(endpoint.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .connectTimeout(timeout)
                .build();
        this.timeout = timeout;
    }

    @Override
    public void start(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void send(RequestId awaiting, byte[] message) throws InterruptedException {
        if (posts != null) {
            sendOnSocket(awaiting, message);
            return;
        }
        HttpRequest request = request()
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message))
                .build();
        HttpResponse<InputStream> response = exchange(request);
        response.headers().firstValue(SESSION_ID).ifPresent(id -> sessionId = id);
        int status = response.statusCode();
        if (status >= 300) {
            throw failure("POST", response);
        }
        if (isEventStream(response)) {
            read("mcp-client-http-response", () -> follow(response.body(), awaiting));
            return;
        }
        answered(awaiting, status, response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Content-Length").orElse(null), response.body());
    }

    /**
     * A JSON answer to a POST: refused before reading when its Content-Length is over the limit,
     * cut off at the limit otherwise (chunked), refused when its Content-Type is neither JSON nor
     * absent and it does not even start like JSON (an HTML error page); then handed to the inbox, and when it was not the response {@code awaiting} waits
     * for (garbage, another id), that request fails now instead of waiting out its timeout.
     */
    private void answered(RequestId awaiting, int status, String contentType, String contentLength, InputStream stream) {
        long declared = AnswerBodies.length(contentLength);
        if (declared > maxMessageBytes) {
            AnswerBodies.closeUnread(stream); // the connection is dropped, not drained
            inbox.refused(awaiting, new McpClientException(McpClientException.Reason.TOO_LARGE, "the server answered request " + awaiting
                    + " with a body of " + declared + " bytes (Content-Length), over the limit of " + maxMessageBytes + " bytes; it was not read"));
            return;
        }
        byte[] body = AnswerBodies.read(stream, declared, maxMessageBytes);
        if (body == null) {
            inbox.refused(awaiting, new McpClientException(McpClientException.Reason.TOO_LARGE, "the server answered request " + awaiting
                    + " with a body of more than " + maxMessageBytes + " bytes (the limit); it was cut off there"));
            return;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        boolean json = type.isEmpty() || type.startsWith("application/json") || type.contains("+json");
        if (awaiting == null) {
            // the answer to a notification or response is 202 and its body, if any, means nothing (some servers write "Accepted")
            if (json && !AnswerBodies.blank(body)) inbox.receive(body);
            return;
        }
        if (!json && !AnswerBodies.startsLikeJson(body)) {
            inbox.refused(awaiting, new McpClientException(McpClientException.Reason.PROTOCOL, "the server answered request " + awaiting
                    + " with HTTP " + status + " and Content-Type " + contentType + " (a Streamable HTTP server answers with application/json"
                    + " or text/event-stream): " + AnswerBodies.excerpt(body)));
            return;
        }
        if (AnswerBodies.blank(body)) {
            inbox.lost(awaiting, new McpClientException(McpClientException.Reason.PROTOCOL,
                    "the server answered request " + awaiting + " with HTTP " + status + " and no body"));
            return;
        }
        inbox.receive(body);
        // the inbox already logged and counted a body it could not read; this only ends the wait
        if (inbox.awaits(awaiting)) inbox.lost(awaiting, new McpClientException(McpClientException.Reason.PROTOCOL,
                "the server answered request " + awaiting + " with HTTP " + status + (json ? "" : " and Content-Type " + contentType)
                        + " and a body that is not its JSON-RPC response: " + AnswerBodies.excerpt(body)));
    }

    /** {@link #send} over a pooled socket: the same answers, read the same way. */
    private void sendOnSocket(RequestId awaiting, byte[] message) throws InterruptedException {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json, text/event-stream");
        String session = sessionId;
        if (session != null) h.put(SESSION_ID, session);
        String version = protocolVersion;
        if (version != null) h.put(PROTOCOL_VERSION, version);
        KeepAlivePosts.Reply reply;
        try {
            reply = posts.post(h, message);
        } catch (IOException e) {
            // cleared, as a thrown InterruptedException promises: the caller's next POST (notifications/cancelled) must still go out
            if (Thread.interrupted()) throw new InterruptedException("POST " + endpoint + " interrupted");
            if (KeepAlivePosts.timedOut(e)) throw new McpClientException(McpClientException.Reason.TIMEOUT, "no answer to POST "
                    + endpoint + " within " + timeout.toMillis() + " ms", e);
            throw new McpClientException(McpClientException.Reason.CLOSED, "POST " + endpoint + " failed: " + e, e,
                    e instanceof java.net.ConnectException); // no connection: the server never saw the request
        }
        String id = reply.header("mcp-session-id");
        if (id != null) sessionId = id;
        int status = reply.status();
        if (status >= 300) {
            String body = text(reply.body(), MAX_ERROR_BODY);
            throw failure("POST", status, body);
        }
        if (reply.header("content-type") != null && reply.header("content-type").toLowerCase().startsWith("text/event-stream")) {
            read("mcp-client-http-response", () -> follow(reply.body(), awaiting));
            return;
        }
        answered(awaiting, status, reply.header("content-type"), reply.header("content-length"), reply.body());
    }

    @Override
    public void negotiated(String version) {
        this.protocolVersion = version;
    }

    @Override
    public void listen() {
        // a second initialize starts a new session: the old session's stream must not reconnect into it
        int generation = listeners.incrementAndGet();
        Thread previous = listener;
        if (previous != null) {
            previous.interrupt();
        }
        if (!closed) {
            listener = read("mcp-client-http-listen", () -> standalone(generation));
        }
    }

    private HttpRequest.Builder request() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(timeout);
        headers.forEach(builder::header);
        String session = sessionId;
        if (session != null) {
            builder.header(SESSION_ID, session);
        }
        String version = protocolVersion;
        if (version != null) {
            builder.header(PROTOCOL_VERSION, version);
        }
        return builder;
    }

    private HttpRequest get(String lastEventId) {
        HttpRequest.Builder builder = request().header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            builder.header(LAST_EVENT_ID, lastEventId);
        }
        return builder.build();
    }

    private HttpResponse<InputStream> exchange(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new McpClientException(McpClientException.Reason.TIMEOUT, "no answer to " + request.method()
                    + " " + endpoint + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new McpClientException(McpClientException.Reason.CLOSED, request.method() + " " + endpoint
                    + " failed: " + e, e);
        }
    }

    private McpClientException failure(String method, HttpResponse<InputStream> response) {
        return failure(method, response.statusCode(), text(response.body(), MAX_ERROR_BODY));
    }

    private McpClientException failure(String method, int status, String body) {
        String hint = "";
        if (status == 404 && sessionId != null) {
            // the spec's signal that the session is gone; a new initialize starts a fresh one
            hint = " (session " + sessionId + " expired or unknown; call initialize() to start a new one)";
            sessionId = null;
            protocolVersion = null;
        }
        return new McpClientException(status, body, "HTTP " + status + " from " + method + " " + endpoint + hint
                + (body.isEmpty() ? "" : ": " + body));
    }

    /** Reads the response stream of the POST for {@code awaiting}, resuming it while the response is missing. */
    private void follow(InputStream body, RequestId awaiting) {
        ClientEventStream stream = new ClientEventStream(body, maxMessageBytes);
        if (pump(stream, awaiting)) return;
        String lastEventId = stream.lastEventId();
        long retry = stream.retryMillis();
        for (int resumes = 0; awaiting != null && inbox.awaits(awaiting) && !closed; resumes++) {
            if (lastEventId == null || resumes == MAX_RESUMES) {
                inbox.lost(awaiting, new McpClientException(McpClientException.Reason.CLOSED, "the stream for request "
                        + awaiting + " ended before its response"
                        + (lastEventId == null ? " and gave no event id to resume from" : ", " + MAX_RESUMES + " resumptions failed")));
                return;
            }
            try {
                Thread.sleep(Math.max(0, retry));
                HttpResponse<InputStream> resumed = exchange(get(lastEventId));
                if (resumed.statusCode() >= 300 || !isEventStream(resumed)) {
                    inbox.lost(awaiting, resumed.statusCode() >= 300 ? failure("GET", resumed)
                            : new McpClientException(McpClientException.Reason.PROTOCOL, "resuming request "
                                    + awaiting + " got no event stream"));
                    return;
                }
                stream = new ClientEventStream(resumed.body(), maxMessageBytes);
            } catch (InterruptedException e) {
                return;
            } catch (McpClientException e) {
                inbox.lost(awaiting, e);
                return;
            }
            if (pump(stream, awaiting)) return;
            lastEventId = stream.lastEventId() != null ? stream.lastEventId() : lastEventId;
            retry = stream.retryMillis() >= 0 ? stream.retryMillis() : retry;
        }
    }

    /** The standalone stream: open, read until it drops, reopen after the server's retry advice or a backoff. */
    private void standalone(int generation) {
        String lastEventId = null;
        long retry = -1;
        int failures = 0;
        while (!closed && listeners.get() == generation && failures < MAX_LISTEN_FAILURES) {
            try {
                HttpResponse<InputStream> response = exchange(get(lastEventId));
                int status = response.statusCode();
                if (status == 405 || status == 404) {
                    // 405: the server offers no standalone stream; 404: the session is gone
                    response.body().close();
                    return;
                }
                if (status >= 300 || !isEventStream(response)) {
                    response.body().close();
                    failures++;
                } else {
                    failures = 0;
                    ClientEventStream stream = new ClientEventStream(response.body(), maxMessageBytes);
                    pump(stream, null);
                    lastEventId = stream.lastEventId() != null ? stream.lastEventId() : lastEventId;
                    retry = stream.retryMillis() >= 0 ? stream.retryMillis() : retry;
                }
            } catch (McpClientException | IOException e) {
                failures++;
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(retry >= 0 ? retry : Math.min(30_000L, 1_000L << failures));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Hands every message event to the inbox until the stream ends or breaks. An event over the
     * limit ends a request's stream (that request fails, and the stream is not resumed onto the
     * same event); on the standalone stream it is skipped and counted, and the stream goes on.
     *
     * @return true when an event over the limit ended the stream of {@code awaiting}
     */
    private boolean pump(ClientEventStream stream, RequestId awaiting) {
        try (stream) {
            while (!closed) {
                ClientEventStream.Event event;
                try {
                    event = stream.next();
                } catch (ClientEventStream.TooLarge e) {
                    if (awaiting != null) {
                        inbox.refused(awaiting, new McpClientException(McpClientException.Reason.TOO_LARGE, "the server sent "
                                + e.getMessage() + " on the stream answering request " + awaiting + "; the stream was closed"));
                        return true;
                    }
                    inbox.refused(null, new McpClientException(McpClientException.Reason.TOO_LARGE, "the server sent "
                            + e.getMessage() + " on its standalone stream; it was skipped"));
                    if (stream.skipEvent()) continue;
                    return false; // dropped: reopened as any dropped stream
                }
                if (event == null) return false;
                if (event.type().equals("message")) {
                    inbox.receive(event.data());
                }
            }
        } catch (IOException e) {
            // a dropped stream; the caller decides whether to resume
        }
        return false;
    }

    private Thread read(String name, Runnable reader) {
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                reader.run();
            } finally {
                readers.remove(Thread.currentThread());
            }
        });
        readers.add(thread);
        thread.start();
        return thread;
    }

    private static boolean isEventStream(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase().startsWith("text/event-stream");
    }

    private static String text(InputStream body, int max) {
        try (body) {
            byte[] bytes = body.readNBytes(max);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Ends the session with a DELETE (a 405 means the server does not let clients end sessions), then stops the readers. */
    @Override
    public void close() {
        closed = true;
        String session = sessionId;
        if (session != null) {
            // bounded on its own, short clock: a server that went away (or a connection left half-open) must not hold
            // close() for the whole request timeout; the session ends with the server anyway
            Duration bound = timeout.compareTo(DELETE_TIMEOUT) < 0 ? timeout : DELETE_TIMEOUT;
            CompletableFuture<HttpResponse<Void>> delete = http.sendAsync(request().timeout(bound).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            try {
                delete.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "DELETE of session " + session + " at " + endpoint + " did not complete: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                delete.cancel(true);
            }
        }
        readers.forEach(Thread::interrupt);
        if (posts != null) {
            posts.close();
        }
        if (ownsClient) {
            http.shutdownNow();
        }
    }
}
