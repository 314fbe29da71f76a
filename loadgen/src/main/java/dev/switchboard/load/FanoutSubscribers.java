package dev.switchboard.load;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The subscribers of a fanout scale run, over WebSocket (a {@link WsSession} each) or Streamable
 * HTTP (a session and its GET stream each, on the generator's {@link Run}): all on a few event
 * loops, spread over 8 loopback source addresses. Every notification goes to the current
 * {@link FanoutStep}.
 */
final class FanoutSubscribers implements AutoCloseable {
    private static final int SOURCE_ADDRESSES = 8;
    private static final int WINDOW = 512;
    private static final String MARKER = "notifications/resources/updated";

    private volatile FanoutStep step;
    private final List<WsSession> sockets = new ArrayList<>();
    private final List<Worker> streams = new ArrayList<>();
    private WsClients wsClients;
    private Run run;
    private int count;
    private double setupSeconds;
    private final AtomicReference<String> firstError = new AtomicReference<>();

    private FanoutSubscribers() {}

    static FanoutSubscribers open(String transport, URI http, URI ws, String resource, int n, int eventLoops) throws InterruptedException {
        FanoutSubscribers s = new FanoutSubscribers();
        long start = System.nanoTime();
        switch (transport) {
            case "websocket" -> s.openWebSockets(ws, resource, n, eventLoops);
            case "streamable-http" -> s.openStreams(http, resource, n, eventLoops);
            default -> throw new IllegalArgumentException("fanout --scale runs over websocket or streamable-http, not '" + transport + "'");
        }
        s.setupSeconds = (System.nanoTime() - start) / 1e9;
        return s;
    }

    private static InetSocketAddress source(int i) {
        return new InetSocketAddress("127.0.0." + (1 + i % SOURCE_ADDRESSES), 0);
    }

    private void openWebSockets(URI ws, String resource, int n, int eventLoops) throws InterruptedException {
        wsClients = new WsClients(ws, eventLoops, java.time.Duration.ofSeconds(30));
        Semaphore window = new Semaphore(WINDOW);
        List<CompletableFuture<WsSession>> all = new ArrayList<>();
        List<FanoutStep.Heard> heards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            window.acquire();
            FanoutStep.Heard heard = new FanoutStep.Heard();
            CompletableFuture<WsSession> f = wsClients.open(source(i), resource, () -> heardOne(heard));
            f.whenComplete((x, e) -> window.release());
            all.add(f);
            heards.add(heard);
        }
        for (int i = 0; i < all.size(); i++) {
            try {
                sockets.add(all.get(i).get(60, TimeUnit.SECONDS));
                heards.get(i).live = true;
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                firstError.compareAndSet(null, Outcome.of(cause));
            }
        }
        count = sockets.size();
    }

    private void openStreams(URI http, String resource, int n, int eventLoops) throws InterruptedException {
        run = new Run(LoadSpec.of(Scenario.FANOUT, http).withEventLoops(eventLoops));
        String subscribe = "{\"uri\":" + Requests.quote(resource) + "}";
        List<Worker> subscribed = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.Map<Worker, FanoutStep.Heard> heards = new java.util.concurrent.ConcurrentHashMap<>();
        run.workers(n, WINDOW, i -> new Worker(run.client, run.requests, source(i)), w -> {
            FanoutStep.Heard heard = new FanoutStep.Heard();
            heards.put(w, heard);
            return w.request("resources/subscribe", subscribe).thenCompose(error -> error != null ? CompletableFuture.completedFuture("subscribe: " + error)
                    : w.connection().openStream(run.requests.stream(w.session()), IdleSessions.STREAM_GRACE, data -> {
                        if (data.contains(MARKER)) heardOne(heard);
                    }).thenApply(status -> status == 200 || status == 0 ? null : "GET: http " + status).exceptionally(Outcome::of))
                    .whenComplete((error, e) -> {
                        if (error != null || e != null) firstError.compareAndSet(null, error != null ? error : Outcome.of(e));
                        else subscribed.add(w);
                    });
        });
        synchronized (subscribed) {
            streams.addAll(subscribed);
        }
        // a setup that completes after this (past the generator's deadline) never counts
        for (Worker w : streams) heards.get(w).live = true;
        count = streams.size();
    }

    private void heardOne(FanoutStep.Heard heard) {
        FanoutStep s = step;
        if (s != null && heard.live) s.heard(heard);
    }

    void listen(FanoutStep s) {
        step = s;
    }

    int count() {
        return count;
    }

    /** Subscribers whose connection is still open. */
    int open() {
        int n = 0;
        for (WsSession s : sockets) if (s.isOpen()) n++;
        for (Worker w : streams) if (w.connection().isOpen()) n++;
        return n;
    }

    double setupSeconds() {
        return setupSeconds;
    }

    String firstError() {
        return firstError.get();
    }

    @Override
    public void close() {
        sockets.forEach(WsSession::close);
        if (wsClients != null) wsClients.close();
        if (run != null) run.close();
    }
}
