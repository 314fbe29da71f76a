package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Tools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's tools, resources, templates, prompts and completers. Reads vastly outnumber
 * changes, so each table is an immutable map swapped whole on change (copy-on-write): a list or a
 * lookup never locks and always sees one consistent version.
 */
final class Registry {
    /** Bumped by every change of what a listing shows: a cached page of an older generation is never served. */
    private volatile long generation;

    long generation() {
        return generation;
    }

    record RegisteredTool(Tools.Tool definition, JsonSchemas.Check input, JsonSchemas.Check output, ToolInvoker invoker, MirroredHeaders headers) {}

    record RegisteredResource(Resources.Resource definition, ResourceReader reader) {}

    record RegisteredTemplate(Resources.ResourceTemplate definition, UriTemplate template, ResourceReader reader) {}

    record RegisteredPrompt(Prompts.Prompt definition, PromptHandler handler) {}

    /** A tool ready to register: its input and output schemas compiled, its mirrored headers read. */
    static RegisteredTool compile(Tools.Tool definition, ToolInvoker invoker) {
        JsonSchemas.Check output = definition.outputSchema() == null ? null : JsonSchemas.compile(definition.outputSchema());
        return new RegisteredTool(definition, JsonSchemas.compile(definition.inputSchema()), output, invoker,
                MirroredHeaders.of(definition.inputSchema()));
    }

    /** Invokes {@code handler} with the arguments bound to {@code type} (passed as they are when it is {@code ObjectNode}). */
    static <A> ToolInvoker invoker(Class<A> type, ToolHandler<A> handler, tools.jackson.databind.json.JsonMapper mapper) {
        if (type == tools.jackson.databind.node.ObjectNode.class) return (args, ctx) -> handler.call(type.cast(args), ctx);
        // a reader for the type builds its deserializer now, in the mapper's cache, not during the tool's first call (ResultEncoders says why)
        mapper.readerFor(type);
        return (args, ctx) -> handler.call(mapper.treeToValue(args, type), ctx);
    }

    /** Invokes a tool with validated JSON arguments. */
    @FunctionalInterface
    interface ToolInvoker {
        Object invoke(tools.jackson.databind.node.ObjectNode arguments, Context context) throws Exception;
    }

    private volatile Map<String, RegisteredTool> tools = Map.of();
    private volatile Map<String, RegisteredResource> resources = Map.of();
    private volatile Map<String, RegisteredTemplate> templates = Map.of();
    private volatile Map<String, RegisteredPrompt> prompts = Map.of();
    private volatile Map<String, Completer> completers = Map.of();
    private volatile Map<String, java.util.Set<String>> toolNeeds = Map.of();

    /** Declares that tool {@code name} needs these client capabilities (sampling, elicitation, roots). */
    synchronized void toolNeeds(String name, java.util.Set<String> capabilities) {
        try {
            if (!tools.containsKey(name)) throw new IllegalArgumentException("no tool '" + name + "' to declare client capabilities for");
            Map<String, java.util.Set<String>> next = new LinkedHashMap<>(toolNeeds);
            next.put(name, java.util.Set.copyOf(capabilities));
            toolNeeds = next;
        } finally {
            generation++;
        }
    }

    private volatile Map<String, java.util.Set<String>> toolScopes = Map.of();

    /** Declares the scopes a caller needs, all of them, to call tool {@code name}. */
    synchronized void toolScopes(String name, java.util.Set<String> scopes) {
        try {
            if (!tools.containsKey(name)) throw new IllegalArgumentException("no tool '" + name + "' to declare scopes for");
            Map<String, java.util.Set<String>> next = new LinkedHashMap<>(toolScopes);
            next.put(name, new java.util.TreeSet<>(scopes));
            toolScopes = next;
        } finally {
            generation++;
        }
    }

    /** The scopes a caller needs to call tool {@code name}; empty when it declared none. */
    java.util.Set<String> toolScopes(String name) {
        return toolScopes.getOrDefault(name, java.util.Set.of());
    }

    private volatile boolean listsOnlyCallable = true;

    /** Whether {@code tools/list} shows an authenticated caller only the tools its scopes allow (the default). */
    boolean listsOnlyCallable() {
        return listsOnlyCallable;
    }

    synchronized void listsOnlyCallable(boolean only) {
        try {
            listsOnlyCallable = only;
        } finally {
            generation++;
        }
    }

    private volatile java.util.Set<String> nonBlocking = java.util.Set.of();

    /** Declares that tool {@code name}'s handler never blocks, so it may run inline on a transport's thread. */
    synchronized void nonBlocking(String name) {
        try {
            if (!tools.containsKey(name)) throw new IllegalArgumentException("no tool '" + name + "' to declare non-blocking");
            java.util.Set<String> next = new java.util.HashSet<>(nonBlocking);
            next.add(name);
            nonBlocking = java.util.Set.copyOf(next);
        } finally {
            generation++;
        }
    }

