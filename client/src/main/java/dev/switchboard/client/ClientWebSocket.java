package dev.switchboard.client;

import dev.switchboard.mcp.protocol.RequestId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * MCP over WebSocket (subprotocol {@code mcp}): one JSON-RPC message per text frame each way, on
 * the JDK's own client. Fragments of a message are joined before the session sees it. The JDK
 * allows one outstanding send at a time, so sends are serialized and each waits for the previous.
 */
final class ClientWebSocket implements ClientTransport {
    private final URI endpoint;
    private final HttpClient http;
    private final Duration timeout;
    private final Object sendLock = new Object();
    private volatile WebSocket socket;
    private volatile boolean closing;

    /** Sent with the upgrade request (e.g. {@code Authorization}: the server binds the session to its principal). */
    private final java.util.Map<String, String> headers;

    ClientWebSocket(URI endpoint, HttpClient http, Duration timeout, java.util.Map<String, String> headers) {
        this.headers = headers;
        this.endpoint = endpoint;
        this.http = http != null ? http : HttpClient.newHttpClient();
        this.timeout = timeout;
    }

    @Override
    public void start(Inbox inbox) {
        try {
            WebSocket.Builder b = http.newWebSocketBuilder().subprotocols("mcp").connectTimeout(timeout);
            headers.forEach(b::header);
            socket = b.buildAsync(endpoint, new Listener(inbox))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new McpClientException(McpClientException.Reason.CLOSED, "cannot open a WebSocket to " + endpoint + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpClientException(McpClientException.Reason.CLOSED, "interrupted while opening a WebSocket to " + endpoint, e);
        }
    }

    @Override
    public void send(RequestId awaiting, byte[] message) throws InterruptedException {
        synchronized (sendLock) {
            try {
                socket.sendText(new String(message, StandardCharsets.UTF_8), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new McpClientException(McpClientException.Reason.CLOSED, "cannot send on the WebSocket: " + cause.getMessage(), cause);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        WebSocket ws = socket;
        if (ws == null) return;
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the server is gone or slow to answer: drop the connection either way
        }
        ws.abort();
    }

    /** Joins a message's fragments and hands whole messages to the session. */
    private final class Listener implements WebSocket.Listener {
        private final Inbox inbox;
        private final StringBuilder partial = new StringBuilder();

        Listener(Inbox inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                inbox.receive(message);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            inbox.closed(new McpClientException(McpClientException.Reason.CLOSED,
                    closing ? "the client was closed" : "the server closed the WebSocket: " + status + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            inbox.closed(new McpClientException(McpClientException.Reason.CLOSED,
                    closing ? "the client was closed" : "the WebSocket failed: " + error.getMessage(), error));
        }
    }
}
