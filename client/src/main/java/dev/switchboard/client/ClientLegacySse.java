package dev.switchboard.client;

import dev.switchboard.mcp.protocol.RequestId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP+SSE transport of MCP 2024-11-05, for servers that still speak only that: a GET opens
 * the event stream, whose {@code endpoint} event names the URL to POST each message to; every
 * answer arrives as a {@code message} event on the stream. A POST is done when the server accepts
 * it (202); a status that is not 2xx fails the send with the server's answer.
 */
final class ClientLegacySse implements ClientTransport {
    private final URI streamUri;
    private final HttpClient http;
    private final Duration timeout;
    private final CompletableFuture<URI> postTo = new CompletableFuture<>();
    private volatile InputStream stream;
    private volatile boolean closing;

    /** Sent with the stream's GET and every POST (e.g. {@code Authorization}). */
    private final java.util.Map<String, String> headers;

    ClientLegacySse(URI streamUri, HttpClient http, Duration timeout, java.util.Map<String, String> headers) {
        this.headers = headers;
        this.streamUri = streamUri;
        this.http = http != null ? http : HttpClient.newHttpClient();
        this.timeout = timeout;
    }

    @Override
    public void start(Inbox inbox) {
        HttpResponse<InputStream> r;
        try {
            r = http.send(withHeaders(HttpRequest.newBuilder(streamUri)).header("Accept", "text/event-stream").timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new McpClientException(McpClientException.Reason.CLOSED, "cannot open the SSE stream " + streamUri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpClientException(McpClientException.Reason.CLOSED, "interrupted while opening " + streamUri, e);
        }
        if (r.statusCode() != 200) {
            String body = readQuietly(r.body());
            throw new McpClientException(r.statusCode(), body, "GET " + streamUri + " answered " + r.statusCode() + ": " + body);
        }
        stream = r.body();
        Thread.ofVirtual().name("mcp-client-sse-reader").start(() -> read(r.body(), inbox));
        try {
            postTo.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new McpClientException(McpClientException.Reason.PROTOCOL, "the SSE stream sent no endpoint event within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpClientException(McpClientException.Reason.CLOSED, "interrupted while waiting for the endpoint event", e);
        }
    }

    private void read(InputStream body, Inbox inbox) {
        McpClientException cause;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) dispatch(event, data.toString(), inbox);
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) data.append('\n');
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                }
            }
            cause = new McpClientException(McpClientException.Reason.CLOSED, closing ? "the client was closed" : "the server ended the SSE stream");
        } catch (IOException e) {
            cause = new McpClientException(McpClientException.Reason.CLOSED, closing ? "the client was closed" : "reading the SSE stream failed: " + e.getMessage(), e);
        }
        postTo.completeExceptionally(cause);
        inbox.closed(cause);
    }

    private void dispatch(String event, String data, Inbox inbox) {
        if (event.equals("endpoint")) postTo.complete(streamUri.resolve(data.trim()));
        else if (event.equals("message")) inbox.receive(data);
    }

    @Override
    public void send(RequestId awaiting, byte[] message) throws InterruptedException {
        URI target = postTo.getNow(null);
        if (target == null) throw new McpClientException(McpClientException.Reason.CLOSED, "the SSE stream is not open");
        HttpResponse<String> r;
        try {
            r = http.send(withHeaders(HttpRequest.newBuilder(target)).header("Content-Type", "application/json").timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(message)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new McpClientException(McpClientException.Reason.CLOSED, "POST " + target + " failed: " + e.getMessage(), e);
        }
        if (r.statusCode() / 100 != 2)
            throw new McpClientException(r.statusCode(), r.body(), "POST " + target + " answered " + r.statusCode() + ": " + r.body());
    }

    @Override
    public void close() {
        closing = true;
        InputStream s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    private static String readQuietly(InputStream in) {
        try (in) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private HttpRequest.Builder withHeaders(HttpRequest.Builder b) {
        headers.forEach(b::header);
        return b;
    }
}
