package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of the task methods, in both eras: {@code tasks/get}, {@code tasks/result},
 * {@code tasks/cancel} and {@code tasks/list} (2025-11-25), {@code tasks/get}, {@code tasks/update}
 * and {@code tasks/cancel} (2026-07-28 extension {@code io.modelcontextprotocol/tasks}).
 */
public final class TaskMessages {
    public static final String GET = "tasks/get";
    public static final String RESULT = "tasks/result";
    public static final String LIST = "tasks/list";
    public static final String CANCEL = "tasks/cancel";
    public static final String UPDATE = "tasks/update";
    public static final String STATUS_2025 = "notifications/tasks/status";
    /** The 2026-07-28 extension's task notification, sent on {@code subscriptions/listen} streams. */
    public static final String STATUS_2026 = "notifications/tasks";
    /** The 2026-07-28 extension's identifier. */
    public static final String EXTENSION = "io.modelcontextprotocol/tasks";
    /** The {@code _meta} key tying a 2025-era message to its task. */
    public static final String RELATED_TASK = "io.modelcontextprotocol/related-task";

    private TaskMessages() {}

    /**
     * Params naming one task.
     *
     * @param taskId the task (kept as JSON so a number or null is refused precisely, not as "missing")
     * @param meta   optional {@code _meta}
     */
    public record TaskIdParams(JsonNode taskId, @JsonProperty("_meta") ObjectNode meta) implements Params {}

    /**
     * {@code tasks/update}.
     *
     * @param taskId          the task
     * @param inputResponses  key → response to an outstanding input request (must be an object)
     * @param meta            optional {@code _meta}
     */
    public record UpdateParams(JsonNode taskId, JsonNode inputResponses, @JsonProperty("_meta") ObjectNode meta)
            implements Params {}
}
