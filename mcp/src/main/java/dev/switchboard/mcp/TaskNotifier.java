package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.TaskMessages;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskStatus;
import dev.switchboard.tasks.TaskStatusListener;
import java.util.function.Function;

/*
 * Turns the engine's status changes into the era's notification. A session's task (2025-11-25)
 * goes to that session alone, as notifications/tasks/status with the Task (no related-task _meta:
 * the spec says the notification SHOULD NOT carry it, the taskId is in the params) on its
 * standalone channel; with no channel open it is dropped, which the spec allows (the notification
 * is optional, clients poll). In a cluster the channel may be open on another node: the message
 * then goes to every node (elsewhere), and the one holding the channel sends it. A stateless task (2026-07-28) goes as notifications/tasks with the
 * DetailedTask to the subscriptions/listen streams that asked for its id.
 */
final class TaskNotifier implements TaskStatusListener {
    private final Function<String, Session> sessions;
    private final ListenStreams listens;
    private final TaskWire wire;
    private final JsonRpcCodec codec;
    /** Where a message for a channel not open here goes (a cluster's other nodes); null on a single node. */
    private final java.util.function.BiConsumer<String, byte[]> elsewhere;

    TaskNotifier(Function<String, Session> sessions, ListenStreams listens, TaskWire wire, JsonRpcCodec codec,
                 java.util.function.BiConsumer<String, byte[]> elsewhere) {
        this.elsewhere = elsewhere;
        this.sessions = sessions;
        this.listens = listens;
        this.wire = wire;
        this.codec = codec;
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
            if (!s.sendToChannel(note) && elsewhere != null) elsewhere.accept(sessionId, note);
        } else if (TaskProtocol.isStatelessOwner(task.owner())) {
            listens.taskChanged(task.id(), task.owner(), wire.notification2026(task));
        }
    }
}
