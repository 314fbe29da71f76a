package dev.switchboard.mcp;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.kernel.Message;
import dev.switchboard.kernel.Subscription;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.SessionHost;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP server: tools, resources, prompts and completions served over any transport, with every
 * request dispatched through the message kernel.
 *
 * <pre>{@code
 * record Greet(String name) {}
 *
 * McpServer.builder("hello", "1.0.0")
 *     .tool("greet", "Greets a person", Greet.class, g -> "Hello, " + g.name())
 *     .build()
 *     .serve(Transport.http(8080));
 * }</pre>
 *
 * <p>Transports drive it through its {@link #sessionHost() session host}: the server owns
 * sessions, their ids, the cap and idle eviction. Notifications (list changes, resource updates)
 * travel on the kernel's event bus under {@code mcp://notify/…}, the seam where a cluster bridges
 * them to other nodes.
 */
public final class McpServer implements AutoCloseable {
    static final String RESOURCE_UPDATED = "mcp://notify/resource-updated";
    static final String LIST_CHANGED = "mcp://notify/list-changed";

    private final Implementation info;
    private final Features features;
    private final Kernel kernel;
    private final boolean ownsKernel;
    private final JsonRpcCodec codec;
    private final Subscriptions subscriptions = new Subscriptions();
    private final SessionTable sessions;
    private final ServedCatalogue catalogue;
    /** MCP Tasks (both eras), or null when no tool runs as a task. */
    private final TaskProtocol tasks;
    private final SessionHost host;
    private final ListenStreams listens;
    private final EventKeys eventKeys;
    private final Subscription notifications;
    private final FeatureRequests requests;
    private final Thread sweeper;
    private final List<Runnable> closeHooks;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private McpServer(Builder b) {
        this.info = b.info;
        Registry registry = b.registry;
        this.codec = b.codec;
        ResultEncoders.prepare(codec);
        McpSettings settings = b.settings;
        this.ownsKernel = b.kernel == null;
        this.closeHooks = List.copyOf(b.closeHooks);
        this.kernel = b.kernel != null ? b.kernel : Kernel.create(KernelConfig.defaults());
        Features features = this.features = new Features(registry, Cursor.forSecret(settings.requestStateKey()), settings.pageSize(), codec.mapper(), subscriptions);
        FeatureRequests requests = this.requests = new FeatureRequests(kernel, codec, b.budgets, b.frames);
        this.tasks = b.taskChoices.open(registry, codec, settings, b.budgets);
        Dispatcher dispatcher = new Dispatcher(codec, requests, info, b.instructions, b.observer, tasks);
        this.sessions = new SessionTable(settings, subscriptions, dispatcher, b.sessionDirectory);
        this.listens = new ListenStreams(codec, subscriptions, features::served);
        this.eventKeys = new EventKeys(b.sessionDirectory != null);
        if (tasks != null) tasks.engine().onStatusChange(new TaskNotifier(sessions::find, listens, tasks.wire, codec, b.sessionDirectory == null ? null
                : body -> kernel.bus().publish(Message.of(TaskNotifier.TASK_STATUS, body, eventKeys.stamp())), sessions.elsewhere(kernel.bus())));
        RequestStates states = new RequestStates(settings.requestStateKey(), settings.requestStateTtl(), java.time.Clock.systemUTC(), codec.mapper());
        StatelessDispatcher stateless = new StatelessDispatcher(codec, requests, registry, states, listens, info, b.instructions, b.observer, dispatcher, tasks);
        FeatureRoutes routes = new FeatureRoutes(kernel, features, codec, settings.clientTimeout(), tasks, new DestructiveConfirmation(b.frames.confirmDestructive()));
        routes.register(registry);
        this.catalogue = new ServedCatalogue(registry, routes, method -> kernel.bus().publish(Message.of(LIST_CHANGED, method, eventKeys.stamp())));
        this.host = new ServerSessionHost(sessions, dispatcher, stateless);
        this.notifications = kernel.bus().subscribe("mcp://notify/>", new NotificationDelivery(codec, subscriptions, sessions, listens)::deliver);
        this.sweeper = sessions.startIdleSweeper(settings.idleTimeout());
    }

    public static Builder builder(String name, String version) {
        return new Builder(Implementation.of(name, version));
    }

    /**
     * Serves on {@code transport} until it ends (end of input for stdio; for a listener, until the
     * process stops), then closes the server. The usual last line of a {@code main}.
     */
    public void serve(Transport transport) {
        try (Served served = start(transport)) {
            served.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** Starts serving on {@code transport} and returns at once (the listener is bound); the server stays open when it stops. */
    public Served start(Transport transport) {
        return InstalledTransports.start(transport, host, codec);
    }

    /** The transport seam: what a transport implementation drives. Applications do not need it. */
    public SessionHost sessionHost() {
        return host;
    }

    public JsonRpcCodec codec() { return codec; }

    public Kernel kernel() { return kernel; }

    public Implementation info() { return info; }

    /**
     * Gives {@code explain} each name of a {@code tools/call} no tool answers to; the error it returns
     * (null: none) replaces "Unknown tool", e.g. a gateway naming the agent that has not started.
     */
    public void explainUnknownTools(java.util.function.Function<String, dev.switchboard.mcp.protocol.JsonRpc.Error> explain) {
        requests.unknownTools(explain);
    }

    /** Hits, misses and evictions of the cache of rendered listing pages (tools, resources, templates, prompts), for /metrics. */
    public ListingCacheCounts listingCache() {
        return features.listings.counts();
    }

    public int sessionCount() { return sessions.size(); }

    /** Tells {@code listener} the id of each session that ends on this server, whatever ended it. */
    public void onSessionEnded(java.util.function.Consumer<String> listener) {
        sessions.onEnded(listener);
    }

    /** Ends sessions idle past {@code sessions.idleTimeoutMs} now (the server also does it periodically). */
    public int evictIdleSessions() {
        return sessions.evictIdle();
    }

    /** Tells every session subscribed to {@code uri} that it changed. */
    public void resourceUpdated(String uri) {
        kernel.bus().publish(Message.of(RESOURCE_UPDATED, uri, eventKeys.stamp()));
    }

    /** Resumes the tasks a previous run left live (see {@link Builder#recoverTasksLater}); once, later calls return 0. Returns how many were re-run. */
    public int recoverTasks() {
        return tasks == null ? 0 : tasks.recover();
    }

    /**
     * Says whether a task of tool {@code name} left live by a previous run is re-run at restart
     * ({@code safe}), and else the message it fails with; without it, a tool's idempotentHint decides.
     */
    public void taskRerun(String name, boolean safe, String notRetried) {
        if (tasks != null) tasks.rerun(name, safe, notRetried);
    }

    /** Tells {@code watcher} of every {@code resources/subscribe} and {@code unsubscribe} from now on (replacing any earlier one). */
    public void watchSubscriptions(SubscriptionWatcher watcher) {
        subscriptions.watch(watcher);
    }

    /** Adds a tool at run time and tells every session the list changed. */
    public void addTool(Tools.Tool definition, ToolHandler<ObjectNode> handler) {
        catalogue.addTool(definition, handler);
    }

    /** Adds a resource at run time and tells every session the resource list changed. */
    public void addResource(Resources.Resource definition, ResourceReader reader) {
        catalogue.addResource(definition, reader);
    }

    /** Adds a resource template at run time and tells every session the resource list changed. */
    public void addResourceTemplate(Resources.ResourceTemplate definition, ResourceReader reader) {
        catalogue.addResourceTemplate(definition, reader);
    }

    /** Removes the resource at {@code uri} (or the template {@code uri}) at run time; {@code false} when there was none. */
    public boolean removeResource(String uri) {
        return catalogue.removeResource(uri);
    }

    /** Adds a prompt at run time and tells every session the prompt list changed. */
    public void addPrompt(Prompts.Prompt definition, PromptHandler handler) {
        catalogue.addPrompt(definition, handler);
    }

    /**
     * The definition of the tool registered under {@code name}, or {@code null}: the lookup every
     * {@code tools/call} makes (public for callers that check a tool exists, and for the benchmarks
     * module's {@code RegistryBenchmark}).
     */
    public Tools.Tool tool(String name) {
        return catalogue.tool(name);
    }

    /** Every registered tool's definition, listed or not (see {@link #toolListing}), in registration order. */
    public List<Tools.Tool> tools() {
        return catalogue.tools();
    }

    /**
     * Sets what {@code tools/list} shows: {@code view} gets the whole catalogue and returns the
     * tools to list (tool search lists only {@code find_tools} and the most used tools). Hidden
     * tools stay callable. Sessions are told the list changed.
     */
    public void toolListing(java.util.function.UnaryOperator<List<Tools.Tool>> view) {
        catalogue.toolListing(view);
    }

    /** Removes a tool at run time; {@code false} when there was none. */
    public boolean removeTool(String name) {
        return catalogue.removeTool(name);
    }

    /** Removes a prompt at run time; {@code false} when there was none. */
    public boolean removePrompt(String name) {
        return catalogue.removePrompt(name);
    }

    /** Open {@code subscriptions/listen} streams of stateless clients. */
    public int listenStreamCount() {
        return listens.size();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        closeHooks.forEach(Runnable::run);
        sweeper.interrupt();
        notifications.close();
        listens.closeAll();
        sessions.endAll();
        if (tasks != null) tasks.close();
        if (ownsKernel) kernel.close();
    }

    /**
     * The task engine when the server runs tools as tasks ({@link Builder#tasks}), else empty: its
     * ledger feeds metrics, and {@code recover()} has already run when the server was built.
     */
    public java.util.Optional<dev.switchboard.tasks.TaskEngine> taskEngine() {
        return java.util.Optional.ofNullable(tasks).map(TaskProtocol::engine);
    }

    /** Builds an {@link McpServer}. */
    public static final class Builder {
        private final Implementation info;
        private final Registry registry = new Registry();
        private final JsonRpcCodec codec = JsonRpcCodec.create();
        private final List<Runnable> closeHooks = new ArrayList<>();
        private String instructions;
        private Kernel kernel;
        private McpSettings settings = McpSettings.defaults();
        private Budgets budgets = Budgets.none();
        private FrameRules frames = FrameRules.defaults();
        private RequestObserver observer = RequestObserver.NONE;
        private final TaskChoices taskChoices = new TaskChoices();
        private SessionDirectory sessionDirectory;

        private Builder(Implementation info) {
            this.info = info;
        }

        public Builder instructions(String text) {
            this.instructions = text;
            return this;
        }

        /** Runs on this kernel instead of a private one (the server registers its subsystems on it). */
        public Builder kernel(Kernel k) {
            this.kernel = k;
            return this;
        }

        /** Runs {@code hook} when the server closes, before its sessions end: stop what feeds it. */
        public Builder onClose(Runnable hook) {
            closeHooks.add(hook);
            return this;
        }

        /** Tells {@code o} about every request this server dispatches (metrics, tracing, access logs). */
        public Builder observer(RequestObserver o) {
            this.observer = java.util.Objects.requireNonNull(o, "observer");
            return this;
        }

        public Builder settings(McpSettings s) {
            this.settings = s;
            return this;
        }

        /** Deadlines per request and tool-call budgets per session and tenant (none by default). */
        public Builder budgets(Budgets b) {
            this.budgets = java.util.Objects.requireNonNull(b, "budgets");
            return this;
        }

        /** How each request's {@link ContextFrame} is read from its token and {@code _meta} ({@link FrameRules#defaults()} by default). */
        public Builder frames(FrameRules f) {
            this.frames = java.util.Objects.requireNonNull(f, "frames");
            return this;
        }

        /** A tool whose arguments are the record {@code type}; its input schema is generated from it. */
        public <A> Builder tool(String name, String description, Class<A> type, Function<A, Object> handler) {
            return tool(name, description, type, (A a, Context c) -> handler.apply(a));
        }

        public <A> Builder tool(String name, String description, Class<A> type, ToolHandler<A> handler) {
            return tool(Tools.Tool.of(name, description, JsonSchemas.generate(type)), type, handler);
        }

        /** A tool with structured output: the output schema is generated from {@code output}. */
        public <A, R> Builder tool(String name, String description, Class<A> type, Class<R> output, ToolHandler<A> handler) {
            return tool(Tools.Tool.of(name, description, JsonSchemas.generate(type)).withOutputSchema(JsonSchemas.generate(output)), type, handler);
        }

        /**
         * A tool that runs as a durable task (see {@link #tasks}): {@code taskSupport} is
         * {@code "optional"} (a task when the client can take one) or {@code "required"};
         * {@code retrySafe} marks it idempotent, so a restart re-runs it instead of failing it.
         */
        public <A> Builder taskTool(String name, String description, Class<A> type, String taskSupport, boolean retrySafe,
                                    ToolHandler<A> handler) {
            return tool(TaskChoices.toolDefinition(name, description, JsonSchemas.generate(type), taskSupport, retrySafe), type, handler);
        }

        /**
         * Gives task tool {@code name} a synchronous start: {@code before} runs on the creating call
         * (its input rounds are the call's own) and what it returns joins the task's arguments.
         */
        public Builder beforeTask(String name, BeforeTask before) {
            taskChoices.beforeTask.put(java.util.Objects.requireNonNull(name, "name"), java.util.Objects.requireNonNull(before, "before"));
            return this;
        }

        /** A tool with a full definition (title, annotations, icons, schemas) and typed arguments. */
        public <A> Builder tool(Tools.Tool definition, Class<A> type, ToolHandler<A> handler) {
            registry.add(Registry.compile(definition, Registry.invoker(type, handler, codec.mapper())));
            return this;
        }

        /** A tool with a full definition and raw JSON arguments. */
        public Builder tool(Tools.Tool definition, ToolHandler<ObjectNode> handler) {
            registry.add(Registry.compile(definition, handler::call));
            return this;
        }

        /**
         * Whether {@code tools/list} shows an authenticated caller every tool ({@code true}) or, by
         * default, only those whose {@link #toolScopes scopes} its token carries.
         */
        public Builder listAllTools(boolean all) {
            registry.listsOnlyCallable(!all);
            return this;
        }

        /**
         * Declares the OAuth scopes a caller must hold, all of them, to call tool {@code name}:
         * the tool's kernel route requires them, so a caller without them is refused before the
         * tool runs (over HTTP with an authenticator: 403 naming the scopes, for step-up).
         */
        public Builder toolScopes(String name, String... scopes) {
            registry.toolScopes(name, java.util.Set.of(scopes));
            return this;
        }

        /**
         * Declares that tool {@code name} needs these client capabilities ({@code sampling},
         * {@code elicitation}, {@code roots}): a stateless-era call from a client that did not
         * declare them is refused with -32021 before the tool runs.
         */
        public Builder toolNeeds(String name, String... clientCapabilities) {
            registry.toolNeeds(name, java.util.Set.of(clientCapabilities));
            return this;
        }

        /**
         * Declares that tool {@code name}'s handler never blocks (no I/O, no sleeping, no waiting for
         * the client) and is short: it then runs inline on the transport's thread, without the
         * virtual-thread hop. It cannot ask the client (sample, elicit, roots) in the session era,
         * and {@code notifications/cancelled} does not interrupt it. Measure before declaring it.
         */
        public Builder nonBlocking(String name) {
            registry.nonBlocking(name);
            return this;
        }

        /** Every {@link Tool @Tool} method of {@code target}. */
        public Builder tools(Object target) {
            AnnotatedTools.register(target, codec.mapper(), registry);
            return this;
        }

        /**
         * Every {@link Tool @Tool}, {@link Resource @Resource} and {@link Prompt @Prompt} method of
         * {@code target}: the annotated way to write a whole server in one class.
         */
        public Builder annotated(Object target) {
            tools(target);
            AnnotatedMethods.register(target, registry);
            return this;
        }

        public Builder resource(String uri, String name, String description, String mimeType, ResourceReader reader) {
            return resource(new Resources.Resource(uri, name, null, description, mimeType, null, null, null, null), reader);
        }

        public Builder resource(Resources.Resource definition, ResourceReader reader) {
            registry.add(new Registry.RegisteredResource(definition, reader));
            return this;
        }

        public Builder resourceTemplate(String uriTemplate, String name, String description, String mimeType, ResourceReader reader) {
            return resourceTemplate(new Resources.ResourceTemplate(uriTemplate, name, null, description, mimeType, null, null, null), reader);
        }

        public Builder resourceTemplate(Resources.ResourceTemplate definition, ResourceReader reader) {
            registry.add(new Registry.RegisteredTemplate(definition, UriTemplate.parse(definition.uriTemplate()), reader));
            return this;
        }

        public Builder prompt(String name, String description, List<Prompts.PromptArgument> arguments, PromptHandler handler) {
            return prompt(new Prompts.Prompt(name, null, description, arguments, null, null), handler);
        }

        public Builder prompt(Prompts.Prompt definition, PromptHandler handler) {
            registry.add(new Registry.RegisteredPrompt(definition, handler));
            return this;
        }

        /** Completes {@code argument} of the prompt or resource template {@code ref}. */
        public Builder completion(Completion.Reference ref, String argument, Completer completer) {
            registry.addCompleter(ref, argument, completer);
            return this;
        }

        /**
         * Runs tools that declare {@code execution.taskSupport} as durable MCP tasks (both eras) on
         * the store {@code store} opens, which the server closes with itself. The store is opened at
         * build, and only when some tool declares task support. At build, tasks a previous run left
         * live are resumed: re-run when the tool is idempotent ({@code idempotentHint}), else ended
         * failed with "server restarted during the task".
         *
         * @throws dev.switchboard.tasks.TaskStoreException from {@link #build()} when the store
         *         cannot be opened (the message names its path)
         */
        public Builder tasks(java.util.function.Supplier<dev.switchboard.tasks.TaskStore> store, dev.switchboard.tasks.TaskLimits limits) {
            taskChoices.store = java.util.Objects.requireNonNull(store, "store");
            taskChoices.limits = java.util.Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * For a server whose task tools are added after build (a gateway's agents): the task store
         * opens at build even with no task tool yet, and the tasks a previous run left live are
         * resumed only at {@link McpServer#recoverTasks()}, once those tools are there. With a shared
         * store (a cluster node) the node takes no task from the cluster's queue before then either.
         */
        public Builder recoverTasksLater() {
            taskChoices.recoverLater = true;
            return this;
        }

        /** True once {@link #tasks} was called. */
        public boolean hasTasks() {
            return taskChoices.store != null;
        }

        /**
         * Keeps session-era sessions in {@code directory} as well as in memory, so that every node
         * sharing it answers any request of any session (the cluster module's JetStream directory).
         * Without one, sessions live in this process only.
         */
        public Builder sessionDirectory(SessionDirectory directory) {
            this.sessionDirectory = java.util.Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Tasks on the embedded store in {@code directory} with the default limits. */
        public Builder tasks(java.nio.file.Path directory) {
            return tasks(() -> dev.switchboard.tasks.TaskStore.embedded(directory), dev.switchboard.tasks.TaskLimits.defaults());
        }

        public McpServer build() {
            McpServer server = new McpServer(this);
            if (server.tasks != null && !taskChoices.recoverLater) server.tasks.recover();
            return server;
        }
    }
}
