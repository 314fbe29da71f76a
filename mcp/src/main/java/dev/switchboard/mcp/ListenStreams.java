package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.Listen;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.TaskMessages;
import dev.switchboard.mcp.spi.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The open {@code subscriptions/listen} streams of stateless clients. A stream is acknowledged
 * first, then gets exactly the notification types its filter asked for, each carrying its
 * subscription id; it ends when the client goes away (the transport reports the abort) or, with a
 * final empty result, when the server closes.
 *
 * <p>Notifications are rare next to requests, so a plain scan of the open streams per event is
 * enough; each stream's copy is encoded separately because its {@code _meta} differs.
 *
 * <p>A stream's {@code resourceSubscriptions} are told to the server's {@link SubscriptionWatcher}
 * as the session era's {@code resources/subscribe} are (each stream a subscriber of its own, named
 * {@code listen/N}), so resources that live elsewhere (the agents gateway) are subscribed where
 * their updates come from, and unsubscribed when the stream ends. The watcher may block (it asks
 * another server), so that runs on a virtual thread and the acknowledgement follows it; a URI the
 * watcher refuses is left out of the acknowledged filter, which is how the client learns it.
 */
final class ListenStreams {
    /** One open stream; {@code owner} is whose tasks it may follow ({@link TaskProtocol#statelessOwner}). */
    private record Stream(RequestId requestId, String subscriptionId, Listen.Filter filter, Exchange exchange, String owner) {}

    /** Bounds one stream's task filter (and the scan per change). */
    static final int MAX_TASK_IDS = 1_000;

    private static final System.Logger LOG = System.getLogger(ListenStreams.class.getName());

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final JsonRpcCodec codec;
    private final Subscriptions subscriptions;
    private final java.util.function.Predicate<String> served;
    private final java.util.concurrent.atomic.AtomicLong watchers = new java.util.concurrent.atomic.AtomicLong();
    /** The URIs each open stream holds with the watcher, to release when it ends. */
    private final java.util.Map<Stream, Watched> watched = new ConcurrentHashMap<>();

    /** Streams whose resource subscriptions no watcher hears (tests). */
    ListenStreams(JsonRpcCodec codec) {
        this(codec, new Subscriptions(), uri -> false);
    }

    /**
     * @param subscriptions whose watcher hears each stream's resource subscriptions
     * @param served        whether a resource or template of the server matches a URI
     */
    ListenStreams(JsonRpcCodec codec, Subscriptions subscriptions, java.util.function.Predicate<String> served) {
        this.codec = codec;
        this.subscriptions = subscriptions;
        this.served = served;
    }

    /** The URIs one stream subscribed through the watcher; {@code ended} once released. */
    private static final class Watched {
        final String key;
        final List<String> uris = new ArrayList<>();
        boolean ended;
        Stream stream;

        Watched(String key) {
            this.key = key;
        }
    }

    /**
     * Opens a stream for {@code request}: acknowledges what will be sent, then keeps the exchange open.
     *
     * @param tasks whether task status notifications can be honoured (the server runs tasks); when
     *              not, the acknowledgement leaves {@code taskIds} out
     */
    void open(Decoded.Request request, Listen.ListenParams params, Exchange exchange, boolean tasks) {
        Listen.Filter asked = params.notifications();
        if (asked == null) throw McpException.invalidParams("Invalid params: subscriptions/listen needs params.notifications");
        if (asked.taskIds() != null && asked.taskIds().size() > MAX_TASK_IDS)
            throw McpException.invalidParams("Invalid params: notifications.taskIds lists " + asked.taskIds().size()
                    + " tasks; at most " + MAX_TASK_IDS + " per stream");
        // every other type is supported here, so the honoured filter is the request's, with false flags left out
        List<String> taskIds = tasks && asked.taskIds() != null && !asked.taskIds().isEmpty() ? asked.taskIds() : null;
        Listen.Filter honoured = new Listen.Filter(trueOrNull(asked.toolsListChanged()), trueOrNull(asked.promptsListChanged()),
                trueOrNull(asked.resourcesListChanged()), asked.resourceSubscriptions(), taskIds);
        String id = request.id().toString();
        SubscriptionWatcher watcher = subscriptions.watcher();
        if (watcher == SubscriptionWatcher.NONE || honoured.resourceSubscriptions() == null || honoured.resourceSubscriptions().isEmpty()) {
            Stream stream = new Stream(request.id(), id, honoured, exchange, TaskProtocol.statelessOwner(exchange.principal()));
            start(stream);
            exchange.onAbort(() -> streams.remove(stream));
            return;
        }
        Watched w = new Watched("listen/" + watchers.incrementAndGet());
        exchange.onAbort(() -> { // an exchange keeps one abort action: this one ends the stream whatever stage it reached
            release(w, watcher);
            Stream started;
            synchronized (w) {
                started = w.stream;
            }
            if (started != null) {
                streams.remove(started);
                watched.remove(started);
            }
        });
        Thread.ofVirtual().name("mcp-listen-subscribe").start(() -> {
            List<String> accepted = subscribe(w, watcher, honoured.resourceSubscriptions());
            if (accepted == null) return; // the client left meanwhile; what was subscribed is released
            Listen.Filter kept = new Listen.Filter(honoured.toolsListChanged(), honoured.promptsListChanged(), honoured.resourcesListChanged(),
                    accepted, honoured.taskIds());
            Stream stream = new Stream(request.id(), id, kept, exchange, TaskProtocol.statelessOwner(exchange.principal()));
            synchronized (w) {
                if (w.ended) return;
                w.stream = stream;
            }
            watched.put(stream, w);
            start(stream);
            synchronized (w) {
                if (w.ended) { // aborted while starting: the abort action may have run before the stream was added
                    streams.remove(stream);
                    watched.remove(stream);
                }
            }
        });
    }

