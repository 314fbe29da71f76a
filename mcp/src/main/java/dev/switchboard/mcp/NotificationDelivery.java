package dev.switchboard.mcp;

import dev.switchboard.kernel.Message;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.Resources;

/*
 * What the server hears on the kernel bus under mcp://notify/ and hands to this node's sessions
 * and listen streams. Every notification goes through the bus, the server's own included, so a
 * cluster that bridges the bus reaches the sessions of every node by the same path.
 */
final class NotificationDelivery {
    private static final System.Logger LOG = System.getLogger(McpServer.class.getName());

    private final JsonRpcCodec codec;
    private final Subscriptions subscriptions;
    private final SessionTable sessions;
    private final ListenStreams listens;

    NotificationDelivery(JsonRpcCodec codec, Subscriptions subscriptions, SessionTable sessions, ListenStreams listens) {
        this.codec = codec;
        this.subscriptions = subscriptions;
        this.sessions = sessions;
        this.listens = listens;
    }

    void deliver(Message m) {
        if (m.path().equals(McpServer.RESOURCE_UPDATED)) {
            String uri = (String) m.body();
            byte[] note = codec.encodeNotification(McpMethods.NOTIFICATION_RESOURCES_UPDATED, Resources.UpdatedParams.of(uri));
            for (Session s : subscriptions.subscribers(uri)) s.sendToChannel(note, EventKeys.of(m));
            listens.resourceUpdated(uri);
        } else if (m.path().equals(McpServer.LIST_CHANGED)) {
            byte[] note = codec.encodeNotification((String) m.body(), Params.Empty.INSTANCE);
            for (Session s : sessions.all()) s.sendToChannel(note, EventKeys.of(m));
            listens.listChanged((String) m.body());
        } else if (m.path().equals(SessionTable.SESSION_MESSAGE)) {
            sessions.deliverHere((String) m.body());
        } else if (m.path().equals(TaskNotifier.TASK_STATUS) && EventKeys.remote(m)) {
            try {
                TaskNotifier.deliver(codec, listens, (String) m.body()); // this node's own went to its streams already
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "ignored an unreadable task status from another node: " + e.getMessage());
            }
        }
    }
}
