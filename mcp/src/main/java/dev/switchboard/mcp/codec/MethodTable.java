package dev.switchboard.mcp.codec;

import dev.switchboard.mcp.protocol.TaskMessages;
import dev.switchboard.mcp.protocol.CancelledParams;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Lifecycle;
import dev.switchboard.mcp.protocol.Listen;
import dev.switchboard.mcp.protocol.Logging;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.PaginatedParams;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.Tools;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Method name to params record, with a prepared {@link ObjectReader} per record so the decoder
 * binds params straight from the token stream without a per-message serializer lookup.
 *
 * <p>Both directions are in one table: a server decodes client requests and client responses, a
 * client decodes the server's requests ({@code sampling/createMessage}, {@code elicitation/create})
 * and notifications. Names never collide across directions, so one table serves both.
 */
final class MethodTable {

    private final Map<String, ObjectReader> readers;

    MethodTable(JsonMapper mapper, Map<String, Class<? extends Params>> types) {
        Map<String, ObjectReader> prepared = new HashMap<>();
        // the reader stops at the end of params while the envelope goes on: no trailing-token check
        types.forEach((method, type) -> prepared.put(method,
                mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)));
        this.readers = Map.copyOf(prepared);
    }

    /** The reader for {@code method}'s params, or null when the method is not in the table. */
    ObjectReader reader(String method) {
        return readers.get(method);
    }

    /** The MCP 2025-11-25 methods and their params records. */
    static Map<String, Class<? extends Params>> standard() {
        Map<String, Class<? extends Params>> types = new LinkedHashMap<>();
        types.put(McpMethods.INITIALIZE, Lifecycle.InitializeParams.class);
        types.put(McpMethods.PING, Params.Empty.class);
        types.put(McpMethods.TOOLS_LIST, PaginatedParams.class);
        types.put(McpMethods.TOOLS_CALL, Tools.CallToolParams.class);
        types.put(McpMethods.RESOURCES_LIST, PaginatedParams.class);
        types.put(McpMethods.RESOURCES_TEMPLATES_LIST, PaginatedParams.class);
        types.put(McpMethods.RESOURCES_READ, Resources.ReadParams.class);
        types.put(McpMethods.RESOURCES_SUBSCRIBE, Resources.SubscribeParams.class);
        types.put(McpMethods.RESOURCES_UNSUBSCRIBE, Resources.UnsubscribeParams.class);
        types.put(McpMethods.PROMPTS_LIST, PaginatedParams.class);
        types.put(McpMethods.PROMPTS_GET, Prompts.GetPromptParams.class);
        types.put(McpMethods.COMPLETION_COMPLETE, Completion.CompleteParams.class);
        types.put(McpMethods.SUBSCRIPTIONS_LISTEN, Listen.ListenParams.class);
        types.put(McpMethods.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED, Listen.AcknowledgedParams.class);
        types.put(McpMethods.LOGGING_SET_LEVEL, Logging.SetLevelParams.class);
        types.put(McpMethods.SAMPLING_CREATE_MESSAGE, Sampling.CreateMessageParams.class);
        types.put(McpMethods.ELICITATION_CREATE, Elicitation.ElicitParams.class);
        types.put(McpMethods.ROOTS_LIST, Params.Empty.class);
        types.put(McpMethods.NOTIFICATION_INITIALIZED, Params.Empty.class);
        types.put(McpMethods.NOTIFICATION_CANCELLED, CancelledParams.class);
        types.put(McpMethods.NOTIFICATION_PROGRESS, ProgressParams.class);
        types.put(McpMethods.NOTIFICATION_MESSAGE, Logging.MessageParams.class);
        types.put(McpMethods.NOTIFICATION_RESOURCES_UPDATED, Resources.UpdatedParams.class);
        types.put(McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED, Params.Empty.class);
        types.put(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED, Params.Empty.class);
        types.put(McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED, Params.Empty.class);
        types.put(McpMethods.NOTIFICATION_ROOTS_LIST_CHANGED, Params.Empty.class);
        types.put(McpMethods.NOTIFICATION_ELICITATION_COMPLETE, Elicitation.CompleteParams.class);
        types.put(TaskMessages.GET, TaskMessages.TaskIdParams.class);
        types.put(TaskMessages.RESULT, TaskMessages.TaskIdParams.class);
        types.put(TaskMessages.CANCEL, TaskMessages.TaskIdParams.class);
        types.put(TaskMessages.LIST, PaginatedParams.class);
        types.put(TaskMessages.UPDATE, TaskMessages.UpdateParams.class);
        return types;
    }
}
