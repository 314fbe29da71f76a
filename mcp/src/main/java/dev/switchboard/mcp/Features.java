package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.PaginatedParams;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * The work behind each feature request: listing with opaque cursors, calling tools with validated
 * input, reading resources, rendering prompts, completing arguments, and resource subscriptions.
 * Runs on the request's virtual thread.
 */
final class Features {
    private final Registry registry;
    private final Cursor cursors;
    private final int pageSize;
    private final JsonMapper mapper;
    private final Subscriptions subscriptions;
    final ListingCache listings;

    Features(Registry registry, Cursor cursors, int pageSize, JsonMapper mapper, Subscriptions subscriptions) {
        this.registry = registry;
        this.listings = new ListingCache(registry);
        this.cursors = cursors;
        this.pageSize = pageSize;
        this.mapper = mapper;
        this.subscriptions = subscriptions;
    }

    /** A page of {@code all} starting at the cursor, and the cursor of the next page (null on the last). */
    private <T> Page<T> page(List<T> all, Function<T, String> key, PaginatedParams params) {
        long fingerprint = Cursor.fingerprint(all.stream().map(key).toList());
        int from = cursors.offset(params == null ? null : params.cursor(), fingerprint);
        int to = Math.min(all.size(), from + pageSize);
        List<T> items = from >= all.size() ? List.of() : all.subList(from, to);
        return new Page<>(items, to < all.size() ? cursors.encode(to, fingerprint) : null);
    }

    private record Page<T>(List<T> items, String next) {}

    /** The listed tools, or with a principal and {@link Registry#listsOnlyCallable()} only those whose scopes its token carries. */
    Tools.ListToolsResult listTools(PaginatedParams params, Principal caller) {
        if (registry.hasListingView()) return renderTools(params, caller); // it follows usage, which bumps no generation
        java.util.Set<String> scopes = caller != null && registry.listsOnlyCallable() ? java.util.Set.copyOf(caller.scopes()) : null;
        return listings.page("tools/list", scopes, cursor(params), () -> renderTools(params, caller));
    }

    private static String cursor(PaginatedParams params) {
        return params == null ? null : params.cursor();
    }

    private Tools.ListToolsResult renderTools(PaginatedParams params, Principal caller) {
        List<Tools.Tool> tools = registry.listedTools();
        if (caller != null && registry.listsOnlyCallable())
            tools = tools.stream().filter(t -> caller.scopes().containsAll(registry.toolScopes(t.name()))).toList();
        Page<Tools.Tool> p = page(tools, Tools.Tool::name, params);
        return Tools.ListToolsResult.page(p.items(), p.next());
    }

    /**
     * Runs a tool: a {@link Tools.CallToolResult}, or the {@link dev.switchboard.mcp.codec.RawResult}
     * the handler returned when the tool has no output schema to check it against (sent as it is).
     */
    Object callTool(Registry.RegisteredTool tool, Tools.CallToolParams params, Context context) throws InterruptedException {
        String name = tool.definition().name();
        var arguments = params.argumentsOrEmpty();
        String problems = tool.input().problems(arguments);
        if (problems != null) return Tools.CallToolResult.error("Invalid arguments for tool '" + name + "': " + problems);
        Tools.CallToolResult result;
        try {
            Object value = tool.invoker().invoke(arguments, context);
            if (value instanceof dev.switchboard.mcp.codec.RawResult raw && tool.output() == null) return raw; // forwarded unread
            result = ToolResults.from(value, mapper);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // an input round ends the call itself; annotated tools see it wrapped by reflection
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            // McpException.callError answers the call with its JSON-RPC error (a gateway passing on another server's error)
            if (cause instanceof InputRequired || cause instanceof InputRejected || cause instanceof McpException m && m.isCallError())
                throw (RuntimeException) cause;
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException("tool '" + name + "' cancelled");
            return Tools.CallToolResult.error(describe(e));
        }
        if (tool.output() != null && result.structuredContent() != null && !result.failed()) {
            String outputProblems = tool.output().problems(result.structuredContent());
            if (outputProblems != null)
                return Tools.CallToolResult.error("Tool '" + name + "' returned structuredContent that does not conform to its output schema: " + outputProblems);
        }
        return result;
    }