    boolean isNonBlocking(String name) {
        return nonBlocking.contains(name);
    }

    /** The client capabilities tool {@code name} needs; empty when it declared none. */
    java.util.Set<String> toolNeeds(String name) {
        return toolNeeds.getOrDefault(name, java.util.Set.of());
    }

    private static final java.util.function.UnaryOperator<List<Tools.Tool>> EVERY_TOOL = java.util.function.UnaryOperator.identity();
    private volatile java.util.function.UnaryOperator<List<Tools.Tool>> listing = EVERY_TOOL;

    /** What {@code tools/list} shows of the catalogue (all of it unless a listing view was set). */
    List<Tools.Tool> listedTools() {
        return listing.apply(tools.values().stream().map(RegisteredTool::definition).toList());
    }

    /** Whether a listing view is set: what it shows changes without the registry changing (e.g. by tool usage), so its pages are not cached. */
    boolean hasListingView() {
        return listing != EVERY_TOOL;
    }

    synchronized void listing(java.util.function.UnaryOperator<List<Tools.Tool>> view) {
        try {
            listing = java.util.Objects.requireNonNull(view, "view");
        } finally {
            generation++;
        }
    }

    synchronized void add(RegisteredTool t) {
        try {
            tools = with(tools, t.definition().name(), t, "tool");
        } finally {
            generation++;
        }
    }

    synchronized boolean removeTool(String name) {
        try {
            if (!tools.containsKey(name)) return false;
            Map<String, RegisteredTool> next = new LinkedHashMap<>(tools);
            next.remove(name);
            tools = next;
            return true;
        } finally {
            generation++;
        }
    }

    synchronized boolean removePrompt(String name) {
        try {
            if (!prompts.containsKey(name)) return false;
            Map<String, RegisteredPrompt> next = new LinkedHashMap<>(prompts);
            next.remove(name);
            prompts = next;
            return true;
        } finally {
            generation++;
        }
    }

    /** Removes the resource at {@code uri}, or else the template {@code uri}; false when neither is registered. */
    synchronized boolean removeResource(String uri) {
        try {
            if (resources.containsKey(uri)) {
                Map<String, RegisteredResource> next = new LinkedHashMap<>(resources);
                next.remove(uri);
                resources = next;
                return true;
            }
            if (!templates.containsKey(uri)) return false;
            Map<String, RegisteredTemplate> next = new LinkedHashMap<>(templates);
            next.remove(uri);
            templates = next;
            return true;
        } finally {
            generation++;
        }
    }

    synchronized void add(RegisteredResource r) {
        try {
            resources = with(resources, r.definition().uri(), r, "resource");
        } finally {
            generation++;
        }
    }

    synchronized void add(RegisteredTemplate t) {
        try {
            templates = with(templates, t.definition().uriTemplate(), t, "resource template");
        } finally {
            generation++;
        }
    }

    synchronized void add(RegisteredPrompt p) {
        try {
            prompts = with(prompts, p.definition().name(), p, "prompt");
        } finally {
            generation++;
        }
    }

    /** Registers a completer for {@code argument} of the prompt or template named by {@code ref}. */
    synchronized void addCompleter(Completion.Reference ref, String argument, Completer completer) {
        try {
            completers = with(completers, completerKey(ref, argument), completer, "completer");
        } finally {
            generation++;
        }
    }

    private static String completerKey(Completion.Reference ref, String argument) {
        String target = switch (ref) {
            case Completion.PromptRef p -> "prompt:" + p.name();
            case Completion.ResourceTemplateRef t -> "template:" + t.uri();
        };
        return target + "#" + argument;
    }

    private static <V> Map<String, V> with(Map<String, V> current, String key, V value, String kind) {
        if (current.containsKey(key)) throw new IllegalArgumentException(kind + " '" + key + "' is already registered");
        Map<String, V> next = new LinkedHashMap<>(current);
        next.put(key, value);
        return next;
    }

    RegisteredTool tool(String name) {
        return tools.get(name);
    }

    List<RegisteredTool> tools() {
        return new ArrayList<>(tools.values());
    }

    RegisteredResource resource(String uri) {
        return resources.get(uri);
    }

    List<RegisteredResource> resources() {
        return new ArrayList<>(resources.values());
    }

    List<RegisteredTemplate> templates() {
        return new ArrayList<>(templates.values());
    }

    RegisteredPrompt prompt(String name) {
        return prompts.get(name);
    }

    List<RegisteredPrompt> prompts() {
        return new ArrayList<>(prompts.values());
    }

    Completer completer(Completion.Reference ref, String argument) {
        return completers.get(completerKey(ref, argument));
    }

    boolean hasTools() {
        return !tools.isEmpty();
    }

    boolean hasResources() {
        return !resources.isEmpty() || !templates.isEmpty();
    }

    boolean hasPrompts() {
        return !prompts.isEmpty();
    }
}
