package dev.switchboard.client;

import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Logging;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Tools;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/*
 * The MCP requests as typed methods, each one request with its method name, params and result
 * type. Only McpClient extends it: the public surface stays McpClient's (these methods are public
 * members of it, documented there), while the file that holds the client's state, its two eras
 * and its builder is not also the list of every request the protocol has. The same split as the
 * JDK's AbstractStringBuilder under StringBuilder.
 */
abstract sealed class TypedRequests permits McpClient {

    TypedRequests() {
    }

    /**
     * Sends any request and binds its result to {@code resultType}.
     *
     * @throws dev.switchboard.mcp.McpException when the server answers with a JSON-RPC error
     */
    public abstract <R> R request(String method, Params params, Class<R> resultType);

    /** Calls a tool, its result bound to {@code resultType}, with progress to {@code onProgress} when given. */
    public abstract <R> R callTool(String name, ObjectNode arguments, Consumer<ProgressParams> onProgress, Class<R> resultType);

    /** Sends {@code ping} and waits for the answer. */
    public void ping() {
        request(McpMethods.PING, Params.Empty.INSTANCE, JsonRpc.EmptyResult.class);
    }

    /** Asks the server to send log messages at {@code level} and above to {@link McpClient.Builder#onLog}. */
    public void setLogLevel(LoggingLevel level) {
        request(McpMethods.LOGGING_SET_LEVEL, new Logging.SetLevelParams(level, null), JsonRpc.EmptyResult.class);
    }

    // ---- tools

    /** Every tool, following {@code nextCursor} through all pages. */
    public List<Tools.Tool> listTools() {
        return Pages.all(this, McpMethods.TOOLS_LIST, Tools.ListToolsResult.class, Tools.ListToolsResult::tools,
                Tools.ListToolsResult::nextCursor);
    }

    /** Calls a tool with arguments given as a map (converted to a JSON object). */
    public Tools.CallToolResult callTool(String name, Map<String, ?> arguments) {
        return callTool(name, arguments, null);
    }

    /** Calls a tool with arguments given as a JSON object (null for none). */
    public Tools.CallToolResult callTool(String name, ObjectNode arguments) {
        return callTool(name, arguments, null);
    }

    /** Calls a tool, asking for progress: {@code onProgress} sees every notification before this returns. */
    public Tools.CallToolResult callTool(String name, Map<String, ?> arguments, Consumer<ProgressParams> onProgress) {
        ObjectNode json = arguments == null ? null : McpClient.CODEC.mapper().valueToTree(arguments);
        return callTool(name, json, onProgress);
    }

    /**
     * Calls a tool, asking for progress when {@code onProgress} is given: the request carries a
     * fresh {@code _meta.progressToken}, and the listener runs on the thread that reads the
     * server's messages, before this method returns. Keep it short; do not call the client from it.
     */
    public Tools.CallToolResult callTool(String name, ObjectNode arguments, Consumer<ProgressParams> onProgress) {
        return callTool(name, arguments, onProgress, Tools.CallToolResult.class);
    }

    // ---- resources

    /** Every resource, following {@code nextCursor} through all pages. */
    public List<Resources.Resource> listResources() {
        return Pages.all(this, McpMethods.RESOURCES_LIST, Resources.ListResourcesResult.class,
                Resources.ListResourcesResult::resources, Resources.ListResourcesResult::nextCursor);
    }

    /** Every resource template, following {@code nextCursor} through all pages. */
    public List<Resources.ResourceTemplate> listResourceTemplates() {
        return Pages.all(this, McpMethods.RESOURCES_TEMPLATES_LIST, Resources.ListResourceTemplatesResult.class,
                Resources.ListResourceTemplatesResult::resourceTemplates,
                Resources.ListResourceTemplatesResult::nextCursor);
    }

    /** Reads the resource at {@code uri}. */
    public Resources.ReadResult readResource(String uri) {
        return request(McpMethods.RESOURCES_READ, Resources.ReadParams.of(uri), Resources.ReadResult.class);
    }

    /** Asks to hear about changes to {@code uri}; they reach {@link McpClient.Builder#onResourceUpdated}. */
    public void subscribe(String uri) {
        request(McpMethods.RESOURCES_SUBSCRIBE, new Resources.SubscribeParams(uri, null), JsonRpc.EmptyResult.class);
    }

    /** Stops hearing about changes to {@code uri}. */
    public void unsubscribe(String uri) {
        request(McpMethods.RESOURCES_UNSUBSCRIBE, new Resources.UnsubscribeParams(uri, null), JsonRpc.EmptyResult.class);
    }

    // ---- prompts and completion

    /** Every prompt, following {@code nextCursor} through all pages. */
    public List<Prompts.Prompt> listPrompts() {
        return Pages.all(this, McpMethods.PROMPTS_LIST, Prompts.ListPromptsResult.class, Prompts.ListPromptsResult::prompts,
                Prompts.ListPromptsResult::nextCursor);
    }

    /** Renders a prompt with its arguments (null or empty for none). */
    public Prompts.GetPromptResult getPrompt(String name, Map<String, String> arguments) {
        return request(McpMethods.PROMPTS_GET, Prompts.GetPromptParams.of(name, arguments), Prompts.GetPromptResult.class);
    }

    /** Suggestions for {@code argument} of a prompt or resource template, given what was typed so far. */
    public Completion.CompleteResult complete(Completion.Reference ref, String argument, String value) {
        return request(McpMethods.COMPLETION_COMPLETE, Completion.CompleteParams.of(ref, argument, value),
                Completion.CompleteResult.class);
    }
}
