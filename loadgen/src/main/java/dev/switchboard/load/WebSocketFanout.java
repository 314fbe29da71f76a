package dev.switchboard.load;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code fanout} over WebSocket ({@code --url ws://…/mcp/ws}): S subscribers, each a WebSocket
 * with its own session, {@code resources/subscribe} to one resource; one more WebSocket calls the
 * trigger tool H times a second. As in {@link Fanout}, update k is sent at a known moment and every
 * subscriber hears the updates in order, so its k-th notification's delivery latency is its arrival
 * minus update k's send time. The JDK's WebSocket client: one selector thread for all of them.
 */
final class WebSocketFanout {
    private static final String MARKER = "notifications/resources/updated";

    private WebSocketFanout() {}

    /** One connection: whole text messages to {@code onMessage}; the replies to ids 1 and 2 complete {@code ready}. */
    private static final class Subscriber implements WebSocket.Listener {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final java.util.function.Consumer<String> onMessage;
        WebSocket socket;

        Subscriber(java.util.function.Consumer<String> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String m = partial.toString();
                partial.setLength(0);
                if (m.contains("\"id\":2,")) {
                    if (m.contains("\"error\"")) ready.completeExceptionally(new IllegalStateException(m));
                    else ready.complete(null);
                } else if (m.contains("\"id\":1,")) {
                    ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", true);
                } else {
                    onMessage.accept(m);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ready.completeExceptionally(error);
        }
    }

    static LoadResult run(LoadSpec spec, Progress progress) throws InterruptedException {
        Measurements m = new Measurements();
        int updates = (int) Math.max(1, Math.round(spec.hz() * spec.duration().toNanos() / 1e9));
        AtomicLongArray sentAt = new AtomicLongArray(updates);
        AtomicLong delivered = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        HttpClient http = HttpClient.newHttpClient();
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"sb-load-fanout\",\"version\":\"1\"}}}";
        String subscribe = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":" + Requests.quote(spec.resource()) + "}}";
        List<Subscriber> subscribers = new ArrayList<>();
        int failedSetups = 0;
        for (int i = 0; i <= spec.subscribers(); i++) {
            int[] heard = {0};
            boolean isTrigger = i == spec.subscribers();
            Subscriber s = new Subscriber(msg -> {
                if (isTrigger || !msg.contains(MARKER) || !msg.contains(spec.resource())) return;
                int k = heard[0]++;
                if (k < sent.get()) m.success(System.nanoTime() - sentAt.get(k));
                else m.failure("unexpected notification");
                delivered.incrementAndGet();
            });
            try {
                s.socket = http.newWebSocketBuilder().subprotocols("mcp").buildAsync(spec.url(), s).get(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
                s.socket.sendText(init, true).join();
                // initialize's answer sends initialized; subscribe goes right behind it on the same connection
                s.socket.sendText(subscribe, true).join();
                s.ready.get(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
                subscribers.add(s);
            } catch (Exception e) {
                failedSetups++;
                m.failure("setup: " + Outcome.of(e));
            }
            progress.update(i + 1, spec.subscribers() + 1);
        }
        if (subscribers.isEmpty()) throw new IllegalArgumentException("no subscriber could connect to " + spec.url());
        Subscriber trigger = subscribers.removeLast();
        String call = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":" + Requests.quote(spec.triggerTool()) + ",\"arguments\":{}}}";
        long expected = (long) updates * subscribers.size();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().unstarted(r));
        m.start();
        sampler.scheduleAtFixedRate(() -> {
            m.sample();
            progress.update(delivered.get(), expected);
        }, Run.SAMPLE_MILLIS, Run.SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        try {
            long start = System.nanoTime();
            for (int k = 0; k < updates; k++) {
                long wait = start + (long) (k * 1e9 / spec.hz()) - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                sentAt.set(k, System.nanoTime());
                sent.incrementAndGet();
                trigger.socket.sendText(call.formatted(100 + k), true).join();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (delivered.get() < expected && System.nanoTime() < deadline) Thread.sleep(10);
        } finally {
            sampler.shutdownNow();
            for (Subscriber s : subscribers) s.socket.abort();
            trigger.socket.abort();
        }
        LoadResult r = m.result(spec.scenario().label(), spec.url().toString(), "notifications/resources/updated over WebSocket", subscribers.size(), Map.of());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("updates", updates);
        extra.put("subscribers", subscribers.size());
        extra.put("failedSetups", failedSetups);
        extra.put("delivered", delivered.get());
        extra.put("expected", expected);
        extra.put("deliveredRatio", expected == 0 ? 0 : (double) delivered.get() / expected);
        extra.put("updateHz", spec.hz());
        return HttpScenarios.withExtra(r, extra);
    }
}
