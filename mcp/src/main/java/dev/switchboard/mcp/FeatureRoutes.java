package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.PaginatedParams;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.Route;
import dev.switchboard.kernel.Subsystem;
import java.time.Duration;

/**
 * The kernel routes of the MCP features: the one place where a request's destination is decided.
 *
 * <p>The dispatcher only names a path ({@code tools://call/{name}}, {@code resources://read}, …);
 * the kernel's router resolves it once, to the target registered here, and runs that target under
 * the kernel's admission, mailbox, ledger and scopes. Each tool has a route of its own, so the
 * router's resolution is the tool's resolution: an unknown tool is a path with no route, a tool
 * added or removed at run time is a route added or removed, and a tool served elsewhere (an agent
 * pool, another node) is another target behind the same path. All-literal routes resolve with one
 * hash lookup however many tools there are.
 */
final class FeatureRoutes {
    static final String TOOLS_LIST = "tools://list";
    static final String TOOL_CALL_PREFIX = "tools://call/";
    static final String RESOURCES_LIST = "resources://list";
    static final String RESOURCES_TEMPLATES = "resources://templates";
    static final String RESOURCES_READ = "resources://read";
    static final String RESOURCES_SUBSCRIBE = "resources://subscribe";
    static final String RESOURCES_UNSUBSCRIBE = "resources://unsubscribe";
    static final String PROMPTS_LIST = "prompts://list";
    static final String PROMPTS_GET = "prompts://get";
    static final String COMPLETE = "completion://complete";

    private final Kernel kernel;
    private final Features features;
    private final JsonRpcCodec codec;
    private final Duration clientTimeout;
    /** MCP Tasks, or null: a task-augmented call of a tool is answered with a task handle by the same route. */
    private final TaskProtocol tasks;
    private final DestructiveConfirmation confirmation;

    FeatureRoutes(Kernel kernel, Features features, JsonRpcCodec codec, Duration clientTimeout, TaskProtocol tasks, DestructiveConfirmation confirmation) {
        this.tasks = tasks;
        this.confirmation = confirmation;
        this.kernel = kernel;
        this.features = features;
        this.codec = codec;
        this.clientTimeout = clientTimeout;
    }

    /** Registers the feature subsystems and a route for every tool {@code registry} holds now. */
    void register(Registry registry) {
        kernel.register(Subsystem.builder("tools").maxAttempts(1)
                .route(TOOLS_LIST, local((c, x) -> features.listTools(c.request().params(PaginatedParams.class), c.exchange().principal())))
                .build());
        kernel.register(Subsystem.builder("resources").maxAttempts(1)
                .route(RESOURCES_LIST, local((c, x) -> features.listResources(c.request().params(PaginatedParams.class))))
                .route(RESOURCES_TEMPLATES, local((c, x) -> features.listTemplates(c.request().params(PaginatedParams.class))))
                .route(RESOURCES_READ, local((c, x) -> features.read(c.request().params(Resources.ReadParams.class).uri(), x)))
                .route(RESOURCES_SUBSCRIBE, local((c, x) -> features.subscribe(c.session(), c.request().params(Resources.SubscribeParams.class).uri())))
                .route(RESOURCES_UNSUBSCRIBE, local((c, x) -> features.unsubscribe(c.session(), c.request().params(Resources.UnsubscribeParams.class).uri())))
                .build());
        kernel.register(Subsystem.builder("prompts").maxAttempts(1)
                .route(PROMPTS_LIST, local((c, x) -> features.listPrompts(c.request().params(PaginatedParams.class))))
                .route(PROMPTS_GET, local((c, x) -> features.getPrompt(c.request().params(Prompts.GetPromptParams.class), x)))
                .build());
        kernel.register(Subsystem.builder("completion").maxAttempts(1)
                .route(COMPLETE, local((c, x) -> features.complete(c.request().params(Completion.CompleteParams.class))))
                .build());
        for (Registry.RegisteredTool tool : registry.tools())
            addTool(tool, registry.isNonBlocking(tool.definition().name()), registry.toolScopes(tool.definition().name()));
    }

    /**
     * Routes {@code tools://call/{name}} of {@code tool} to its handler, here; a non-blocking tool's
     * route is inline, so it runs on the transport's thread without the virtual-thread hop.
     */
    void addTool(Registry.RegisteredTool tool, boolean nonBlocking, java.util.Set<String> scopes) {
        checkRoutable(tool.definition().name());
        LocalTarget.Work call = (c, x) -> {
            Tools.CallToolParams params = c.request().params(Tools.CallToolParams.class);
            confirmation.confirm(tool.definition(), x); // before a task is made or the handler runs
            // a call the client asked to run as a task (or a tool that runs only as one) is stored durably and answered with its handle
            TaskProtocol.TaskCall asTask = tasks == null ? null : tasks.call(c.session(), c.request(), tool, params, c.round() != null || isStateless(c.session()),
                    c.exchange().principal());
            return asTask != null ? asTask.run(x) : features.callTool(tool, params, x);
        };
        Route route = Route.of(toolPath(tool.definition().name()), new LocalTarget(call, codec, clientTimeout, nonBlocking));
        if (!scopes.isEmpty()) route = route.requires(dev.switchboard.kernel.Permission.READ, scopes);
        kernel.addRoute(nonBlocking ? route.inline() : route);
    }

    /** Removes the route of tool {@code name}; later calls find no route: an unknown tool. */
    void removeTool(String name) {
        kernel.removeRoute(toolPath(name));
    }

    /** The path of a call of tool {@code name}. */
    static String toolPath(String name) {
        return TOOL_CALL_PREFIX + name;
    }

    private static boolean isStateless(Session session) {
        return "stateless".equals(session.transport());
    }

    /** Refuses, at registration, a tool name that a route cannot carry as literal text. */
    private static void checkRoutable(String name) {
        String problem = name.isEmpty() ? "is empty"
                : name.contains("{") || name.contains("}") ? "contains '{' or '}'"
                : name.startsWith("/") || name.endsWith("/") || name.contains("//") ? "has an empty '/'-separated part"
                : name.equals("*") || name.endsWith("/*") ? "ends with the wildcard '*'" : null;
        if (problem != null)
            throw new IllegalArgumentException("tool name '" + name + "' " + problem + "; tool names are letters, digits, '_', '-', '.' (and '/')");
    }

    private LocalTarget local(LocalTarget.Work work) {
        return new LocalTarget(work, codec, clientTimeout, false);
    }
}