    /** Acknowledges the stream's filter, then lets it receive: the acknowledgement is always first. */
    private void start(Stream stream) {
        stream.exchange().send(codec.encodeNotification(McpMethods.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED,
                new Listen.AcknowledgedParams(stream.filter(), meta(stream.subscriptionId()))));
        streams.add(stream);
    }

    /** Tells the watcher of each URI; returns those it accepted, or null when the stream ended meanwhile. */
    private List<String> subscribe(Watched w, SubscriptionWatcher watcher, List<String> uris) {
        List<String> accepted = new ArrayList<>();
        for (String uri : uris) {
            try {
                watcher.subscribing(w.key, uri, served.test(uri));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "subscriptions/listen {0}: ''{1}'' left out of the filter: {2}", w.key, uri, e.getMessage());
                continue;
            }
            synchronized (w) {
                if (!w.ended) {
                    w.uris.add(uri);
                    accepted.add(uri);
                    continue;
                }
            }
            watcher.unsubscribed(w.key, uri); // ended while this one was being subscribed
            return null;
        }
        synchronized (w) {
            return w.ended ? null : accepted;
        }
    }

    /** The stream ended: every URI it holds is unsubscribed once. */
    private static void release(Watched w, SubscriptionWatcher watcher) {
        List<String> held;
        synchronized (w) {
            if (w.ended) return;
            w.ended = true;
            held = List.copyOf(w.uris);
            w.uris.clear();
        }
        for (String uri : held) {
            try {
                watcher.unsubscribed(w.key, uri);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "subscriptions/listen {0}: releasing ''{1}'' failed: {2}", w.key, uri, e.getMessage());
            }
        }
    }

    void listChanged(String notification) {
        for (Stream s : streams)
            if (s.filter().wants(notification)) s.exchange().send(codec.encodeNotification(notification, new Params.Empty(meta(s.subscriptionId()))));
    }

    void resourceUpdated(String uri) {
        for (Stream s : streams)
            if (s.filter().watches(uri)) s.exchange().send(codec.encodeNotification(McpMethods.NOTIFICATION_RESOURCES_UPDATED,
                    new Resources.UpdatedParams(uri, meta(s.subscriptionId()))));
    }

    /**
     * A task's status changed: {@code notifications/tasks} with {@code task} (the DetailedTask) to
     * the streams following it that may see it: a task a principal created reaches only streams
     * that principal opened (naming another's task id in the filter yields nothing, as
     * {@code tasks/get} of it says it does not exist).
     */
    void taskChanged(String taskId, String taskOwner, ObjectNode task) {
        boolean anyone = !taskOwner.startsWith(TaskProtocol.PRINCIPAL_OWNER);
        for (Stream s : streams) {
            if (!s.filter().follows(taskId) || !(anyone || taskOwner.equals(s.owner()))) continue;
            ObjectNode params = task.deepCopy();
            params.set("_meta", meta(s.subscriptionId()));
            s.exchange().send(codec.encodeNotification(TaskMessages.STATUS_2026, new Params.Raw(params)));
        }
    }

    int size() {
        return streams.size();
    }

    /** Ends every stream gracefully: the empty result that tells the client the subscription is over. */
    void closeAll() {
        List<Stream> open = new ArrayList<>(streams);
        streams.clear();
        for (Stream s : open) {
            Watched w = watched.remove(s);
            if (w != null) release(w, subscriptions.watcher());
            ObjectNode result = JsonNodeFactory.instance.objectNode().put("resultType", "complete");
            result.set("_meta", meta(s.subscriptionId()));
            s.exchange().respond(codec.encodeResult(s.requestId(), result));
        }
    }

    private static ObjectNode meta(String subscriptionId) {
        return JsonNodeFactory.instance.objectNode().put(Listen.META_SUBSCRIPTION_ID, subscriptionId);
    }

    private static Boolean trueOrNull(Boolean b) {
        return Boolean.TRUE.equals(b) ? Boolean.TRUE : null;
    }
}
