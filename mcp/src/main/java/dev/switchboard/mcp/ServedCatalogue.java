package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Tools;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/*
 * What the server serves, changed while it serves: each change goes to the registry (and, for a
 * tool, to its kernel route), then every session is told its list changed, through the bus so
 * that a cluster tells every node's sessions.
 */
final class ServedCatalogue {
    private final Registry registry;
    private final FeatureRoutes routes;
    /** Publishes a list change: the argument is the notification's method. */
    private final Consumer<String> listChanged;

    ServedCatalogue(Registry registry, FeatureRoutes routes, Consumer<String> listChanged) {
        this.registry = registry;
        this.routes = routes;
        this.listChanged = listChanged;
    }

    void addTool(Tools.Tool definition, ToolHandler<ObjectNode> handler) {
        Registry.RegisteredTool tool = Registry.compile(definition, handler::call);
        registry.add(tool);
        routes.addTool(tool, false, java.util.Set.of());
        listChanged(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED);
    }

    void addResource(Resources.Resource definition, ResourceReader reader) {
        registry.add(new Registry.RegisteredResource(definition, reader));
        listChanged(McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED);
    }

    void addResourceTemplate(Resources.ResourceTemplate definition, ResourceReader reader) {
        registry.add(new Registry.RegisteredTemplate(definition, UriTemplate.parse(definition.uriTemplate()), reader));
        listChanged(McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED);
    }

    boolean removeResource(String uri) {
        boolean removed = registry.removeResource(uri);
        if (removed) listChanged(McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED);
        return removed;
    }

    void addPrompt(Prompts.Prompt definition, PromptHandler handler) {
        registry.add(new Registry.RegisteredPrompt(definition, handler));
        listChanged(McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED);
    }

    Tools.Tool tool(String name) {
        Registry.RegisteredTool tool = registry.tool(name);
        return tool == null ? null : tool.definition();
    }

    List<Tools.Tool> tools() {
        return registry.tools().stream().map(Registry.RegisteredTool::definition).toList();
    }

    void toolListing(UnaryOperator<List<Tools.Tool>> view) {
        registry.listing(view);
        listChanged(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED);
    }

    boolean removeTool(String name) {
        boolean removed = registry.removeTool(name);
        if (removed) routes.removeTool(name);
        if (removed) listChanged(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED);
        return removed;
    }

    boolean removePrompt(String name) {
        boolean removed = registry.removePrompt(name);
        if (removed) listChanged(McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED);
        return removed;
    }

    /** Tells every session (and, in a cluster, every node) that a list changed: {@code method} names which. */
    private void listChanged(String method) {
        listChanged.accept(method);
    }
}
