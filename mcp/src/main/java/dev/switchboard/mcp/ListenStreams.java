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
 */
final class ListenStreams {
    /** One open stream; {@code owner} is whose tasks it may follow ({@link TaskProtocol#statelessOwner}). */
    private record Stream(RequestId requestId, String subscriptionId, Listen.Filter filter, Exchange exchange, String owner) {}

    /** Bounds one stream's task filter (and the scan per change). */
    static final int MAX_TASK_IDS = 1_000;

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final JsonRpcCodec codec;

    ListenStreams(JsonRpcCodec codec) {
        this.codec = codec;
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
        Stream stream = new Stream(request.id(), id, honoured, exchange, TaskProtocol.statelessOwner(exchange.principal()));
        // the acknowledgement goes out before the stream can receive anything, so it is always first
        exchange.send(codec.encodeNotification(McpMethods.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED, new Listen.AcknowledgedParams(honoured, meta(id))));
        streams.add(stream);
        exchange.onAbort(() -> streams.remove(stream));
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