    private static String describe(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.lang.reflect.InvocationTargetException || t.getMessage() == null)) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    Resources.ListResourcesResult listResources(PaginatedParams params) {
        return listings.page("resources/list", null, cursor(params), () -> renderResources(params));
    }

    private Resources.ListResourcesResult renderResources(PaginatedParams params) {
        Page<Registry.RegisteredResource> p = page(registry.resources(), r -> r.definition().uri(), params);
        return Resources.ListResourcesResult.page(p.items().stream().map(Registry.RegisteredResource::definition).toList(), p.next());
    }

    Resources.ListResourceTemplatesResult listTemplates(PaginatedParams params) {
        return listings.page("resources/templates/list", null, cursor(params), () -> renderTemplates(params));
    }

    private Resources.ListResourceTemplatesResult renderTemplates(PaginatedParams params) {
        Page<Registry.RegisteredTemplate> p = page(registry.templates(), t -> t.definition().uriTemplate(), params);
        return Resources.ListResourceTemplatesResult.page(p.items().stream().map(Registry.RegisteredTemplate::definition).toList(), p.next());
    }

    Resources.ReadResult read(String uri, Context context) throws Exception {
        if (uri == null) throw McpException.invalidParams("resources/read needs a uri");
        Registry.RegisteredResource fixed = registry.resource(uri);
        if (fixed != null) return contents(uri, fixed.definition().mimeType(), fixed.reader().read(uri, Map.of(), context));
        for (Registry.RegisteredTemplate t : registry.templates()) {
            Map<String, String> vars = t.template().match(uri);
            if (vars != null) return contents(uri, t.definition().mimeType(), t.reader().read(uri, vars, context));
        }
        throw new McpException(RESOURCE_NOT_FOUND, "Resource not found: " + uri,
                mapper.createObjectNode().put("uri", uri));
    }

    /** Whether a resource or template of the server matches {@code uri}. */
    boolean served(String uri) {
        if (registry.resource(uri) != null) return true;
        for (Registry.RegisteredTemplate t : registry.templates()) if (t.template().match(uri) != null) return true;
        return false;
    }

    /** The 2025-11-25 error code for an unknown resource. */
    static final int RESOURCE_NOT_FOUND = -32002;

    private static Resources.ReadResult contents(String uri, String mimeType, Object value) {
        return switch (value) {
            case Resources.ReadResult r -> r;
            case ResourceContents c -> Resources.ReadResult.of(c);
            case String text -> Resources.ReadResult.of(ResourceContents.text(uri, mimeType == null ? "text/plain" : mimeType, text));
            case byte[] bytes -> Resources.ReadResult.of(ResourceContents.blob(uri, mimeType == null ? "application/octet-stream" : mimeType, bytes));
            case List<?> list -> {
                List<ResourceContents> out = new ArrayList<>();
                for (Object o : list) out.add((ResourceContents) o);
                yield new Resources.ReadResult(out, null);
            }
            case null, default -> throw new McpException(JsonRpc.INTERNAL_ERROR,
                    "reader of '" + uri + "' returned " + (value == null ? "null" : value.getClass().getName()) + "; expected String, byte[] or ResourceContents");
        };
    }

    JsonRpc.EmptyResult subscribe(Session session, String uri) {
        if (uri == null) throw McpException.invalidParams("resources/subscribe needs a uri");
        subscriptions.watcher().subscribing(session.id(), uri, served(uri));
        subscriptions.add(session, uri);
        session.changed();
        return JsonRpc.EmptyResult.INSTANCE;
    }

    JsonRpc.EmptyResult unsubscribe(Session session, String uri) {
        if (uri == null) throw McpException.invalidParams("resources/unsubscribe needs a uri");
        boolean had = session.subscribedUris().contains(uri);
        subscriptions.remove(session, uri);
        if (had) subscriptions.watcher().unsubscribed(session.id(), uri);
        session.changed();
        return JsonRpc.EmptyResult.INSTANCE;
    }

    Prompts.ListPromptsResult listPrompts(PaginatedParams params) {
        return listings.page("prompts/list", null, cursor(params), () -> renderPrompts(params));
    }

    private Prompts.ListPromptsResult renderPrompts(PaginatedParams params) {
        Page<Registry.RegisteredPrompt> p = page(registry.prompts(), r -> r.definition().name(), params);
        return Prompts.ListPromptsResult.page(p.items().stream().map(Registry.RegisteredPrompt::definition).toList(), p.next());
    }

    Prompts.GetPromptResult getPrompt(Prompts.GetPromptParams params, Context context) throws Exception {
        Registry.RegisteredPrompt prompt = registry.prompt(params.name());
        if (prompt == null) throw McpException.invalidParams("Unknown prompt: '" + params.name() + "'");
        Map<String, String> args = params.arguments() == null ? Map.of() : params.arguments();
        if (prompt.definition().arguments() != null)
            for (Prompts.PromptArgument a : prompt.definition().arguments())
                if (Boolean.TRUE.equals(a.required()) && !args.containsKey(a.name()))
                    throw McpException.invalidParams("Missing required argument '" + a.name() + "' for prompt '" + params.name() + "'");
        Object value = prompt.handler().get(args, context);
        return switch (value) {
            case Prompts.GetPromptResult r -> r;
            case String text -> Prompts.GetPromptResult.of(prompt.definition().description(), Prompts.PromptMessage.user(text));
            case List<?> list -> {
                List<Prompts.PromptMessage> messages = new ArrayList<>();
                for (Object o : list) messages.add((Prompts.PromptMessage) o);
                yield new Prompts.GetPromptResult(prompt.definition().description(), messages, null);
            }
            case null, default -> throw new McpException(JsonRpc.INTERNAL_ERROR, "prompt '" + params.name() + "' returned an unsupported value");
        };
    }

    Completion.CompleteResult complete(Completion.CompleteParams params) throws Exception {
        Completer completer = registry.completer(params.ref(), params.argument().name());
        if (completer == null) return Completion.CompleteResult.empty();
        Map<String, String> others = params.context() == null || params.context().arguments() == null ? Map.of() : params.context().arguments();
        return Completion.CompleteResult.of(completer.complete(params.argument().value() == null ? "" : params.argument().value(), others));
    }
}
