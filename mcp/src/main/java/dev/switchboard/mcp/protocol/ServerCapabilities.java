package dev.switchboard.mcp.protocol;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a server offers, answered in {@code initialize}. A null member means not supported; an
 * empty object means supported without sub-features. Build one fluently:
 *
 * <pre>{@code
 * ServerCapabilities.none().withTools(true).withLogging()
 * }</pre>
 *
 * @param experimental optional non-standard capabilities
 * @param logging      present if the server sends log messages
 * @param completions  present if the server completes arguments
 * @param prompts      present if the server offers prompts
 * @param resources    present if the server offers resources
 * @param tools        present if the server offers tools
 * @param tasks        present if the server supports task-augmented requests (kept as JSON)
 */
public record ServerCapabilities(
        ObjectNode experimental,
        ObjectNode logging,
        ObjectNode completions,
        ListChanged prompts,
        ResourcesCapability resources,
        ListChanged tools,
        ObjectNode tasks) {

    private static final ServerCapabilities NONE = new ServerCapabilities(null, null, null, null, null, null, null);

    /** A server that offers nothing. */
    public static ServerCapabilities none() {
        return NONE;
    }

    /** A copy offering tools. */
    public ServerCapabilities withTools(boolean listChanged) {
        return new ServerCapabilities(experimental, logging, completions, prompts, resources,
                new ListChanged(listChanged), tasks);
    }

    /** A copy offering prompts. */
    public ServerCapabilities withPrompts(boolean listChanged) {
        return new ServerCapabilities(experimental, logging, completions, new ListChanged(listChanged),
                resources, tools, tasks);
    }

    /** A copy offering resources. */
    public ServerCapabilities withResources(boolean subscribe, boolean listChanged) {
        return new ServerCapabilities(experimental, logging, completions, prompts,
                new ResourcesCapability(subscribe, listChanged), tools, tasks);
    }

    /** A copy offering log messages. */
    public ServerCapabilities withLogging() {
        return new ServerCapabilities(experimental, JsonNodeFactory.instance.objectNode(), completions,
                prompts, resources, tools, tasks);
    }

    /** A copy offering argument completion. */
    public ServerCapabilities withCompletions() {
        return new ServerCapabilities(experimental, logging, JsonNodeFactory.instance.objectNode(),
                prompts, resources, tools, tasks);
    }

    /** A copy with the {@code tasks} capability as given. */
    public ServerCapabilities withTasks(ObjectNode tasks) {
        return new ServerCapabilities(experimental, logging, completions, prompts, resources, tools, tasks);
    }

    /**
     * A feature whose only sub-capability is list-change notifications (prompts, tools).
     *
     * @param listChanged whether the server notifies list changes
     */
    public record ListChanged(Boolean listChanged) {}

    /**
     * The {@code resources} capability.
     *
     * @param subscribe   whether clients may subscribe to updates of single resources
     * @param listChanged whether the server notifies list changes
     */
    public record ResourcesCapability(Boolean subscribe, Boolean listChanged) {}
}
