package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code subscriptions/listen} (2026-07-28): one long-lived request whose response stream carries
 * the notifications the client opted in to, each marked with the subscription's id. It replaces the
 * session era's GET stream and {@code resources/subscribe}.
 */
public final class Listen {
    /** Where a notification names the subscription it belongs to. */
    public static final String META_SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    private Listen() {}

    /**
     * The notification types a client opts in to; every type is opt-in.
     *
     * @param toolsListChanged      {@code notifications/tools/list_changed}
     * @param promptsListChanged    {@code notifications/prompts/list_changed}
     * @param resourcesListChanged  {@code notifications/resources/list_changed}
     * @param resourceSubscriptions {@code notifications/resources/updated} for these URIs
     * @param taskIds               {@code notifications/tasks} for these tasks (extension {@code io.modelcontextprotocol/tasks})
     */
    public record Filter(Boolean toolsListChanged, Boolean promptsListChanged, Boolean resourcesListChanged, List<String> resourceSubscriptions,
                         List<String> taskIds) {
        public Filter {
            resourceSubscriptions = resourceSubscriptions == null ? null : List.copyOf(resourceSubscriptions);
            taskIds = taskIds == null ? null : List.copyOf(taskIds);
        }

        /** A filter without task ids (the form before the tasks extension). */
        public Filter(Boolean toolsListChanged, Boolean promptsListChanged, Boolean resourcesListChanged, List<String> resourceSubscriptions) {
            this(toolsListChanged, promptsListChanged, resourcesListChanged, resourceSubscriptions, null);
        }

        /** True when this filter asks for the list-changed {@code notification}. */
        public boolean wants(String notification) {
            return switch (notification) {
                case McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED -> Boolean.TRUE.equals(toolsListChanged);
                case McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED -> Boolean.TRUE.equals(promptsListChanged);
                case McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED -> Boolean.TRUE.equals(resourcesListChanged);
                default -> false;
            };
        }

        /** True when this filter asks for the status notifications of task {@code taskId}. */
        public boolean follows(String taskId) {
            return taskIds != null && taskIds.contains(taskId);
        }

        /** True when this filter subscribes to updates of {@code uri}. */
        public boolean watches(String uri) {
            return resourceSubscriptions != null && resourceSubscriptions.contains(uri);
        }
    }

    /** Params of {@code subscriptions/listen}. */
    public record ListenParams(Filter notifications, @JsonProperty("_meta") ObjectNode meta) implements Params {}

    /** Params of {@code notifications/subscriptions/acknowledged}: what the server agreed to send. */
    public record AcknowledgedParams(Filter notifications, @JsonProperty("_meta") ObjectNode meta) implements Params {}
}
