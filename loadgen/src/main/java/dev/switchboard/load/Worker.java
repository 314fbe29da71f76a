package dev.switchboard.load;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated client: a connection and, in MCP mode, the session on it. Its operations complete
 * with the error kind, or null on success; they never complete exceptionally, so drivers only
 * count. A worker whose connection broke reconnects (and re-initializes) on its next operation.
 */
final class Worker {
    private final LoadClient client;
    private final Requests requests;
    private final InetSocketAddress local;
    private HttpConnection connection;
    private String session;
    private byte[] callHead;
    private long nextId = 1;

    Worker(LoadClient client, Requests requests, InetSocketAddress local) {
        this.client = client;
        this.requests = requests;
        this.local = local;
    }

    String session() {
        return session;
    }

    HttpConnection connection() {
        return connection;
    }

    /**
     * Connects if needed. A session outlives its connection (a server may close one after an SSE
     * answer), so a reconnect keeps it; a 404 on a call ends it instead.
     */
    CompletableFuture<String> connect() {
        if (connection != null && connection.isOpen()) return CompletableFuture.completedFuture(null);
        return client.connect(requests.address(), local).handle((c, e) -> {
            if (e != null) return Outcome.of(e);
            connection = c;
            return null;
        });
    }

    /** Connects if needed and opens an MCP session: initialize, then notifications/initialized. */
    CompletableFuture<String> open() {
        if (connection != null && connection.isOpen() && session != null) return CompletableFuture.completedFuture(null);
        return connect().thenCompose(error -> error != null || session != null ? CompletableFuture.completedFuture(error) : initialize());
    }

    private CompletableFuture<String> initialize() {
        return connection.send(requests.initialize(nextId++)).thenCompose(reply -> {
            String error = Outcome.of(reply, true);
            if (error != null) return CompletableFuture.completedFuture("initialize: " + error);
            if (reply.sessionId() == null) return CompletableFuture.completedFuture("initialize: no Mcp-Session-Id");
            session = reply.sessionId();
            callHead = requests.postHead(session);
            return connection.send(requests.initialized(session)).thenApply(r -> r.status() >= 300 ? "initialized: http " + r.status() : null);
        }).exceptionally(Outcome::of);
    }

    /** One tools/call on the open session. */
    CompletableFuture<String> call() {
        if (connection != null && connection.isOpen() && session != null) return sendCall(); // the hot path: two futures, no composition
        return open().thenCompose(error -> error != null ? CompletableFuture.completedFuture(error) : sendCall());
    }

    /** One task-augmented tools/call on the open session; an answer that created no task is an error ("no task"). */
    CompletableFuture<String> taskCall() {
        if (connection != null && connection.isOpen() && session != null) return sendCall(true);
        return open().thenCompose(error -> error != null ? CompletableFuture.completedFuture(error) : sendCall(true));
    }

    private CompletableFuture<String> sendCall() {
        return sendCall(false);
    }

    private CompletableFuture<String> sendCall(boolean task) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        connection.send(task ? requests.taskCall(callHead, nextId++) : requests.call(callHead, nextId++), (r, e) -> {
            if (e != null) {
                outcome.complete(Outcome.of(e));
                return;
            }
            if (r.status() == 404) session = null; // evicted or unknown: the next call opens a new one
            String error = Outcome.of(r, true);
            outcome.complete(error == null && task && !Outcome.createdTask(r) ? "no task" : error);
        });
        return outcome;
    }

    /** One stateless-era tools/call: no session, so only a connection is needed. */
    CompletableFuture<String> stateless() {
        if (connection != null && connection.isOpen()) return connection.send(requests.statelessCall(nextId++)).handle((r, e) -> e != null ? Outcome.of(e) : Outcome.of(r, true));
        return connect().thenCompose(error -> error != null ? CompletableFuture.completedFuture(error)
                : connection.send(requests.statelessCall(nextId++)).handle((r, e) -> e != null ? Outcome.of(e) : Outcome.of(r, true)));
    }

    /** One JSON-RPC request on the open session, classified like a tools/call. */
    CompletableFuture<String> request(String method, String paramsJson) {
        return open().thenCompose(error -> error != null ? CompletableFuture.completedFuture(error)
                : connection.send(requests.request(session, nextId++, method, paramsJson)).thenApply(r -> Outcome.of(r, true)).exceptionally(Outcome::of));
    }

    /** One plain HTTP request. */
    CompletableFuture<String> plain(Requests.Raw request) {
        if (connection != null && connection.isOpen()) return connection.send(request).handle((r, e) -> e != null ? Outcome.of(e) : Outcome.of(r, false));
        return connect().thenCompose(error -> error != null ? CompletableFuture.completedFuture(error)
                : connection.send(request).handle((r, e) -> e != null ? Outcome.of(e) : Outcome.of(r, false)));
    }

    /** One churn iteration: a new session, one tools/call, DELETE. */
    CompletableFuture<String> churn() {
        return connect().thenCompose(error -> {
            if (error != null) return CompletableFuture.completedFuture(error);
            session = null;
            return initialize();
        }).thenCompose(error -> error != null ? CompletableFuture.completedFuture(error)
                : connection.send(requests.call(callHead, nextId++)).thenApply(r -> Outcome.of(r, true)))
          .thenCompose(error -> {
              if (error != null || session == null) return CompletableFuture.completedFuture(error);
              String ended = session;
              session = null;
              return connection.send(requests.delete(ended)).thenApply(r -> r.status() >= 300 ? "DELETE: http " + r.status() : null);
          }).exceptionally(Outcome::of);
    }

    /** DELETEs the session if one is open (best effort, at the end of a run). */
    CompletableFuture<Void> end() {
        if (connection == null || !connection.isOpen() || session == null) return CompletableFuture.completedFuture(null);
        String ended = session;
        session = null;
        return connection.send(requests.delete(ended)).handle((r, e) -> null);
    }

    void close() {
        if (connection != null) connection.close();
    }
}
