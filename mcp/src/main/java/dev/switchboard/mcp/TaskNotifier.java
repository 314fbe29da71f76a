package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.TaskMessages;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStatus;
import dev.switchboard.tasks.TaskStatusListener;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/*
 * Turns the engine's status changes into the era's notification. A session's task (2025-11-25)
 * goes to that session alone, as notifications/tasks/status with the Task (no related-task _meta:
 * the spec says the notification SHOULD NOT carry it, the taskId is in the params) on its
 * standalone channel; with no channel open it is dropped, which the spec allows (the notification
 * is optional, clients poll). In a cluster a Streamable HTTP session's channel is its stream
 * journal, which the node holding the stream (if any) reads, so it reaches the client on whichever
 * node it listens; a session bound to a connection (WebSocket, TCP) whose channel is on another
 * node is reached through the kernel bus path the cluster bridges (SESSION_MESSAGE).
 * A stateless task (2026-07-28) goes as notifications/tasks with the DetailedTask to the
 * subscriptions/listen streams that asked for its id: here, and in a cluster on every other node
 * too, through the kernel bus path the cluster bridges (TASK_STATUS), once each.
 */
final class TaskNotifier implements TaskStatusListener {
    /** A stateless task's status change for the listen streams of the other nodes (body: {@link #encode}). */
    static final String TASK_STATUS = "mcp://notify/task-status";

    private final Function<String, Session> sessions;
    private final ListenStreams listens;
    private final TaskWire wire;
    private final JsonRpcCodec codec;
    /** Where a stateless task's change goes for the other nodes (a cluster); null on a single node. */
    private final Consumer<String> otherNodes;
    /** Where a message for a channel without a journal that is not open here goes (a cluster's other nodes); null on a single node. */
    private final java.util.function.BiConsumer<String, byte[]> elsewhere;

    TaskNotifier(Function<String, Session> sessions, ListenStreams listens, TaskWire wire, JsonRpcCodec codec, Consumer<String> otherNodes,
                 java.util.function.BiConsumer<String, byte[]> elsewhere) {
        this.elsewhere = elsewhere;
        this.sessions = sessions;
        this.listens = listens;
        this.wire = wire;
        this.codec = codec;
        this.otherNodes = otherNodes;
    }

    @Override
    public void statusChanged(TaskRecord task, TaskStatus previous) {
        String sessionId = TaskProtocol.sessionIdOf(task.owner());
        if (sessionId != null) {
            Session s;
            try {
                s = sessions.apply(sessionId);
            } catch (SessionsUnavailable e) {
                return; // the cluster's directory is unreachable: the client reads the status with tasks/get
            }
            if (s == null) return;
            byte[] note = codec.encodeNotification(TaskMessages.STATUS_2025, new Params.Raw(wire.task2025(task)));
            if (!s.sendToChannel(note, null) && elsewhere != null) elsewhere.accept(sessionId, note);
        } else if (TaskProtocol.isStatelessOwner(task.owner())) {
            ObjectNode detailed = wire.notification2026(task);
            listens.taskChanged(task.id(), task.owner(), detailed);
            if (otherNodes != null) otherNodes.accept(encode(codec, task.id(), task.owner(), detailed));
        }
    }

    static String encode(JsonRpcCodec codec, String taskId, String owner, ObjectNode detailed) {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("taskId", taskId).put("owner", owner);
        n.set("task", detailed);
        return codec.mapper().writeValueAsString(n);
    }

    /** Delivers another node's {@link #TASK_STATUS} body to this node's listen streams. */
    static void deliver(JsonRpcCodec codec, ListenStreams listens, String body) {
        JsonNode n = codec.mapper().readTree(body);
        if (n.path("taskId").isString() && n.path("owner").isString() && n.get("task") instanceof ObjectNode task)
            listens.taskChanged(n.get("taskId").asString(), n.get("owner").asString(), task);
    }
}
